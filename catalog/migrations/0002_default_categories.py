from django.db import migrations

# The category tree buyers browse. Names are Vietnamese data, not UI strings.
TREE = [
    ("Trái cây", "trai-cay", [
        ("Xoài", "xoai"), ("Sầu riêng", "sau-rieng"), ("Vú sữa", "vu-sua"),
        ("Thanh long", "thanh-long"), ("Bưởi", "buoi"), ("Khóm, dứa", "khom-dua"),
        ("Chôm chôm", "chom-chom"), ("Mít", "mit"), ("Sơ ri", "so-ri"), ("Dừa", "dua"),
    ]),
    ("Rau củ", "rau-cu", []),
    ("Gạo và ngũ cốc", "gao-ngu-coc", []),
    ("Thủy sản", "thuy-san", [("Tôm", "tom"), ("Cá", "ca")]),
    ("Gia súc, gia cầm", "gia-suc-gia-cam", []),
    ("Đặc sản chế biến", "dac-san-che-bien", [("Hủ tiếu, bánh", "hu-tieu-banh"), ("Mắm", "mam")]),
    ("Sản phẩm OCOP", "san-pham-ocop", []),
]  # fmt: skip


def _step(number):
    # treebeard's materialised path: 4 base-36 digits per level.
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    digits = ""
    for _ in range(4):
        number, remainder = divmod(number, 36)
        digits = alphabet[remainder] + digits
    return digits


def create_categories(apps, schema_editor):
    Category = apps.get_model("catalog", "Category")
    if Category.objects.exists():
        return
    for root_number, (name, slug, children) in enumerate(TREE, start=1):
        root_path = _step(root_number)
        Category.objects.create(
            name=name, slug=slug, path=root_path, depth=1, numchild=len(children)
        )
        for child_number, (child_name, child_slug) in enumerate(children, start=1):
            Category.objects.create(
                name=child_name,
                slug=child_slug,
                path=root_path + _step(child_number),
                depth=2,
                numchild=0,
            )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(create_categories, migrations.RunPython.noop)]
