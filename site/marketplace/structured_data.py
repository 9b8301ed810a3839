"""schema.org data that search engines read beside a page's visible content."""

from django.conf import settings


def breadcrumb_list(steps):
    """A BreadcrumbList of the visible breadcrumbs: [(name, path from the root), ...]."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": str(name),
             "item": settings.SITE_URL + path}
            for number, (name, path) in enumerate(steps, start=1)
        ],
    }  # fmt: skip


# Apps above add to a page's schema.org data (the reviews' aggregateRating on a product):
# extend("product", function(obj) -> dict of properties or None) in AppConfig.ready().
_extensions = {}


def extend(page, function):
    _extensions.setdefault(page, []).append(function)


def extended(page, obj, data):
    for function in _extensions.get(page, []):
        data.update(function(obj) or {})
    return data
