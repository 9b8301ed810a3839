"""Officials read orders in the Wagtail admin (view permission only: nothing to edit)."""

import django_filters
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from marketplace.inspect import ReadableInspectView
from marketplace.spreadsheets import SafeExportIndexView

from .models import Order, PartStatus, PaymentStatus


class OrderInspectView(ReadableInspectView):
    """The order as officials follow it up: the buyer's contact, then each producer's part
    with its status, delivery, payment and lines, then the payments."""

    template_name = "orders/admin/inspect.html"

    def get_context_data(self, **kwargs):
        parts = self.object.parts.select_related("producer").prefetch_related("lines")
        return super().get_context_data(parts=parts, payments=self.object.payments.all(), **kwargs)


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
