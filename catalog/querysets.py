from django.db import models
from django.db.models import Prefetch


class ProductQuerySet(models.QuerySet):
    def public(self):
        """Listed products: on sale or sold out, not hidden, of a verified producer."""
        return self.filter(is_listed=True)

    def for_cards(self):
        """What a product card shows, in a fixed number of queries whatever the page size."""
        from .models import ProductPhoto

        return self.select_related(
            "producer", "category", "origin_commune", "producer__commune"
        ).prefetch_related(
            Prefetch(
                "photos",
                queryset=ProductPhoto.objects.select_related("image")
                .prefetch_related("image__renditions")
                .order_by("sort_order"),
            )
        )

    def in_season(self, month):
        return self.annotate(_in_season=models.F("harvest_month_mask").bitand(1 << month)).filter(
            _in_season__gt=0
        )

    def managed_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(producer__memberships__user=user).distinct()
