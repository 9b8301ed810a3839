"""The buyer's side (by the order's secret link, as the order page) and the producer's
answer in the portal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from marketplace.storage import attachment_response
from orders.models import Order
from orders.services import can_manage_part

from . import services
from .forms import AnswerForm, ComplaintForm
from .models import Complaint, ComplaintPhoto


def _order(code, secret):
    return get_object_or_404(Order, code=code, secret=secret)


@never_cache
def open_complaint(request, code, secret, part):
    order = _order(code, secret)
    part = get_object_or_404(order.parts.select_related("producer"), pk=part)  # theirs only
    refused = services.why_not(part)
    form = ComplaintForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and not refused and form.is_valid():
        try:
            services.open_complaint(part, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your complaint is sent to the producer."))
            return redirect(order)
    return render(request, "complaints/open.html",
                  {"order": order, "part": part, "form": form, "refused": refused})  # fmt: skip


def _buyer_step(step, done):
    @require_POST
    def view(request, code, secret, pk):
        order = _order(code, secret)
        complaint = get_object_or_404(Complaint, pk=pk, part__order=order)
        try:
            step(complaint)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done())
        return redirect(order)

    return view


accept = _buyer_step(services.accept, lambda: _("Accepted: the complaint is resolved."))
ask_mediation = _buyer_step(
    services.ask_mediation, lambda: _("An official now looks into your complaint.")
)


def _managed(request, pk):
    complaint = get_object_or_404(
        Complaint.objects.select_related("part__order", "part__producer"), pk=pk
    )
    if not can_manage_part(request.user, complaint.part):
        raise Http404  # a stranger does not learn the complaint exists
    return complaint


@never_cache
@login_required
def answer(request, pk):
    complaint = _managed(request, pk)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer(complaint, request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("amount" if error.code == "amount" else None, error)
        else:
            messages.success(request, _("Your answer is sent to the buyer."))
            return redirect("orders:portal_part", complaint.part.pk)
    return render(request, "complaints/answer.html", {"complaint": complaint, "form": form})


@login_required
def photo(request, pk):
    """A complaint's photo, for the producer's members and officials, as an attachment."""
    photo = get_object_or_404(ComplaintPhoto.objects.select_related("complaint__part"), pk=pk)
    part = photo.complaint.part
    if not (can_manage_part(request.user, part) or services.can_mediate(request.user)):
        raise Http404
    return attachment_response(photo.image.open("rb"), f"khieu-nai-{photo.pk}.jpg")
