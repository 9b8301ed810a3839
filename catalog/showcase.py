"""The product sections of the home page."""

from . import caching
from .models import Category, Product, ProductStatus

SECTION_SIZE = 8


def home_sections(request, today):
    """Registered for the home page in wagtail_hooks; the page shares the first photo shown."""
    public = Product.objects.public().for_cards()
    sections = {
        "in_season": list(
            public.filter(status=ProductStatus.ACTIVE)
            .in_season(today.month)
            .order_by("-listed_at", "-pk")[:SECTION_SIZE]
        ),
        "featured": list(public.filter(featured=True).order_by("-listed_at", "-pk")[:SECTION_SIZE]),
        "newest": list(public.order_by("-listed_at", "-pk")[:SECTION_SIZE]),
    }
    covers = (
        product.cover for name in ("in_season", "featured", "newest") for product in sections[name]
    )
    shown = {product.pk for products in sections.values() for product in products}
    return {
        **sections,
        "page_tags": caching.products_shown(sorted(shown)),
        "categories": Category.get_root_nodes(),
        "share_image": next((cover.image for cover in covers if cover), None),
    }
