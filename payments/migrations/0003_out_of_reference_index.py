from django.db import migrations

from marketplace.references import forget_rows


class Migration(migrations.Migration):
    dependencies = [
        ("payments", "0002_officials"),
        ("wagtailcore", "0078_referenceindex"),
    ]

    operations = [forget_rows("payments.Payment", "payments.Refund", "payments.Payout")]
