import re
from datetime import date

from django.contrib import messages
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from marketplace import jurisdiction
from marketplace.jurisdiction import ModelViewSet
from marketplace.spreadsheets import ExportsItsColumns, OfficialExportMixin, SafeExportIndexView
from payments.admin_views import WrittenByServicesPolicy

from . import declaration
from .models import CategoryRule, SellerKindRule, Withholding, WithholdingRate

DECLARATION_PERMISSION = "taxes.view_withholding"


# Written by the withholding service only: nobody adds, edits or deletes a ledger line.
class LedgerPolicy(WrittenByServicesPolicy):
    denied = {"add", "change", "delete"}


register_permission_policy(Withholding, LedgerPolicy(Withholding))


class WithholdingRateViewSet(ModelViewSet):
    model = WithholdingRate
    icon = "percent"
    menu_label = gettext_lazy("Withholding rates")
    url_prefix = "tax-rates"
    name = "tax_rates_admin"
    list_display = ["supply_kind", "vat_percent", "pit_percent", "valid_from", "legal_basis"]
    form_fields = ["supply_kind", "vat_percent", "pit_percent", "valid_from", "legal_basis"]


class SellerKindRuleViewSet(ModelViewSet):
    model = SellerKindRule
    icon = "group"
    menu_label = gettext_lazy("Whose taxes are withheld")
    url_prefix = "tax-seller-kinds"
    name = "tax_seller_kinds_admin"
    list_display = ["producer_kind", "withheld", "legal_basis"]
    form_fields = ["producer_kind", "withheld", "legal_basis"]


class CategoryRuleViewSet(ModelViewSet):
    model = CategoryRule
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Category tax rules")
    url_prefix = "tax-categories"
    name = "tax_categories_admin"
    list_display = ["category", "supply_kind", "vat_exempt", "pit_exempt", "legal_basis"]
    form_fields = ["category", "supply_kind", "vat_exempt", "pit_exempt", "legal_basis"]


class WithholdingViewSet(ModelViewSet):
    model = Withholding
    index_view_class = SafeExportIndexView
    icon = "list-ul"
    menu_label = gettext_lazy("Tax withheld")
    url_prefix = "tax-withheld"
    name = "tax_withheld_admin"
    list_display = ["period", "producer", "part", "revenue_vnd", "vat_vnd", "pit_vnd", "refund"]
    list_export = ["period", "producer", "part", "revenue_vnd", "vat_vnd", "pit_vnd", "refund"]
    list_filter = ["period"]
    form_fields = ["period"]  # never editable (RecordsPolicy)
    export_filename = "thue-khau-tru"

    def get_queryset(self, request):
        return Withholding.objects.select_related("producer", "part__order", "refund")


def month_from(text):
    """date(YYYY, MM, 1) from "2026-12", or None."""
    match = re.fullmatch(r"(20[0-9]{2})-(0[1-9]|1[0-2])", text or "")
    return date(int(match[1]), int(match[2]), 1) if match else None


class MonthlyDeclarationReport(ExportsItsColumns, OfficialExportMixin, ReportView):
    """Per seller: ID or tax code, card revenue, VAT and PIT withheld in one month."""

    page_title = gettext_lazy("Monthly declaration of tax withheld")
    header_icon = "table"
    index_url_name = "taxes_declaration"
    index_results_url_name = "taxes_declaration_results"
    template_name = "taxes/admin/declaration.html"
    xlsx_units = gettext_lazy("đồng")
    xlsx_sheet_name = "To khai thue"
    xlsx_total_fields = ("revenue", "vat", "pit", "total")

    @cached_property
    def columns(self):
        return [
            Column("display_name", label=_("Seller")),
            Column("tax_id", label=_("Tax code or citizen ID")),
            Column("revenue", label=_("Revenue (đồng)")),
            Column("vat", label=_("VAT withheld (đồng)")),
            Column("pit", label=_("PIT withheld (đồng)")),
            Column("total", label=_("Total (đồng)")),
        ]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(DECLARATION_PERMISSION):
            return permission_denied(request)
        chosen = request.GET.get("thang", "")
        self.period = month_from(chosen) or timezone.localdate().replace(day=1)
        if chosen and month_from(chosen) is None:
            messages.error(request, _("Choose a month as YYYY-MM, e.g. 2026-12."))
        return super().dispatch(request, *args, **kwargs)

    def get_xlsx_period(self):
        return _("Month %(month)s") % {"month": self.period.strftime("%m/%Y")}

    def get_filename(self):
        return f"to-khai-thue-khau-tru-{self.period:%Y-%m}"

    def get_queryset(self):
        return declaration.monthly(
            self.period, jurisdiction.limit(self.request.user, Withholding.objects.all())
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(period=self.period, **kwargs)


class TaxesViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Tax withheld")
    menu_icon = "percent"
    menu_order = 240
    items = (WithholdingViewSet, WithholdingRateViewSet, SellerKindRuleViewSet, CategoryRuleViewSet)
