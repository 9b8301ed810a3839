from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import admin_views
from .admin_views import PERMISSION, TargetViewSet

REPORTS = [
    ("listings_by_area", "niem-yet-theo-xa", admin_views.ListingsByAreaReport),
    ("producers_onboarded", "nha-san-xuat-moi", admin_views.ProducersOnboardedReport),
    ("digital_team_activity", "to-cong-nghe-so", admin_views.DigitalTeamActivityReport),
]


@hooks.register("register_admin_urls")
def register_figures_urls():
    urls = [path("", admin_views.DashboardView.as_view(), name="dashboard")]
    for name, slug, view in REPORTS:
        urls += [
            path(f"{slug}/", view.as_view(), name=name),
            path(f"{slug}/results/", view.as_view(results_only=True), name=f"{name}_results"),
        ]
    return [path("so-lieu/", include((urls, "listing_figures"), namespace="listing_figures"))]


@hooks.register("register_admin_viewset")
def register_target_viewset():
    return TargetViewSet()


class FiguresMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


class FiguresSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_menu_item")
def register_figures_menu():
    items = [
        FiguresMenuItem(
            _("Dashboard"), reverse("listing_figures:dashboard"), icon_name="table", order=1
        ),
        FiguresMenuItem(
            _("Listings by area and category"),
            reverse("listing_figures:listings_by_area"),
            icon_name="list-ul",
            order=2,
        ),
        FiguresMenuItem(
            _("Producers onboarded"),
            reverse("listing_figures:producers_onboarded"),
            icon_name="group",
            order=3,
        ),
        FiguresMenuItem(
            _("Digital-team activity"),
            reverse("listing_figures:digital_team_activity"),
            icon_name="user",
            order=4,
        ),
        FiguresMenuItem(
            _("Targets"), reverse("listing_targets:index"), icon_name="crosshairs", order=5
        ),
    ]
    return FiguresSubmenu(_("Listing figures"), Menu(items=items), icon_name="table", order=190)
