from django.db import models


class SearchOutbox(models.Model):
    """A product whose search document must be refreshed.

    Written in the same transaction as the change, so the index can always catch
    up: if Elasticsearch is down, the row waits for the next drain.
    """

    product_id = models.BigIntegerField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"product {self.product_id}"
