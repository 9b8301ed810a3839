"""Producers (and their digital-team helpers): their parts of orders, never another's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import UpdateView

from marketplace import page_sections
from marketplace.qr import qr_svg
from producers.views.mixins import ManagedProducerMixin

from . import services
from .forms import DeliverySettingsForm
from .models import DeliverySettings, OrderPart, PartStatus

ACTIONS = {
    "xac-nhan": PartStatus.CONFIRMED,
    "da-gui": PartStatus.SHIPPED,
    "da-giao": PartStatus.DELIVERED,
    "huy": PartStatus.CANCELLED,
}


def managed_parts(user):
    return OrderPart.objects.filter(producer__memberships__user=user).distinct()


@login_required
def order_list(request):
    parts = (
        managed_parts(request.user)
        .select_related("order", "producer")
        .order_by("-order__created_at")[:200]
    )
    return render(request, "orders/portal/orders.html", {"parts": parts})


def _managed_part(request, pk):
    part = get_object_or_404(
        OrderPart.objects.select_related("order__commune", "producer").prefetch_related("lines"),
        pk=pk,
    )
    if not services.can_manage_part(request.user, part):
        raise Http404  # another producer's part: not even its existence
    return part


def order_code_svg(code):
    """The order code as a QR code on the packing slip, for a courier's or a shop's scanner."""
    return mark_safe(qr_svg(code, title=code, scale=3, border=1))  # noqa: S308 (segno's markup)


@login_required
def part_detail(request, pk):
    part = _managed_part(request, pk)
    return render(
        request,
        "orders/portal/part.html",
        {
            "part": part,
            "actions": services.moves_for(part),
            "slugs": ACTIONS,
            "code_svg": order_code_svg(part.order.code),
            "sections": page_sections.render("portal_part", part, request),
        },
    )


@require_POST
@login_required
def part_action(request, pk, action):
    part = _managed_part(request, pk)
    if action not in ACTIONS:
        raise Http404
    try:
        services.change_part_status(
            part, ACTIONS[action], request.user, request.POST.get("reason", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Order %(code)s: %(status)s.")
            % {"code": part.order.code, "status": part.get_status_display()},
        )
    return redirect("orders:portal_part", pk=part.pk)


class DeliverySettingsView(ManagedProducerMixin, UpdateView):
    """Pick-up hours, own delivery (communes and fee), courier fees by weight."""

    template_name = "orders/portal/delivery.html"
    form_class = DeliverySettingsForm

    def get_object(self, queryset=None):
        return DeliverySettings.objects.get_or_create(producer=self.producer)[0]

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("Delivery options saved."))
        return redirect("orders:portal_delivery", pk=self.producer.pk)
