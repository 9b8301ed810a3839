"""Open data: the public statistics page /thong-ke/."""

from django.shortcuts import render
from django.utils import timezone

from .dashboard import dashboard
from .forms import DateForm, chosen_date


def statistics(request):
    form = DateForm(request.GET or None)
    date, error = chosen_date(form) if request.GET else (timezone.localdate(), "")
    return render(request, "reports/statistics.html", {**dashboard(date), "error": error})
