"""Officials' listing figures in the Wagtail admin: the dashboard, reports with CSV/XLSX, targets."""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Count, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from accounts.roles import DIGITAL_TEAM
from areas.forms import HeldAreaDeleteView, HeldAreaEditView, HeldAreaForm
from areas.models import Commune
from marketplace import jurisdiction
from marketplace.jurisdiction import ModelViewSet
from marketplace.spreadsheets import OfficialExportMixin
from marketplace.text import vietnamese_sort_key
from producers.models import Producer, ProducerActivity

from . import figures
from .counts import end_of_day, start_of_day
from .dashboard import dashboard
from .forms import DateForm, PeriodForm, chosen_date
from .models import Target

PERMISSION = "reports.view_listing_figures"


class FiguresPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class DashboardView(FiguresPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/admin/dashboard.html"
    page_title = gettext_lazy("Listing figures")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        form = DateForm(self.request.GET or None)
        date, error = chosen_date(form) if self.request.GET else (timezone.localdate(), "")
        return super().get_context_data(
            form=form.form, error=error, **dashboard(date, self.request.user), **kwargs
        )


class ListingsByAreaReport(FiguresPermissionMixin, OfficialExportMixin, ReportView):
    """Listed products per commune × category on a date, from the snapshot (today: so far)."""

    page_title = gettext_lazy("Listings by area and category")
    xlsx_sheet_name = gettext_lazy("Listings by area")
    header_icon = "table"
    index_url_name = "listing_figures:listings_by_area"
    index_results_url_name = "listing_figures:listings_by_area_results"
    filterset_class = DateForm
    paginate_by = 100
    columns = [
        Column("commune", label=gettext_lazy("Commune")),
        Column("legacy_district", label=gettext_lazy("Former district")),
        Column("category", label=gettext_lazy("Category")),
        Column("listed_products", label=gettext_lazy("Listed products")),
        Column("in_stock_products", label=gettext_lazy("In stock")),
        Column("newly_listed", label=gettext_lazy("Newly listed that day")),
        Column("delisted", label=gettext_lazy("Delisted that day")),
    ]
    list_export = ["date", *(column.name for column in columns)]
    export_headings = {"date": gettext_lazy("Date")} | {c.name: c.label for c in columns}
    xlsx_total_fields = ("listed_products", "in_stock_products", "newly_listed", "delisted")
    xlsx_units = gettext_lazy("products")

    def get_filename(self):
        return f"niem-yet-theo-xa-{self.date.isoformat()}"

    def get_xlsx_period(self):
        return _("Figures at the end of %(date)s") % {"date": self.date.strftime("%d/%m/%Y")}

    def get_filtered_queryset(self):
        self.date, self.error = chosen_date(self.filters)
        day = figures.for_date(self.date, cube=True)
        area = figures.Area.of(self.request.user)
        if area is not None:
            day = day.within(area)
        names = {
            dimension: figures.labels(dimension)
            for dimension in ("commune", "legacy_district", "category")
        }
        rows = {}
        for (commune, district, category, _certificates), numbers in day.cube.items():
            key = (commune, district, category)
            row = rows.setdefault(
                key,
                {
                    "date": self.date,
                    "commune": names["commune"].get(str(commune), _("Unknown")),
                    "legacy_district": names["legacy_district"].get(str(district), ""),
                    "category": names["category"].get(str(category), _("Unknown")),
                    **dict.fromkeys(figures.CUBE_COLUMNS, 0),
                },
            )
            for column in figures.CUBE_COLUMNS:
                row[column] += numbers[column]
        listed = [row for row in rows.values() if row["listed_products"] or row["delisted"]]
        return sorted(
            listed,
            key=lambda row: (
                vietnamese_sort_key(row["commune"]),
                vietnamese_sort_key(row["category"]),
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_subtitle"] = self.date.strftime("%d/%m/%Y")
        return context


class OnboardedFilter(WagtailFilterSet):
    created_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Registered"), widget=DateRangePickerWidget
    )
    commune = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Commune"),
        queryset=Commune.objects.served().order_by("sort_key"),
        empty_label=gettext_lazy("All communes"),
    )

    class Meta:
        model = Producer
        fields = ["created_at", "commune", "status", "kind"]


class ProducersOnboardedReport(FiguresPermissionMixin, OfficialExportMixin, ReportView):
    page_title = gettext_lazy("Producers onboarded")
    header_icon = "group"
    index_url_name = "listing_figures:producers_onboarded"
    index_results_url_name = "listing_figures:producers_onboarded_results"
    filterset_class = OnboardedFilter
    columns = [
        Column("display_name", label=gettext_lazy("Producer")),
        Column("kind", label=gettext_lazy("Kind"), accessor="get_kind_display"),
        Column("commune", label=gettext_lazy("Commune")),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        Column("registered_by", label=gettext_lazy("Registered by a digital team")),
        DateColumn("created_at", label=gettext_lazy("Registered")),
        DateColumn("verified_at", label=gettext_lazy("First verified")),
    ]
    list_export = [column.accessor for column in columns]
    export_headings = {column.accessor: column.label for column in columns}

    def get_filename(self):
        return f"nha-san-xuat-moi-{timezone.localdate().isoformat()}"

    def get_queryset(self):
        self.queryset = (
            Producer.objects.select_related("commune", "registered_by")
            .annotate(
                verified_at=Min(
                    "status_history__changed_at", filter=Q(status_history__to_status="verified")
                )
            )
            .order_by("-created_at", "pk")
        )
        self.queryset = jurisdiction.limit(self.request.user, self.queryset)
        return super().get_queryset()


class DigitalTeamActivityReport(FiguresPermissionMixin, OfficialExportMixin, ReportView):
    """Per community digital-team member: households registered, listings made on their behalf."""

    page_title = gettext_lazy("Digital-team activity")
    header_icon = "user"
    index_url_name = "listing_figures:digital_team_activity"
    index_results_url_name = "listing_figures:digital_team_activity_results"
    filterset_class = PeriodForm
    columns = [
        Column("full_name", label=gettext_lazy("Team member"), accessor="display_name"),
        Column("phone", label=gettext_lazy("Phone")),
        Column("households_registered", label=gettext_lazy("Households registered")),
        Column("households_verified", label=gettext_lazy("of which verified")),
        Column("listings_created", label=gettext_lazy("Listings created on their behalf")),
        Column("actions_on_behalf", label=gettext_lazy("All actions on their behalf")),
    ]
    list_export = [column.accessor for column in columns]
    export_headings = {column.accessor: column.label for column in columns}
    xlsx_total_fields = (
        "households_registered",
        "households_verified",
        "listings_created",
        "actions_on_behalf",
    )
    xlsx_units = gettext_lazy("households, products, actions")

    def get_filename(self):
        return f"hoat-dong-to-cong-nghe-so-{timezone.localdate().isoformat()}"

    def get_queryset(self):
        period = self.filters.form.cleaned_data.get("period") if self.filters.is_valid() else None
        start = start_of_day(period.start) if period and period.start else None
        end = end_of_day(period.stop) if period and period.stop else None
        registered = Q(
            **({"registered_producers__created_at__gte": start} if start else {}),
            **({"registered_producers__created_at__lt": end} if end else {}),
        )
        acted = ProducerActivity.objects.filter(
            actor=OuterRef("pk"),
            on_behalf=True,
            **({"created_at__gte": start} if start else {}),
            **({"created_at__lt": end} if end else {}),
        )
        self.queryset = (
            get_user_model()
            .objects.filter(groups__name=DIGITAL_TEAM)
            .annotate(
                households_registered=Count(
                    "registered_producers", filter=registered, distinct=True
                ),
                households_verified=Count(
                    "registered_producers",
                    filter=registered & Q(registered_producers__status="verified"),
                    distinct=True,
                ),
                listings_created=_count(acted.filter(action__startswith="product_created:")),
                actions_on_behalf=_count(acted),
            )
            .order_by("-households_registered", "pk")
        )
        self.queryset = jurisdiction.limit(self.request.user, self.queryset)
        return super().get_queryset()

    def get_filtered_queryset(self):
        return self.get_queryset()


def _count(activities):
    counted = activities.order_by().values("actor").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted), 0)


class TargetViewSet(ModelViewSet):
    edit_view_class = HeldAreaEditView
    delete_view_class = HeldAreaDeleteView
    model = Target
    base_form_class = HeldAreaForm
    icon = "crosshairs"
    menu_label = gettext_lazy("Targets")
    url_prefix = "listing-targets"
    name = "listing_targets"
    add_to_admin_menu = False
    list_display = [
        "name", "metric", "value", "period_start", "period_end", "province", "commune", "category",
    ]  # fmt: skip
    form_fields = list_display
