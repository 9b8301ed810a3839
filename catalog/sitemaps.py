from django.contrib.sitemaps import Sitemap

from .models import Product


class ProductSitemap(Sitemap):
    changefreq = "daily"
    limit = 10_000

    def items(self):
        return Product.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, product):
        return product.updated_at
