from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace import validation
from marketplace.money import MoneyField
from marketplace.text import normalize

from .models import BankAccount


class BankAccountForm(forms.ModelForm):
    class Meta:
        model = BankAccount
        fields = ["bank_bin", "account_number", "account_holder"]

    def clean_account_number(self):
        return "".join(self.cleaned_data["account_number"].split())

    def clean_account_holder(self):
        return validation.plain_text(normalize(self.cleaned_data["account_holder"])).upper()


class RefundForm(forms.Form):
    """An official's refund of a card payment: the whole order or one producer's part."""

    part = forms.TypedChoiceField(label=_("What to refund"), coerce=int)
    amount = MoneyField(
        label=_("Amount (đồng)"),
        required=False,
        help_text=_("Leave empty to refund all that is left."),
    )
    reason = forms.CharField(label=_("Reason (the buyer reads it)"), max_length=500)

    def __init__(self, *args, payment, **kwargs):
        super().__init__(*args, **kwargs)
        self.payment = payment
        self.fields["part"].choices = [(0, _("The whole order"))] + [
            (part.pk, str(part.producer)) for part in payment.order.parts.all()
        ]

    def clean_reason(self):
        return validation.plain_text(self.cleaned_data["reason"])

    def chosen_part(self):
        pk = self.cleaned_data["part"]
        return next((part for part in self.payment.order.parts.all() if part.pk == pk), None)
