"""The provinces this installation serves, each with its landing page /tinh/<slug>/."""

from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from areas.models import Commune, Province
from marketplace import page_cache
from marketplace.structured_data import breadcrumb_list

from .. import caching
from ..models import Category, Product
from .public import product_listing


def _on_sale_in(province):
    """Products grown in the province, or sold by its producers when no origin is given."""
    return Product.objects.public().filter(
        Q(origin_commune__province=province)
        | Q(origin_commune=None, producer__commune__province=province)
    )


def province_index(request):
    provinces = Province.objects.served().annotate(
        product_count=Count(
            "communes__products", filter=Q(communes__products__in=Product.objects.public())
        ),
        commune_count=Count("communes", distinct=True),
    )
    response = render(request, "catalog/provinces.html", {"provinces": provinces})
    return page_cache.tag(response, caching.CATALOGUE)


def province_view(request, slug):
    province = get_object_or_404(Province.objects.served(), slug=slug)
    products = _on_sale_in(province)
    counts = dict(
        products.annotate(place=Coalesce("origin_commune", "producer__commune"))
        .order_by()
        .values("place")
        .annotate(n=Count("pk"))
        .values_list("place", "n")
    )
    communes = sorted(
        Commune.objects.filter(code__in=counts), key=lambda c: (-counts[c.code], c.sort_key)
    )
    for commune in communes:
        commune.product_count = counts[commune.code]
    categories = [
        (category, count)
        for category in Category.get_root_nodes()
        if (count := products.filter(category__path__startswith=category.path).count())
    ]
    steps = [(_("Home"), "/"), (province.name, reverse("catalog:province", args=[slug]))]
    return product_listing(
        request,
        products,
        "catalog/province.html",
        {
            "province": province,
            "figures": {
                "products": products.count(),
                "producers": products.values("producer").distinct().count(),
                "communes": len(communes),
                "all_communes": Commune.objects.filter(province=province).count(),
            },
            "communes": communes,
            "categories": categories,
            "breadcrumb_data": breadcrumb_list(steps),
        },
        (caching.CATALOGUE,),
    )
