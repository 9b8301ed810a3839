"""Open data: the public statistics page /thong-ke/."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from marketplace import page_cache

from .dashboard import dashboard
from .forms import DateForm, chosen_date


@page_cache.kept(page_cache.CATALOGUE, seconds=page_cache.ORDER_FIGURES_SECONDS)
def statistics(request):
    form = DateForm(request.GET or None)
    date, error = chosen_date(form) if request.GET else (timezone.localdate(), "")
    return render(
        request,
        "reports/statistics.html",
        {**dashboard(date), "error": error, "csv_groups": CSV_GROUPS},
    )


CSV_GROUPS = [
    ("province", gettext_lazy("By province")),
    ("commune", gettext_lazy("By commune")),
    ("legacy_district", gettext_lazy("By former district")),
    ("category", gettext_lazy("By category")),
    ("certification", gettext_lazy("By certification")),
    ("ocop_stars", gettext_lazy("By OCOP stars")),
]
