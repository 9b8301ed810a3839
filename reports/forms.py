"""The date officials and the public ask figures for."""

import django_filters
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.widgets import AdminDateInput

from marketplace.parsing import EARLIEST_DATE

from .models import ListingSnapshot


class ChoiceOnlyFilterSet(django_filters.FilterSet):
    """Wagtail's report filters, used only to ask for values: the report itself
    reads them (the rows are not a queryset to filter)."""

    def keep(self, queryset, name, value):
        return queryset


class DateForm(ChoiceOnlyFilterSet):
    """A date to report on (the end of that day; today: so far)."""

    date = django_filters.DateFilter(
        label=gettext_lazy("On date"), method="keep", widget=AdminDateInput
    )

    class Meta:
        model = ListingSnapshot
        fields = []


class PeriodForm(ChoiceOnlyFilterSet):
    period = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Period"), method="keep", widget=DateRangePickerWidget
    )

    class Meta:
        model = get_user_model()
        fields = []


def chosen_date(form):
    """The valid past date of the form, today when empty; (date, error message)."""
    today = timezone.localdate()
    if not form.is_valid():
        return today, _("The date could not be read; pick it from the calendar.")
    date = form.form.cleaned_data.get("date") or today
    if date < EARLIEST_DATE:
        return today, _("The date could not be read; pick it from the calendar.")
    if date > today:
        return today, _("The date cannot be in the future; showing today.")
    return date, ""
