"""The site pages' sitemap, on the host the request came to, like the other sitemaps
(Wagtail writes its Site record's hostname, "localhost" until an operator edits it)."""

from urllib.parse import urlsplit

from wagtail.contrib.sitemaps import Sitemap


class PageSitemap(Sitemap):
    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            parts = urlsplit(url["location"])
            url["location"] = f"{protocol}://{domain}{parts.path}"
        return urls
