"""Officials read orders in the Wagtail admin (view permission only: nothing to edit)."""

from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from marketplace.inspect import ReadableInspectView
from marketplace.spreadsheets import SafeExportIndexView

from .models import Order


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
    inspect_view_class = ReadableInspectView
    list_display = [
        "code",
        DateColumn("created_at", label=gettext_lazy("ordered at")),
        Column("commune", label=gettext_lazy("Commune"), accessor="commune"),
        "payment_method",
        "total_vnd",
    ]
    list_filter = ["payment_method", "created_at"]
    list_export = ["code", "created_at", "commune", "payment_method", "total_vnd"]
    export_filename = "don-hang"
    search_fields = ["code"]
    form_fields = ["note"]  # for administrators; officials only have the view permission
    inspect_view_fields = ["code", "created_at", "commune", "payment_method", "total_vnd", "note"]

    def get_queryset(self, request):
        return Order.objects.select_related("commune")
