from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from catalog import caching
from catalog.sitemaps import (
    CategorySitemap,
    CommuneSitemap,
    LandingSitemap,
    ProductSitemap,
    ProvinceSitemap,
)
from harvests import api as supply_api
from payments import webhooks as payment_webhooks
from prices import api as prices_api
from producers.sitemaps import ProducerSitemap
from reports import api as stats_api
from reports import views as stats_views
from search import api as search_api
from search import views as search_views

from . import api, open_data, page_cache, views
from .models import PolicyKind
from .sitemaps import PageSitemap

SITEMAPS = {
    "pages": PageSitemap,
    "landing": LandingSitemap,
    "categories": CategorySitemap,
    "communes": CommuneSitemap,
    "provinces": ProvinceSitemap,
    "producers": ProducerSitemap,
    "products": ProductSitemap,
}
# A sitemap costs ~0.7 s at 100,000 products and anyone may ask for it: kept (page cache)
# until the catalogue or a product's last change (lastmod) changes, never made on every
# request.
sitemap_kept = page_cache.kept(page_cache.CATALOGUE, caching.DETAILS)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "sitemap.xml",
        sitemap_kept(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_kept(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("payments/stripe/webhook/", payment_webhooks.stripe_webhook, name="stripe_webhook"),
    path("api/v1/products/search", search_api.products_search, name="api_products_search"),
    path("api/v1/producers/search", search_api.producers_search, name="api_producers_search"),
    path("api/v1/products/suggest", search_api.products_suggest, name="api_products_suggest"),
    path("api/v1/stats/listings", stats_api.listings, name="api_stats_listings"),
    path("api/v1/stats/orders", stats_api.orders, name="api_stats_orders"),
    path("api/v1/stats/supply", supply_api.supply, name="api_stats_supply"),
    path("api/v1/prices", prices_api.prices, name="api_prices"),
    path(
        "api/v1/stats/listings/timeseries",
        stats_api.listings_timeseries,
        name="api_stats_listings_timeseries",
    ),
    path("api/v1/openapi.json", open_data.openapi_json, name="api_openapi"),
    # Anything else under /api/ is a JSON 404, whatever the method: never a page, a
    # redirect to an address with a slash or a CSRF page.
    re_path(r"^api/", api.not_found, name="api_not_found"),
]

if settings.SERVE_MEDIA:
    # The embedded set-up has no separate web server for uploads. Only image
    # renditions are public: originals (drafts' too) and documents are not.
    urlpatterns.append(re_path(r"^media/(?P<path>images/.*)$", views.serve_media))

# Vietnamese at /, English under /en/.
urlpatterns += i18n_patterns(
    path("", include("accounts.urls")),
    path("", include("producers.urls")),
    path("", include("catalog.urls")),
    path("", include("payments.urls")),
    path("", include("orders.urls")),
    path("", include("notifications.urls")),
    path("", include("compliance.urls")),
    path("", include("taxes.urls")),
    path("", include("privacy.urls")),
    path("", include("complaints.urls")),
    path("", include("reviews.urls")),
    path("", include("harvests.urls")),
    path("", include("wholesale.urls")),
    path("", include("traceability.urls")),
    path("", include("prices.urls")),
    path("tim-kiem/", search_views.search, name="search"),
    path("thong-ke/", stats_views.statistics, name="statistics"),
    path("du-lieu-mo/", open_data.open_data_page, name="open_data"),
    path("quy-che/", views.policy, {"kind": PolicyKind.REGULATIONS}, name="regulations"),
    path("chinh-sach-du-lieu/", views.policy, {"kind": PolicyKind.PRIVACY}, name="privacy"),
    path(
        "ban-hang/",
        TemplateView.as_view(template_name="marketplace/start_selling.html"),
        name="start_selling",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler400 = views.bad_request
handler500 = views.server_error
