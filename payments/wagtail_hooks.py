from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from marketplace.admin_panels import WorkPanel

from . import refunds
from .admin_views import (
    OWED_PERMISSION,
    OwedToProducersReport,
    PaymentsViewSetGroup,
    RefundView,
)


@hooks.register("register_admin_viewset")
def register_payment_viewsets():
    return PaymentsViewSetGroup()


@hooks.register("register_admin_urls")
def register_payment_urls():
    return [
        path("payments/<int:pk>/refund/", RefundView.as_view(), name="payments_refund"),
        path("owed-to-producers/", OwedToProducersReport.as_view(), name="payments_owed"),
        path(
            "owed-to-producers/results/",
            OwedToProducersReport.as_view(results_only=True),
            name="payments_owed_results",
        ),
    ]


class OwedMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(OWED_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_owed_report():
    return OwedMenuItem(
        _("Owed to producers"), reverse("payments_owed"), icon_name="table", order=700
    )


def _overdue(request):
    return [
        (_("Money owed back by producers, overdue"), refunds.overdue_returns(),
         reverse("refunds_admin:index") + "?status=owed"),
    ]  # fmt: skip


@hooks.register("construct_homepage_panels")
def add_overdue_returns_panel(request, panels):
    if request.user.has_perm("payments.view_refund"):
        panels.append(WorkPanel("returns", _("Refunds"), _overdue, order=60))
