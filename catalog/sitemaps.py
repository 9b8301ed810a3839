from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from areas.models import Commune, Province

from .models import Category, Product


class ProductSitemap(Sitemap):
    changefreq = "daily"
    limit = 10_000

    def items(self):
        return Product.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, product):
        return product.updated_at


class CategorySitemap(Sitemap):
    """Categories with something listed: an empty one is not worth a search engine's visit."""

    changefreq = "daily"

    def items(self):
        listed = Product.objects.public().values("category__path")
        paths = {row["category__path"] for row in listed}
        return [
            category
            for category in Category.objects.order_by("path")
            if any(path.startswith(category.path) for path in paths)
        ]


class CommuneSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return (
            Commune.objects.served()
            .filter(products__in=Product.objects.public())
            .distinct()
            .order_by("sort_key")
        )

    def location(self, commune):
        return reverse("catalog:commune", kwargs={"slug": commune.slug})


class ProvinceSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Province.objects.served().order_by("sort_key")

    def location(self, province):
        return reverse("catalog:province", kwargs={"slug": province.slug})


class LandingSitemap(Sitemap):
    """The pages that are views, not Wagtail pages: communes, figures, how to sell, open data."""

    changefreq = "daily"

    def items(self):
        return [
            "catalog:provinces",
            "catalog:communes",
            "harvests:upcoming",
            "statistics",
            "start_selling",
            "open_data",
        ]

    def location(self, name):
        return reverse(name)
