from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from marketplace import validation
from marketplace.fields import QuantityField
from marketplace.money import MoneyField
from orders.forms import CheckoutForm
from orders.models import PaymentMethod

from . import services
from .models import HarvestAnnouncement

TONNE = "tan"
QUANTITY_FIELDS = ("expected_quantity", "open_quantity")
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AnnouncementForm(forms.ModelForm):
    """A coming harvest of one product; the rules are harvests.services.problems(), the
    one place commands and the admin check too."""

    quantity_unit = forms.ChoiceField(label=_("Quantities in"), required=False)

    class Meta:
        model = HarvestAnnouncement
        fields = [
            "expected_quantity",
            "open_quantity",
            "quantity_unit",
            "window_start",
            "window_end",
            "pricing",
            "price_vnd",
            "price_low_vnd",
            "price_high_vnd",
            "deposit_percent",
            "tolerance_percent",
            "note",
        ]
        field_classes = dict.fromkeys(QUANTITY_FIELDS, QuantityField)
        widgets = {
            "window_start": DATE_INPUT,
            "window_end": DATE_INPUT,
            "pricing": forms.RadioSelect,
            "deposit_percent": forms.TextInput(attrs={"inputmode": "numeric", "size": 3}),
            "tolerance_percent": forms.TextInput(attrs={"inputmode": "numeric", "size": 3}),
        }
        help_texts = {
            "open_quantity": _("The share buyers may reserve before the harvest (0: none)."),
            "deposit_percent": _("Paid when pre-ordering by card or VietQR; 0: no deposit."),
            "tolerance_percent": _(
                "If the weighed amount differs from the ordered one by more, the buyer may refuse it."
            ),
        }

    def __init__(self, *args, product, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = self.instance.product = product
        unit = product.get_unit_display()
        choices = [(product.unit, unit)]
        if product.is_sold_by_weight:
            choices.append((TONNE, _("tonnes (tấn)")))
        self.fields["quantity_unit"].choices = choices
        self.fields["quantity_unit"].initial = product.unit
        for name in ("price_vnd", "price_low_vnd", "price_high_vnd"):
            self.fields[name].label = f"{self.fields[name].label} / {unit}"

    def clean_note(self):
        return validation.plain_text(self.cleaned_data["note"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("quantity_unit") == TONNE:
            for name in QUANTITY_FIELDS:
                if cleaned.get(name) is not None:
                    cleaned[name] = cleaned[name] * 1000
                    setattr(self.instance, name, cleaned[name])
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        stored = None
        if self.instance.pk:
            stored = HarvestAnnouncement.objects.get(pk=self.instance.pk)
            self.instance.reserved_quantity = stored.reserved_quantity
        for name, message in services.problems(self.instance, was=stored).items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)
            elif name not in self.fields:
                self.add_error(None, message)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw it? (buyers who pre-ordered read it)"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_reason(self):
        return validation.plain_text(self.cleaned_data["reason"])


class PreOrderForm(CheckoutForm):
    """The checkout of one announced harvest: a quantity, then who and where."""

    quantity = QuantityField(label=_("Quantity"), max_digits=10, decimal_places=2)

    field_order = ["quantity"]

    def __init__(self, *args, announcement, **kwargs):
        self.announcement = announcement
        product = announcement.product
        super().__init__(*args, **kwargs)
        self.fields["quantity"].label = _("Quantity (%(unit)s)") % {
            "unit": product.get_unit_display()
        }
        self.fields["quantity"].initial = product.min_order_quantity
        if not announcement.deposit_percent:  # nothing to pay first: paid on delivery
            self.fields["payment_method"].choices = [
                choice
                for choice in self.fields["payment_method"].choices
                if choice[0] == PaymentMethod.CASH_ON_DELIVERY
            ]
        self.order_fields(["quantity", *[name for name in self.fields if name != "quantity"]])

    def clean_quantity(self):
        from .preorders import quantity_problem

        quantity = self.cleaned_data["quantity"]
        problem = quantity_problem(self.announcement, quantity)
        if problem:
            raise ValidationError(problem, code="quantity")
        return Decimal(quantity)

    def delivery_method(self):
        return self.deliveries()[self.announcement.product.producer_id]


class HarvestForm(forms.Form):
    """What came in: the whole harvest (0 if it failed), and the price if set at harvest."""

    harvested_quantity = QuantityField(
        label=_("Harvested (in the product's unit)"), max_digits=14, decimal_places=2
    )
    price_vnd = MoneyField(label=_("Price set at harvest, per unit (đồng)"), required=False)


class WeighForm(forms.Form):
    quantity = QuantityField(label=_("Weighed"), max_digits=10, decimal_places=2)


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("Why (the producer reads it)"), max_length=300, required=False)
