"""Producers (and their digital-team helpers): the bank account buyers transfer to, the
transfers they confirm, and what the marketplace owes them for card sales."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import UpdateView

from orders.models import OrderPart, PaymentMethod
from orders.services import can_manage_part
from producers.models import Producer
from producers.views.mixins import ManagedProducerMixin

from . import bank_accounts, ledger, refunds, transfers
from .forms import BankAccountForm, ReturnedForm
from .models import BankAccount, Refund


class BankAccountView(ManagedProducerMixin, UpdateView):
    template_name = "payments/portal/bank_account.html"
    form_class = BankAccountForm

    def get_object(self, queryset=None):
        return BankAccount.objects.filter(producer=self.producer).first()

    def get_context_data(self, **kwargs):
        balance = ledger.owed_to_producers(Producer.objects.filter(pk=self.producer.pk)).get()
        card_parts = (
            OrderPart.objects.filter(
                producer=self.producer, order__payment_method=PaymentMethod.CARD
            )
            .exclude(payment_status="unpaid")
            .select_related("order")
            .order_by("-order__created_at")[:50]
        )
        return super().get_context_data(
            ledger=balance,
            deductions=[(kept.label, getattr(balance, kept.name)) for kept in ledger.deductions()],
            payouts=self.producer.payouts.all()[:50],
            card_parts=card_parts,
            pending_account=bank_accounts.pending_account(self.producer),
            # Card sales are owed by the marketplace; without card payment there are none.
            card_offered=bool(settings.STRIPE_SECRET_KEY) or balance.owed or balance.earned,
            **kwargs,
        )

    def form_valid(self, form):
        outcome = bank_accounts.save_bank_account(
            self.producer, self.request.user, form.cleaned_data
        )
        if outcome == "pending":
            messages.success(
                self.request,
                _(
                    "The new account waits for an official's approval; buyers transfer to the "
                    "current one until then."
                ),
            )
        else:
            messages.success(self.request, _("Bank account saved: buyers can now pay by transfer."))
        return redirect("payments:bank_account", pk=self.producer.pk)


THANKS = {
    "placed": gettext_lazy("Transfer confirmed: the order goes ahead."),
    "owed back": gettext_lazy("Transfer recorded. The order was cancelled: send the money back."),
    "balance paid": gettext_lazy("Balance confirmed: the order is paid in full."),
}


@require_POST
@login_required
def confirm_transfer(request, pk):
    part = get_object_or_404(OrderPart.objects.select_related("order", "producer"), pk=pk)
    try:
        outcome = transfers.confirm_transfer(part, request.user)
    except PermissionDenied:
        raise Http404 from None  # another producer's part: not even its existence
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, THANKS[outcome])
    return redirect("orders:portal_part", pk=part.pk)


@require_POST
@login_required
def record_returned(request, pk):
    owed = get_object_or_404(Refund.objects.select_related("part__order", "payment"), pk=pk)
    if owed.part is None or not can_manage_part(request.user, owed.part):
        raise Http404  # another producer's money: not even its existence
    form = ReturnedForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["bank_reference"])
        refunds.record_returned(owed, request.user, form.cleaned_data["bank_reference"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Recorded: the buyer is told the money is on its way back."))
    return redirect("orders:portal_part", pk=owed.part_id)
