from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.forms import PhoneField
from areas.models import Commune
from marketplace import validation

from .cart import parse_quantity
from .models import Order


class QuantityForm(forms.Form):
    """A product and a quantity typed by the buyer ("1,5" or "1.5")."""

    product = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    quantity = forms.CharField(label=_("Quantity"), max_length=12)

    def clean_quantity(self):
        quantity = parse_quantity(self.cleaned_data["quantity"])
        if quantity is None:
            raise forms.ValidationError(_("Type a quantity such as 2 or 1,5."), code="quantity")
        return quantity


class CheckoutForm(forms.ModelForm):
    buyer_phone = PhoneField(label=_("Phone number"))
    commune = forms.ModelChoiceField(
        label=_("Commune or ward"),
        queryset=Commune.objects.none(),
        error_messages={"invalid_choice": _("Choose the commune from the list.")},
    )

    class Meta:
        model = Order
        fields = ["buyer_name", "buyer_phone", "buyer_email", "commune", "address", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Delivery by the producers themselves: the home province (courier delivery
        # to all provinces comes with the producers' delivery options).
        self.fields["commune"].queryset = Commune.objects.filter(
            province_id=settings.HOME_PROVINCE_CODE
        ).order_by("name")

    def clean_buyer_name(self):
        return validation.plain_text(self.cleaned_data["buyer_name"])

    def clean_address(self):
        return validation.plain_text(self.cleaned_data["address"])

    def clean_note(self):
        return validation.plain_text(self.cleaned_data["note"])
