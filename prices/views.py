"""/gia-thi-truong/: the market price board, for farmers setting a price and buyers."""

from itertools import groupby

from django.conf import settings
from django.shortcuts import render

from areas.models import Commune, LegacyDistrict
from catalog.models import Category, Unit
from marketplace.parsing import InvalidParameter

from . import api, query
from .board import INTERVALS
from .models import Channel, Sale


def board(request):
    error, status = "", 200
    try:
        asked = query.read(request.GET)
    except InvalidParameter as problem:
        error, status = problem.message, 400
        asked = query.read({})
    answered = api.answer(asked)
    context = {
        "asked": asked,
        "answered": answered,
        "tables": [
            {"heading": heading, "rows": list(rows)}
            for heading, rows in groupby(
                answered["figures"],
                key=lambda row: (row["category_label"], row["unit_label"], row["channel"]),
            )
        ],
        "chosen": {name: request.GET.get(name, "") for name in query.PARAMETERS}
        if not error
        else {},
        "categories": Category.get_tree(),
        # Only the areas with sales: the lists stay short on a phone.
        "districts": LegacyDistrict.objects.filter(
            province_id=settings.HOME_PROVINCE_CODE, pk__in=Sale.objects.values("legacy_district")
        ),
        "communes": Commune.objects.served().filter(pk__in=Sale.objects.values("commune")),
        "units": Unit.choices,
        "channels": Channel.choices,
        "intervals": INTERVALS,
        "csv_query": request.GET.urlencode() if not error else "",
        "error": error,
    }
    return render(request, "prices/board.html", context, status=status)
