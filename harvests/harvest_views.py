"""At harvest: the producer reports the harvest and weighs each pre-order (seller portal);
the buyer refuses a weight beyond the tolerance (from the order's page)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from orders.models import Order

from . import harvesting
from .forms import HarvestForm, RefuseForm, WeighForm
from .models import PreOrder
from .views import ManagedAnnouncementMixin


def _say_errors(request, form, error=None):
    problems = error.messages if error else [e for errors in form.errors.values() for e in errors]
    messages.error(request, " ".join(problems))


class AnnouncementHarvestView(ManagedAnnouncementMixin, View):
    def post(self, request, pk):
        form = HarvestForm(request.POST)
        if not form.is_valid():
            _say_errors(request, form)
            return redirect("harvests:portal_edit", pk=pk)
        try:
            served, cancelled = harvesting.confirm(
                self.announcement,
                form.cleaned_data["harvested_quantity"],
                request.user,
                price_vnd=form.cleaned_data["price_vnd"],
            )
        except ValidationError as error:
            _say_errors(request, form, error)
        else:
            messages.success(
                request,
                _("Harvest recorded: %(served)s pre-orders served, %(cancelled)s cancelled.")
                % {"served": len(served), "cancelled": len(cancelled)},
            )
        return redirect("harvests:portal_edit", pk=pk)


class PreOrderWeighView(ManagedAnnouncementMixin, View):
    def post(self, request, pk, preorder_pk):
        preorder = get_object_or_404(self.announcement.preorders, pk=preorder_pk)
        form = WeighForm(request.POST)
        if not form.is_valid():
            _say_errors(request, form)
            return redirect("harvests:portal_edit", pk=pk)
        try:
            preorder = harvesting.weigh(preorder, form.cleaned_data["quantity"], request.user)
        except ValidationError as error:
            _say_errors(request, form, error)
        else:
            messages.success(
                request,
                _("%(code)s weighed; the buyer is told the final amount.")
                % {"code": preorder.line.part.order.code},
            )
        return redirect("harvests:portal_edit", pk=pk)


@require_POST
def refuse_weight(request, code, secret, preorder_pk):
    order = get_object_or_404(Order, code=code, secret=secret)
    preorder = get_object_or_404(PreOrder, pk=preorder_pk, line__part__order=order)
    form = RefuseForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        harvesting.refuse(preorder, reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Refused: the producer does not send it."))
    return redirect(order)
