from django.db import models

from marketplace.text import fold


class ProducerQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status="verified")

    def with_listed_products(self):
        """Each producer's count of listed products, as `listed_products`."""
        return self.annotate(
            listed_products=models.Count("products", filter=models.Q(products__is_listed=True))
        )

    def managed_by(self, user):
        """Producers the user may edit: their own, or those they help as a digital-team member."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user).distinct()

    def owned_by(self, user):
        return self.filter(memberships__user=user, memberships__role="owner")

    def refresh_search_text(self, batch_size=2000):
        """Fold the search text and name of producers made by bulk_create, which skips save()."""
        batch = []
        for producer in self.select_related("commune__legacy_district").iterator(
            chunk_size=batch_size
        ):
            producer.search_text = producer.build_search_text()
            producer.search_name = fold(producer.display_name)
            batch.append(producer)
            if len(batch) == batch_size:
                self.model.objects.bulk_update(batch, ["search_text", "search_name"])
                batch = []
        self.model.objects.bulk_update(batch, ["search_text", "search_name"])
