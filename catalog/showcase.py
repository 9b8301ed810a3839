"""The product sections of the home page."""

from .models import Category, Product, ProductStatus

SECTION_SIZE = 8


def home_sections(today):
    public = Product.objects.public().for_cards()
    return {
        "in_season": public.filter(status=ProductStatus.ACTIVE)
        .in_season(today.month)
        .order_by("-listed_at", "-pk")[:SECTION_SIZE],
        "featured": public.filter(featured=True).order_by("-listed_at", "-pk")[:SECTION_SIZE],
        "newest": public.order_by("-listed_at", "-pk")[:SECTION_SIZE],
        "categories": Category.get_root_nodes(),
    }
