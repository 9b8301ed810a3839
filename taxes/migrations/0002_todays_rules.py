"""Today's rules as data (officials change them in the admin when the law changes)."""

import datetime
from decimal import Decimal

from django.db import migrations

from accounts.migration_helpers import grant_permissions
from accounts.roles import OFFICIALS

DECREE_117 = "Nghị định 117/2025/NĐ-CP, Điều 5 khoản 2"
RATES = [("goods", "1.00", "0.50"), ("services", "5.00", "2.00"), ("transport", "3.00", "1.50")]
SELLER_KINDS = [
    ("household", True, "Nghị định 117/2025/NĐ-CP, Điều 2 (hộ, cá nhân kinh doanh)"),
    ("cooperative_group", True, "Nghị định 117/2025/NĐ-CP, Điều 2 (cá nhân trong tổ hợp tác)"),
    ("cooperative", False, "Hợp tác xã tự kê khai, nộp thuế"),
    ("enterprise", False, "Doanh nghiệp tự kê khai, nộp thuế"),
]


def add_rules(apps, schema_editor):
    Rate = apps.get_model("taxes", "WithholdingRate")
    Rule = apps.get_model("taxes", "SellerKindRule")
    for kind, vat, pit in RATES:
        Rate.objects.get_or_create(
            supply_kind=kind,
            valid_from=datetime.date(2025, 7, 1),
            defaults={"vat_percent": Decimal(vat), "pit_percent": Decimal(pit),
                      "legal_basis": DECREE_117},  # fmt: skip
        )
    for kind, withheld, basis in SELLER_KINDS:
        Rule.objects.get_or_create(
            producer_kind=kind, defaults={"withheld": withheld, "legal_basis": basis}
        )
    grant_permissions(apps, OFFICIALS, "taxes", [
        "view_withholding", "view_withholdingrate", "add_withholdingrate",
        "change_withholdingrate", "view_sellerkindrule", "change_sellerkindrule",
        "view_categoryrule", "add_categoryrule", "change_categoryrule", "delete_categoryrule",
    ])  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("taxes", "0001_initial"), ("accounts", "0003_phone_verification")]

    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]
