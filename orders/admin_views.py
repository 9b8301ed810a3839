"""Officials read orders in the Wagtail admin (view permission only: nothing to edit), and
free the stock an order waiting for its payment holds (the release permission)."""

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn

from marketplace import jurisdiction
from marketplace.forms import ReasonForm
from marketplace.inspect import ReadableInspectView
from marketplace.jurisdiction import ModelViewSet
from marketplace.moderation import ModerationActionView
from marketplace.spreadsheets import SafeExportIndexView

from . import services
from .models import Order, PartStatus, PaymentStatus

RELEASE_PERMISSION = "orders.release_order"


class OrderInspectView(ReadableInspectView):
    """The order as officials follow it up: the buyer's contact, then each producer's part
    with its status, delivery, payment and lines, then the payments."""

    template_name = "orders/admin/inspect.html"

    def get_context_data(self, **kwargs):
        # An official of one commune follows its producers' parts, not the others'.
        parts = jurisdiction.limit(
            self.request.user,
            self.object.parts.select_related("producer").prefetch_related("lines"),
        )
        waiting = any(part.status == PartStatus.AWAITING_PAYMENT for part in parts)
        return super().get_context_data(
            parts=parts,
            payments=jurisdiction.limit(self.request.user, self.object.payments.all()),
            can_moderate=waiting and self.request.user.has_perm(RELEASE_PERMISSION),
            moderate_url=reverse("orders_admin:release", args=[self.object.pk]),
            reason_form=ReasonForm(),
            moderation_actions=[("release", _("Free the stock it holds"), "no")],
            **kwargs,
        )


class ReleaseOrderView(ModerationActionView):
    model = Order
    actions = {"release": services.release_unpaid}
    url_namespace = "orders_admin"

    def has_permission(self, user):
        return user.has_perm(RELEASE_PERMISSION)

    def success_message(self, order):
        return _("Order %(code)s no longer holds stock; its payment is cancelled.") % {
            "code": order.code
        }


def _statuses(order):
    return ", ".join(sorted({part.get_status_display() for part in order.parts.all()}))


def _payment(order):
    return ", ".join(sorted({part.get_payment_status_display() for part in order.parts.all()}))


class OrderFilterSet(WagtailFilterSet):
    part_status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status of a part"),
        field_name="parts__status",
        choices=PartStatus.choices,
        distinct=True,
    )
    part_payment = django_filters.ChoiceFilter(
        label=gettext_lazy("Payment of a part"),
        field_name="parts__payment_status",
        choices=PaymentStatus.choices,
        distinct=True,
    )

    class Meta:
        model = Order
        fields = ["payment_method", "created_at"]


class OrderViewSet(ModelViewSet):
    model = Order
    index_view_class = SafeExportIndexView
    icon = "list-ul"
    menu_label = gettext_lazy("Orders")
    menu_order = 220
    add_to_admin_menu = True
    url_prefix = "orders"
    name = "orders_admin"
    inspect_view_enabled = True
    inspect_view_class = OrderInspectView
    filterset_class = OrderFilterSet
    list_display = [
        "code",
        DateColumn("created_at", label=gettext_lazy("ordered at")),
        Column("commune", label=gettext_lazy("Commune"), accessor="commune"),
        Column("statuses", label=gettext_lazy("Status"), accessor=_statuses),
        Column("payment", label=gettext_lazy("Payment"), accessor=_payment),
        "payment_method",
        "total_vnd",
    ]
    list_export = ["code", "created_at", "commune", "payment_method", "total_vnd"]
    export_filename = "don-hang"
    search_fields = ["code"]
    form_fields = ["note"]  # for administrators; officials only have the view permission
    inspect_view_fields = [
        "code",
        "created_at",
        "buyer_name",
        "buyer_phone",
        "buyer_email",
        "commune",
        "address",
        "payment_method",
        "total_vnd",
        "note",
    ]

    def get_queryset(self, request):
        return Order.objects.select_related("commune").prefetch_related("parts")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("release/<int:pk>/", ReleaseOrderView.as_view(), name="release"),
        ]
