"""Demo and synthetic catalogues, with product photos drawn by Pillow (no network)."""

import datetime
import io
import random
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFilter
from wagtail.images import get_image_model

from marketplace.text import vietnamese_slug

from .labels import _font
from .listing import import_history, refresh_listing
from .models import Category, Product, ProductPhoto, ProductStatus

PHOTO_VARIANTS = 3


@dataclass(frozen=True)
class Specialty:
    name: str
    category: str
    unit: str
    price: tuple  # đồng, min and max
    months: tuple
    colour: tuple
    step: str = "1"


SPECIALTIES = [
    Specialty("Xoài cát Hòa Lộc", "xoai", "kg", (60_000, 120_000), (3, 4, 5, 6), (236, 196, 54), "0.5"),
    Specialty("Vú sữa Lò Rèn Vĩnh Kim", "vu-sua", "kg", (45_000, 80_000), (12, 1, 2, 3), (142, 72, 140), "0.5"),
    Specialty("Sầu riêng Ngũ Hiệp", "sau-rieng", "kg", (70_000, 160_000), (5, 6, 7, 8), (170, 160, 60), "0.5"),
    Specialty("Thanh long Chợ Gạo", "thanh-long", "kg", (15_000, 35_000), (4, 5, 6, 7, 8, 9), (214, 52, 110), "0.5"),
    Specialty("Khóm Tân Phước", "khom-dua", "qua", (8_000, 20_000), (3, 4, 5, 6, 7), (230, 170, 40)),
    Specialty("Bưởi lông Cổ Cò", "buoi", "qua", (40_000, 90_000), (8, 9, 10, 11, 12), (140, 190, 70)),
    Specialty("Sơ ri Gò Công", "so-ri", "kg", (20_000, 40_000), (3, 4, 5, 6), (205, 40, 40), "0.5"),
    Specialty("Chôm chôm Cai Lậy", "chom-chom", "kg", (20_000, 45_000), (5, 6, 7), (200, 50, 60), "0.5"),
    Specialty("Mít Thái Cai Lậy", "mit", "kg", (15_000, 35_000), (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), (180, 190, 60), "0.5"),
    Specialty("Dừa xiêm Tân Phú Đông", "dua", "qua", (10_000, 20_000), (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), (90, 160, 70)),
    Specialty("Gạo thơm Cai Lậy", "gao-ngu-coc", "tui", (60_000, 150_000), (3, 4, 8, 9), (235, 225, 200)),
    Specialty("Tôm càng xanh", "tom", "kg", (250_000, 420_000), (9, 10, 11, 12), (70, 130, 190), "0.5"),
    Specialty("Cá tra phi lê", "ca", "kg", (60_000, 110_000), (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), (200, 200, 210), "0.5"),
    Specialty("Rau màu Chợ Gạo", "rau-cu", "bo", (10_000, 25_000), (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), (60, 150, 60)),
    Specialty("Hủ tiếu Mỹ Tho", "hu-tieu-banh", "tui", (30_000, 70_000), (), (240, 235, 220)),
    Specialty("Mắm tôm chà Gò Công", "mam", "chai", (50_000, 120_000), (), (200, 90, 60)),
    Specialty("Gà thả vườn", "gia-suc-gia-cam", "con", (180_000, 320_000), (), (190, 120, 60)),
    Specialty("Xoài Cao Lãnh", "xoai", "kg", (35_000, 80_000), (2, 3, 4, 5), (240, 180, 40), "0.5"),
    Specialty("Quýt hồng Lai Vung", "trai-cay", "kg", (35_000, 70_000), (10, 11, 12, 1), (240, 120, 40), "0.5"),
    Specialty("Nem Lai Vung", "dac-san-che-bien", "hop", (40_000, 90_000), (), (220, 110, 110)),
    Specialty("Hạt sen Tháp Mười", "dac-san-che-bien", "kg", (150_000, 300_000), (5, 6, 7, 8), (235, 225, 180), "0.5"),
]  # fmt: skip
GRADES = ["loại 1", "loại 2", "hộp quà", "sỉ", "size lớn", "VietGAP", "mới thu hoạch"]


def draw_photo(specialty, variant, size=(800, 600)):
    """A simple still life: the produce's colour as fruit-like shapes on a soft background."""
    rng = random.Random(f"{specialty.name}-{variant}")
    width, height = size
    image = Image.new("RGB", size, (244, 241, 232))
    draw = ImageDraw.Draw(image)
    for y in range(height):  # a light gradient, like a table by a window
        shade = 244 - int(30 * y / height)
        draw.line([(0, y), (width, y)], fill=(shade, shade - 4, shade - 16))
    r, g, b = specialty.colour
    for _ in range(rng.randint(4, 7)):
        radius = rng.randint(70, 140)
        x, y = rng.randint(radius, width - radius), rng.randint(radius, height - radius - 60)
        tint = rng.randint(-25, 25)
        colour = tuple(max(0, min(255, c + tint)) for c in (r, g, b))
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colour)
        draw.ellipse([x - radius // 3, y - radius // 2, x, y - radius // 4], fill=(255, 255, 255))
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    draw = ImageDraw.Draw(image)
    draw.rectangle([(0, height - 64), (width, height)], fill=(31, 122, 58))
    draw.text((24, height - 52), specialty.name, font=_font(32, bold=True), fill="white")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def photo_library():
    """{specialty name: [Wagtail images]}, drawn once and shared by the demo products."""
    Image_ = get_image_model()
    library = {}
    for specialty in SPECIALTIES:
        library[specialty.name] = [
            Image_.objects.create(
                title=f"{specialty.name} {variant + 1}",
                file=ContentFile(
                    draw_photo(specialty, variant),
                    name=f"{vietnamese_slug(specialty.name)}-{variant + 1}.jpg",
                ),
            )
            for variant in range(PHOTO_VARIANTS)
        ]
    return library


def build_product(rng, producer, specialty, categories, now, slug):
    low, high = specialty.price
    status = rng.choices(
        [ProductStatus.ACTIVE, ProductStatus.SOLD_OUT, ProductStatus.DRAFT, ProductStatus.DELISTED],
        weights=[82, 8, 5, 5],
    )[0]
    listed_at = now - datetime.timedelta(days=rng.randint(0, 700), minutes=rng.randint(0, 1440))
    product = Product(
        producer=producer,
        name=slug[1],
        slug=slug[0],
        description=f"<p>{specialty.name} của {producer.display_name}, thu hoạch tại vườn.</p>",
        category=categories[specialty.category],
        price_vnd=rng.randrange(low, high, 1000),
        unit=specialty.unit,
        quantity_step=specialty.step,
        min_order_quantity=specialty.step if specialty.step != "1" else 1,
        stock_quantity=rng.choice([None, rng.randint(5, 500)]),
        origin_commune_id=producer.commune_id,
        certifications=["vietgap"] if rng.random() < 0.2 else [],
        ocop_stars=rng.choice([3, 4, 5]) if rng.random() < 0.07 else None,
        featured=rng.random() < 0.03,
        status=status,
        listed_at=None if status == ProductStatus.DRAFT else listed_at,
        delisted_at=min(listed_at + datetime.timedelta(days=rng.randint(1, 60)), now)
        if status == ProductStatus.DELISTED
        else None,
        created_at=listed_at - datetime.timedelta(days=1),
    )
    product.harvest_months = specialty.months
    product.search_text = product.build_search_text()  # bulk_create skips save()
    product.search_name = product.build_search_name()
    return product


@transaction.atomic
def create_products(producers, count, seed, photos=None):
    """`count` products spread over `producers`, with 1 or 2 shared photos each; bulk inserts."""
    rng = random.Random(seed)
    categories = {category.slug: category for category in Category.objects.all()}
    by_name = {specialty.name: specialty for specialty in SPECIALTIES}
    photos = photos or photo_library()
    now = timezone.now()
    taken = set(Product.objects.values_list("slug", flat=True))
    products = []
    for number in range(count):
        producer = producers[number % len(producers)]
        # A producer sells what it makes: a coconut garden sells coconuts.
        specialty = by_name.get(producer.main_products) or rng.choice(SPECIALTIES)
        name = f"{specialty.name} {rng.choice(GRADES)}"
        slug = vietnamese_slug(f"{name} {producer.display_name}")[:150]
        while slug in taken:
            slug = f"{slug[:140]}-{rng.randint(2, 99_999)}"
        taken.add(slug)
        products.append(build_product(rng, producer, specialty, categories, now, (slug, name)))
    Product.objects.bulk_create(products, batch_size=2000)
    refresh_listing(Product.objects.filter(producer__in=producers), record=False)
    import_history(Product.objects.filter(pk__in=[p.pk for p in products]))
    ProductPhoto.objects.bulk_create(
        (
            ProductPhoto(product=product, image=image, sort_order=position)
            for product in products
            for position, image in enumerate(
                rng.sample(photos[_specialty_of(product).name], rng.randint(1, 2))
            )
        ),
        batch_size=2000,
    )
    return products


def _specialty_of(product):
    return next(s for s in SPECIALTIES if product.name.startswith(s.name))


def create_demo_catalog(products_per_verified_producer=5.35, seed=2026):
    """~2,300 listed products (the province's reported figure) for the demo producers, once."""
    from producers.models import Producer

    if Product.objects.exists():
        return 0
    producers = list(Producer.objects.order_by("pk"))
    verified = [p for p in producers if p.status == "verified"]
    others = [p for p in producers if p.status != "verified"]
    photos = photo_library()
    made = create_products(
        verified, round(len(verified) * products_per_verified_producer), seed, photos
    )
    if others:
        made += create_products(others, len(others), seed + 1, photos)
    return len(made)
