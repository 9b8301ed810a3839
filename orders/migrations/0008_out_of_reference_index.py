from django.db import migrations

from marketplace.references import forget_rows


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0007_placed_at"),
        ("wagtailcore", "0078_referenceindex"),
    ]

    operations = [forget_rows("orders.Order")]
