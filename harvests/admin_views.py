"""Officials: the supply outlook of their areas (with CSV/XLSX), and the announcements."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput
from wagtail.permissions import register_permission_policy

from catalog.models import Category
from marketplace import jurisdiction
from marketplace.jurisdiction import ModelViewSet
from marketplace.spreadsheets import OfficialExportMixin, SafeExportIndexView
from payments.admin_views import WrittenByServicesPolicy
from reports.admin_views import FiguresPermissionMixin
from reports.counts import end_of_day
from reports.forms import ChoiceOnlyFilterSet

from . import outlook
from .models import AnnouncementChange, HarvestAnnouncement

WEEK_CHOICES = [(n, str(n)) for n in (4, 8, 12, 16, 26)]
GROUP_CHOICES = [
    ("category", gettext_lazy("Category")),
    ("commune", gettext_lazy("Commune")),
    ("legacy_district", gettext_lazy("Former district")),
]


class OutlookForm(ChoiceOnlyFilterSet):
    start = django_filters.DateFilter(
        label=gettext_lazy("From the week of"), method="keep", widget=AdminDateInput
    )
    weeks = django_filters.ChoiceFilter(
        label=gettext_lazy("Weeks"), choices=WEEK_CHOICES, method="keep", empty_label=None
    )
    as_of = django_filters.DateFilter(
        label=gettext_lazy("As known on"), method="keep", widget=AdminDateInput
    )
    category = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Category"),
        queryset=Category.objects.filter(depth=1),
        method="keep",
        empty_label=gettext_lazy("All categories"),
    )
    group_by = django_filters.ChoiceFilter(
        label=gettext_lazy("By"), choices=GROUP_CHOICES, method="keep", empty_label=None
    )
    flagged = django_filters.BooleanFilter(
        label=gettext_lazy("Only weeks at risk of glut"), method="keep"
    )

    class Meta:
        model = AnnouncementChange
        fields = []


class SupplyOutlookReport(FiguresPermissionMixin, OfficialExportMixin, ReportView):
    """What announced harvests bring week by week against what buyers committed to."""

    page_title = gettext_lazy("Supply outlook")
    header_icon = "calendar-alt"
    index_url_name = "supply_outlook:index"
    index_results_url_name = "supply_outlook:results"
    filterset_class = OutlookForm
    paginate_by = 200
    columns = [
        Column("week_label", label=gettext_lazy("Week")),
        Column("category_label", label=gettext_lazy("Category")),
        Column("area_label", label=gettext_lazy("Area")),
        Column("unit", label=gettext_lazy("Unit")),
        Column("announced", label=gettext_lazy("Announced")),
        Column("preordered", label=gettext_lazy("Pre-ordered")),
        Column("sold_last_year", label=gettext_lazy("Sold a year before")),
        Column("risk", label=gettext_lazy("Risk")),
        Column("communes_text", label=gettext_lazy("Communes")),
        Column("producers_text", label=gettext_lazy("Producers")),
    ]
    list_export = [column.name for column in columns]
    export_headings = {column.name: column.label for column in columns}
    xlsx_units = gettext_lazy("in each product's unit")

    def get_filename(self):
        return f"trien-vong-nguon-cung-{self.start.isoformat()}"

    def get_xlsx_period(self):
        return _("%(weeks)s weeks from %(start)s, as known on %(as_of)s") % {
            "weeks": self.weeks,
            "start": outlook.first_monday(self.start).strftime("%d/%m/%Y"),
            "as_of": timezone.localtime(self.as_of).strftime("%d/%m/%Y %H:%M"),
        }

    def _choices(self):
        today = timezone.localdate()
        data = self.filters.form.cleaned_data if self.filters.is_valid() else {}
        self.start = data.get("start") or today
        if abs((self.start - today).days) > 366 * 2:
            self.start = today
        self.weeks = int(data.get("weeks") or 12)
        as_of = data.get("as_of")
        self.as_of = end_of_day(as_of) if as_of and as_of < today else timezone.now()
        branch = data.get("category")
        self.category = (
            list(Category.objects.filter(path__startswith=branch.path).values_list("pk", flat=True))
            if branch
            else None
        )
        self.group_by = data.get("group_by") or "category"
        self.only_flagged = bool(data.get("flagged"))

    def get_filtered_queryset(self):
        self._choices()
        rows = outlook.outlook(
            self.start,
            self.weeks,
            as_of=self.as_of,
            communes=jurisdiction.communes_held(self.request.user),
            group_by=self.group_by,
            category=self.category,
            producers=True,
        )
        answer = outlook.as_json(
            rows,
            start=self.start,
            weeks=self.weeks,
            as_of=self.as_of,
            group_by=self.group_by,
            with_producers=True,
        )["rows"]
        for row in answer:
            row["risk"] = _("Risk of glut") if row["flagged"] else ""
            row["communes_text"] = ", ".join(row["communes"])
            row["producers_text"] = ", ".join(row["producers"])
            row.setdefault("area_label", "")
        return [row for row in answer if row["flagged"]] if self.only_flagged else answer

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_subtitle"] = self.get_xlsx_period()
        return context


class AnnouncementsPolicy(WrittenByServicesPolicy):
    denied = {"add", "change", "delete"}


register_permission_policy(HarvestAnnouncement, AnnouncementsPolicy(HarvestAnnouncement))


class AnnouncementViewSet(ModelViewSet):
    model = HarvestAnnouncement
    icon = "calendar-alt"
    menu_label = gettext_lazy("Harvest announcements")
    menu_order = 192
    add_to_admin_menu = True
    url_prefix = "harvest-announcements"
    url_namespace = "harvest_announcements"
    index_view_class = SafeExportIndexView
    inspect_view_enabled = True
    list_display = [
        "product",
        Column("producer", label=gettext_lazy("Producer"), accessor="product.producer"),
        DateColumn("window_start", label=gettext_lazy("harvest from")),
        DateColumn("window_end", label=gettext_lazy("harvest until")),
        "expected_quantity",
        "open_quantity",
        "reserved_quantity",
        "status",
    ]
    list_filter = ["status", "window_start"]
    list_export = [
        "product", "window_start", "window_end", "expected_quantity", "open_quantity",
        "reserved_quantity", "status",
    ]  # fmt: skip
    ordering = ["window_start", "pk"]
    form_fields = ["note"]  # never editable (AnnouncementsPolicy); the viewset asks for some

    def get_queryset(self, request):
        return HarvestAnnouncement.objects.select_related("product__producer")
