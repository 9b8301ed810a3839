"""A lot's public trace page (HTML, or JSON with ?format=json), the GS1 Digital Link
addresses its QR code may hold, its printable label; the producer's lots in the portal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.translation import gettext as _

from catalog import labels
from catalog import services as catalog_services
from catalog.models import Product

from . import gs1, services
from .forms import GtinForm, LotForm
from .models import Lot, ProductCode


def _public_lot(code):
    return get_object_or_404(
        Lot.objects.filter(product__is_listed=True).select_related(
            "product__producer__commune__province", "product__origin_commune__province"
        ),
        code=code,
    )


def lot_page(request, code):
    lot = _public_lot(code)
    data = services.trace(lot, request.build_absolute_uri)
    if request.GET.get("format") == "json":
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    return render(request, "traceability/lot.html", {"lot": lot, "trace": data})


def digital_link(request, gtin, lot_code):
    """/01/<GTIN>/10/<lot>[?17=YYMMDD]: the lot's trace page, if the GTIN is its product's."""
    try:
        gtin = gs1.clean_gtin(gtin)
    except ValidationError as error:
        raise Http404 from error
    lot = get_object_or_404(
        Lot.objects.filter(product__is_listed=True, product__gs1_code__gtin=gtin), code=lot_code
    )
    return redirect(lot)


def lot_label(request, code):
    lot = _public_lot(code)
    dates = [
        _("Lot %(code)s") % {"code": lot.code},
        _("Harvested %(harvested)s · packed %(packed)s")
        % {"harvested": formats.date_format(lot.harvested_on, "SHORT_DATE_FORMAT"),
           "packed": formats.date_format(lot.packed_on, "SHORT_DATE_FORMAT")},
        _("Best before %(date)s")
        % {"date": formats.date_format(lot.best_before, "SHORT_DATE_FORMAT")},
    ]  # fmt: skip
    png = labels.render_label(
        lot.product, request.build_absolute_uri(services.scan_path(lot)), lot_lines=dates
    )
    response = HttpResponse(png, content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="lo-{lot.code}.png"'
    return response


@login_required
def portal_lots(request, product_pk):
    product = get_object_or_404(Product.objects.select_related("producer"), pk=product_pk)
    if not catalog_services.can_manage(request.user, product):
        raise Http404
    code = ProductCode.objects.filter(product=product).first()
    form = LotForm(request.POST or None, product=product, prefix="lot")
    gtin_form = GtinForm(request.POST or None, prefix="gs1", initial={"gtin": code and code.gtin})
    if request.method == "POST" and "gs1-gtin" in request.POST:
        form = LotForm(product=product, prefix="lot")
        if gtin_form.is_valid():
            try:
                services.set_gtin(product, gtin_form.cleaned_data["gtin"], request.user)
            except ValidationError as error:
                gtin_form.add_error("gtin", error)
            else:
                messages.success(request, _("Saved: the labels' QR codes follow."))
                return redirect("traceability:portal_lots", product.pk)
    elif request.method == "POST" and form.is_valid():
        try:
            lot = services.record_lot(product, form.save(commit=False), request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Lot %(code)s recorded: print its label.") % {"code": lot.code}
            )
            return redirect("traceability:portal_lots", product.pk)
    return render(
        request,
        "traceability/portal/lots.html",
        {"product": product, "lots": product.lots.order_by("-harvested_on", "-pk")[:50],
         "form": form, "gtin_form": gtin_form},
    )  # fmt: skip
