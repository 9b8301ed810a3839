from django.contrib.sitemaps import Sitemap

from .models import Producer


class ProducerSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Producer.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, producer):
        return producer.updated_at
