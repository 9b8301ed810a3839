from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from marketplace import jurisdiction
from marketplace.admin_panels import WorkPanel
from reports.admin_views import PERMISSION

from . import outlook
from .admin_views import AnnouncementViewSet, SupplyOutlookReport
from .models import HarvestAnnouncement, PreOrder, PreOrderStatus

WATCHED_WEEKS = 12


@hooks.register("register_admin_urls")
def register_outlook_urls():
    urls = [
        path("", SupplyOutlookReport.as_view(), name="index"),
        path("results/", SupplyOutlookReport.as_view(results_only=True), name="results"),
    ]
    return [
        path(
            "trien-vong-nguon-cung/", include((urls, "supply_outlook"), namespace="supply_outlook")
        )
    ]


@hooks.register("register_admin_viewset")
def register_announcement_viewset():
    return AnnouncementViewSet()


class OutlookMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_menu_item")
def register_outlook_menu():
    return OutlookMenuItem(
        _("Supply outlook"), reverse("supply_outlook:index"), icon_name="calendar-alt", order=191
    )


def _coming(request):
    """What officials watch before the harvest: the weeks a glut threatens in their
    communes, the harvests announced and what buyers reserved."""
    today = timezone.localdate()
    rows = outlook.outlook(
        today, WATCHED_WEEKS, as_of=timezone.now(),
        communes=jurisdiction.communes_held(request.user),
    )  # fmt: skip
    flagged = sum(1 for row in rows if row.flagged)
    report = reverse("supply_outlook:index")
    announcements = reverse("harvest_announcements:index")
    return [
        (_("Weeks at risk of glut (next 12 weeks)"), flagged, f"{report}?flagged=on"),
        (_("Harvests announced, taking pre-orders"), HarvestAnnouncement.objects.open(),
         f"{announcements}?status=open"),
        (_("Pre-orders waiting for their harvest"),
         PreOrder.objects.filter(status=PreOrderStatus.RESERVED), announcements),
    ]  # fmt: skip


@hooks.register("construct_homepage_panels")
def add_coming_harvests_panel(request, panels):
    if request.user.has_perm(PERMISSION):
        panels.append(WorkPanel("harvests", _("Coming harvests"), _coming, order=44))
