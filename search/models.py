from django.db import models


class SearchOutbox(models.Model):
    """A product or a producer whose search document must be refreshed.

    Written in the same transaction as the change, so the index can always catch
    up: if Elasticsearch is down, the row waits for the next drain.
    """

    product_id = models.BigIntegerField(null=True, db_index=True)
    producer_id = models.BigIntegerField(null=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(product_id__isnull=True) ^ models.Q(producer_id__isnull=True),
                name="search_outbox_one_document",
            )
        ]

    def __str__(self):
        return f"product {self.product_id}" if self.product_id else f"producer {self.producer_id}"
