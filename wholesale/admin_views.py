"""Officials check business buyers of their communes (approve, or reject with a reason),
and read the requests, offers and standing orders of their producers."""

from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import DateColumn

from marketplace.forms import ReasonForm
from marketplace.inspect import ReadableInspectView
from marketplace.jurisdiction import ModelViewSet
from marketplace.moderation import ModerationActionView
from marketplace.spreadsheets import SafeExportIndexView

from . import businesses
from .models import Business, StandingOrder


class BusinessInspectView(ReadableInspectView):
    template_name = "wholesale/admin/business_inspect.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_moderate=self.request.user.has_perm(businesses.REVIEW_PERMISSION),
            moderate_url=reverse("business_buyers:review", args=[self.object.pk]),
            reason_form=ReasonForm(),
            moderation_actions=[
                ("approve", _("Approve"), ""),
                ("reject", _("Reject"), "no"),
            ],
            **kwargs,
        )


class ReviewBusinessView(ModerationActionView):
    model = Business
    actions = {"approve": businesses.approve, "reject": businesses.reject}
    url_namespace = "business_buyers"

    def has_permission(self, user):
        return user.has_perm(businesses.REVIEW_PERMISSION)

    def success_message(self, business):
        return _("Done: %(name)s; the business is texted.") % {"name": business.name}


class BusinessViewSet(ModelViewSet):
    model = Business
    index_view_class = SafeExportIndexView
    icon = "group"
    menu_label = gettext_lazy("Business buyers")
    menu_order = 225
    add_to_admin_menu = True
    url_prefix = "business-buyers"
    name = "business_buyers"
    inspect_view_enabled = True
    inspect_view_class = BusinessInspectView
    list_filter = ["status", "kind"]
    list_display = ["name", "kind", "tax_code", "commune", "status", DateColumn("created_at")]
    list_export = ["name", "kind", "tax_code", "commune", "status", "created_at", "reviewed_at"]
    export_filename = "doanh-nghiep-mua-si"
    search_fields = ["name", "tax_code"]
    form_fields = ["name", "address"]
    inspect_view_fields = ["name", "kind", "tax_code", "contact_name", "phone", "email",
                           "commune", "address", "status", "status_reason", "reviewed_by",
                           "reviewed_at", "created_at"]  # fmt: skip

    def get_queryset(self, request):
        return Business.objects.select_related("commune")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("review/<int:pk>/", ReviewBusinessView.as_view(), name="review"),
        ]


class StandingOrderViewSet(ModelViewSet):
    model = StandingOrder
    index_view_class = SafeExportIndexView
    icon = "repeat"
    menu_label = gettext_lazy("Standing orders")
    menu_order = 226
    add_to_admin_menu = True
    url_prefix = "standing-orders"
    name = "standing_orders"
    inspect_view_enabled = True
    inspect_view_class = ReadableInspectView
    list_filter = ["status"]
    list_display = ["business", "producer", "product", "quantity", "price_vnd", "next_delivery",
                    "status"]  # fmt: skip
    list_export = list_display
    export_filename = "dat-hang-dinh-ky"
    form_fields = ["status_reason"]
    inspect_view_fields = list_display + ["effective_from", "status_reason", "created_at"]

    def get_queryset(self, request):
        return StandingOrder.objects.select_related("business", "producer", "product")
