from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from reports.admin_views import PERMISSION

from .admin_views import AnnouncementViewSet, SupplyOutlookReport


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
