from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from marketplace.admin_panels import WorkPanel
from marketplace.models import HOME_PAGE_CONTEXT

from . import services
from .admin_views import CatalogViewSetGroup
from .models import ListingReport, Product
from .showcase import home_sections


@hooks.register("register_admin_viewset")
def register_catalog_viewsets():
    return CatalogViewSetGroup()


def _listings(request):
    return [
        (_("Listing reports not resolved"),
         ListingReport.objects.filter(resolved_at__isnull=True),
         reverse("listing_reports_admin:index")),
        (_("Products listed now"), Product.objects.public(),
         reverse("products_admin:index")),
    ]  # fmt: skip


@hooks.register("construct_homepage_panels")
def add_listings_panel(request, panels):
    if services.can_moderate(request.user):
        panels.append(WorkPanel("listings", _("Listings"), _listings, order=60))


hooks.register(HOME_PAGE_CONTEXT, home_sections)
