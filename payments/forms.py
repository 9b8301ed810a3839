from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace import validation
from marketplace.money import MoneyField
from marketplace.text import fold

from . import banks
from .models import ACCOUNT_NUMBER, BankAccount


class AccountFieldsMixin:
    """An account number typed with spaces, a holder as the bank prints it: upper case
    without diacritics ("Lê Văn Ba" is "LE VAN BA"), as the VietQR apps show it."""

    def clean_account_number(self):
        return "".join(self.cleaned_data["account_number"].split())

    def clean_account_holder(self):
        return " ".join(
            fold(validation.plain_text(self.cleaned_data["account_holder"])).upper().split()
        )


class BankAccountForm(AccountFieldsMixin, forms.ModelForm):
    class Meta:
        model = BankAccount
        fields = ["bank_bin", "account_number", "account_holder"]


class ReturnAccountForm(AccountFieldsMixin, forms.Form):
    """Where the buyer wants money owed back by a producer."""

    bank_bin = forms.ChoiceField(label=_("Your bank"), choices=banks.choices)
    account_number = forms.RegexField(
        label=_("Your account number"),
        regex=r"^[0-9 ]{6,30}$",
        error_messages={"invalid": _("An account number is 6 to 19 digits.")},
    )
    account_holder = forms.CharField(
        label=_("Account holder"),
        max_length=100,
        help_text=_("As printed by the bank, e.g. NGUYEN VAN BA"),
    )

    def clean_account_number(self):
        number = super().clean_account_number()
        ACCOUNT_NUMBER(number)
        return number


class ReturnedForm(forms.Form):
    """The producer's record of the money sent back."""

    bank_reference = forms.CharField(label=_("Bank reference of the transfer back"), max_length=100)

    def clean_bank_reference(self):
        return validation.plain_text(self.cleaned_data["bank_reference"])


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
