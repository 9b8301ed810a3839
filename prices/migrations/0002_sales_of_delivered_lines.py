"""The lines delivered before the price board existed become its first sales."""

from django.db import migrations


def record_delivered(apps, schema_editor):
    from prices.recording import sale_of

    OrderLine = apps.get_model("orders", "OrderLine")
    Sale = apps.get_model("prices", "Sale")
    delivered = (
        OrderLine.objects.filter(part__status="delivered")
        .select_related("part", "product__origin_commune", "product__producer__commune")
        .order_by("pk")
    )
    batch = []
    for line in delivered.iterator(chunk_size=2000):
        batch.append(sale_of(line, line.part.status_changed_at, sale_model=Sale))
        if len(batch) == 2000:
            Sale.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    Sale.objects.bulk_create(batch, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("prices", "0001_initial"),
        ("orders", "0016_orderline_wholesale"),
    ]

    operations = [migrations.RunPython(record_delivered, migrations.RunPython.noop)]
