from django.db import migrations
from django.utils import timezone


def start_the_log(apps, schema_editor):
    """A site that had products before the log existed: its history starts now, with
    each listed product's current state (otherwise the log would count them as never listed)."""
    Product = apps.get_model("catalog", "Product")
    ListingEvent = apps.get_model("reports", "ListingEvent")
    logged = ListingEvent.objects.values("product_id")
    now = timezone.now()
    listed = (
        Product.objects.exclude(listing_state="unlisted")
        .exclude(pk__in=logged)
        .select_related("origin_commune")
        .order_by("pk")
    )
    ListingEvent.objects.bulk_create(
        (
            ListingEvent(
                product_id=product.pk,
                at=now,
                state=product.listing_state,
                producer_id=product.producer_id,
                category_id=product.category_id,
                commune_id=product.origin_commune_id,
                legacy_district_id=(
                    product.origin_commune.legacy_district_id if product.origin_commune else None
                ),
                certifications=product.certifications,
                ocop_stars=product.ocop_stars,
            )
            for product in listed.iterator(chunk_size=2000)
        ),
        batch_size=2000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0005_official_permissions"),
        ("catalog", "0006_product_listing_state"),
        ("areas", "0001_initial"),
    ]

    operations = [migrations.RunPython(start_the_log, migrations.RunPython.noop)]
