"""Officials' moderation of listings in the Wagtail admin: reports, hide and restore."""

from django.db import transaction
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.base import ViewSetGroup

from marketplace.forms import ReasonForm
from marketplace.inspect import ReadableInspectView
from marketplace.jurisdiction import ModelViewSet
from marketplace.moderation import ModerationActionView
from marketplace.spreadsheets import SafeExportIndexView

from . import services
from .models import ListingReport, Product


class ProductInspectView(ReadableInspectView):
    template_name = "catalog/admin/inspect.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            reports=self.object.reports.select_related("reporter", "resolved_by"),
            photos=self.object.photos.select_related("image"),
            can_moderate=services.can_moderate(self.request.user),
            moderate_url=reverse("products_admin:moderate", args=[self.object.pk]),
            reason_form=ReasonForm(),
            moderation_actions=[("restore", _("Restore"), "")]
            if self.object.is_hidden
            else [("hide", _("Hide"), "no")],
            **kwargs,
        )


class ModerateProductView(ModerationActionView):
    model = Product
    actions = {"hide": services.hide_product, "restore": services.restore_product}
    url_namespace = "products_admin"

    def has_permission(self, user):
        return services.can_moderate(user)

    def success_message(self, product):
        if product.is_hidden:
            return _("“%(name)s” is hidden.") % {"name": product.name}
        return _("“%(name)s” is visible to buyers again.") % {"name": product.name}


class ProductEditView(EditView):
    def save_instance(self):
        with transaction.atomic():
            product = super().save_instance()
            services.after_admin_edit(product)
        return product


class ProductViewSet(ModelViewSet):
    model = Product
    index_view_class = SafeExportIndexView
    edit_view_class = ProductEditView
    icon = "tag"
    menu_label = gettext_lazy("Products")
    url_prefix = "products"
    name = "products_admin"
    inspect_view_enabled = True
    inspect_view_class = ProductInspectView
    list_display = [
        "name",
        Column("producer", label=gettext_lazy("Producer"), accessor="producer"),
        Column("category", label=gettext_lazy("Category"), accessor="category"),
        "status",
        BooleanColumn("is_hidden", label=gettext_lazy("Hidden")),
        DateColumn("listed_at", label=gettext_lazy("listed at")),
    ]
    list_filter = ["status", "is_hidden", "category", "origin_commune__legacy_district"]
    list_export = [
        "name",
        "producer",
        "category",
        "price_vnd",
        "unit",
        "status",
        "is_hidden",
        "listed_at",
        "origin_commune",
    ]
    export_filename = "san-pham"
    search_fields = ["name", "producer__display_name"]
    form_fields = ["name", "featured"]
    inspect_view_fields = [
        "name", "producer", "category", "price_vnd", "unit", "status", "is_hidden",
        "hidden_reason", "origin_commune", "listed_at", "delisted_at", "created_at",
    ]  # fmt: skip

    def get_queryset(self, request):
        return Product.objects.select_related("producer", "category")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("moderate/<int:pk>/", ModerateProductView.as_view(), name="moderate"),
        ]


class ListingReportViewSet(ModelViewSet):
    model = ListingReport
    index_view_class = SafeExportIndexView
    icon = "warning"
    menu_label = gettext_lazy("Listing reports")
    url_prefix = "listing-reports"
    name = "listing_reports_admin"
    list_display = [
        Column("product", label=gettext_lazy("product"), accessor="product"),
        "reason",
        "details",
        DateColumn("created_at", label=gettext_lazy("reported at")),
        DateColumn("resolved_at", label=gettext_lazy("resolved at")),
    ]
    list_filter = ["reason", "resolved_at"]
    list_export = ["product", "reason", "details", "created_at", "resolved_at"]
    form_fields = ["reason", "details"]

    def get_queryset(self, request):
        return ListingReport.objects.select_related("product")


class CatalogViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Products")
    menu_icon = "tag"
    menu_order = 220
    items = (ProductViewSet, ListingReportViewSet)
