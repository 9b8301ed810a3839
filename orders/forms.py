from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.consents import current_version
from accounts.forms import PhoneField
from accounts.phones import is_vietnamese
from areas.models import Commune, Province
from marketplace import validation
from marketplace.fields import IdsChoiceField, filterable_select
from marketplace.models import PolicyKind

from . import delivery, payment_methods
from .cart import parse_quantity
from .models import DeliveryMethod, DeliverySettings, Order, PaymentMethod


class QuantityForm(forms.Form):
    """A product and a quantity typed by the buyer ("1,5" or "1.5")."""

    product = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    quantity = forms.CharField(label=_("Quantity"), max_length=12)

    def clean_quantity(self):
        quantity = parse_quantity(self.cleaned_data["quantity"])
        if quantity is None:
            raise forms.ValidationError(_("Type a quantity such as 2 or 1,5."), code="quantity")
        return quantity


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you cancel? (the producer reads it)"),
        max_length=400,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, paid, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = paid

    def clean_reason(self):
        return validation.plain_text(self.cleaned_data["reason"])


class CheckoutForm(forms.ModelForm):
    buyer_phone = PhoneField(
        label=_("Phone number"),
        international=True,
        help_text=_("A number abroad: write it with its country code, e.g. +44 7700 900123."),
    )
    commune = forms.ModelChoiceField(
        label=_("Commune or ward"),
        queryset=Commune.objects.none(),
        error_messages={"invalid_choice": _("Choose the commune from the list.")},
        widget=filterable_select(),
    )
    accept_regulations = forms.BooleanField(
        label=_("I accept the market's operating regulations"),
        error_messages={"required": _("To order, accept the operating regulations.")},
    )

    class Meta:
        model = Order
        fields = [
            "buyer_name",
            "buyer_phone",
            "buyer_email",
            "commune",
            "address",
            "note",
            "payment_method",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3}), "payment_method": forms.RadioSelect}

    def __init__(self, *args, province_code, parts, **kwargs):
        super().__init__(*args, **kwargs)
        # The communes of one province at a time (the page's province switch): a list
        # of all 3,321 would weigh more than the whole page should.
        self.fields["commune"].queryset = Commune.objects.filter(
            province_id=province_code
        ).order_by("sort_key")
        offered = payment_methods.offered(parts)
        self.fields["payment_method"].choices = [
            choice for choice in PaymentMethod.choices if choice[0] in offered
        ]
        self.fields["payment_method"].error_messages["invalid_choice"] = _(
            "Choose one of the ways to pay shown."
        )
        self.fields["payment_method"].required = False  # cash on delivery when not said
        self.delivery_fields = {}
        for producer, lines, _subtotal in parts:
            name = f"delivery_{producer.pk}"
            self.fields[name] = forms.ChoiceField(
                label=_("Delivery from %(producer)s") % {"producer": producer.display_name},
                choices=delivery.offered(producer, lines),
                initial=DeliveryMethod.PICKUP,
                required=False,  # pick-up when nothing is chosen
                widget=forms.RadioSelect,
            )
            self.delivery_fields[producer.pk] = name
        self.fields["accept_regulations"] = self.fields.pop("accept_regulations")  # last

    def deliveries(self):
        """{producer id: the delivery method chosen}."""
        return {
            pk: self.cleaned_data[name] or DeliveryMethod.PICKUP
            for pk, name in self.delivery_fields.items()
        }

    def order_details(self):
        return {
            **{name: self.cleaned_data[name] for name in self._meta.fields},
            "regulations_version": current_version(PolicyKind.REGULATIONS),
        }

    def clean_payment_method(self):
        return self.cleaned_data["payment_method"] or PaymentMethod.CASH_ON_DELIVERY

    def clean(self):
        cleaned = super().clean()
        phone = cleaned.get("buyer_phone")
        # A foreign phone is not reached by the farms' calls and texts: e-mail reaches it.
        if phone and not is_vietnamese(phone) and not cleaned.get("buyer_email"):
            self.add_error(
                "buyer_email", _("With a phone number abroad, give an e-mail address too.")
            )
        return cleaned

    def clean_buyer_name(self):
        return validation.plain_text(self.cleaned_data["buyer_name"])

    def clean_address(self):
        return validation.plain_text(self.cleaned_data["address"])

    def clean_note(self):
        return validation.plain_text(self.cleaned_data["note"])


class ProvinceForm(forms.Form):
    """The province to deliver to (GET), which decides the communes to choose from."""

    tinh = forms.ModelChoiceField(
        label=_("Province or city"),
        queryset=Province.objects.order_by("sort_key"),
        to_field_name="code",
    )


class DeliverySettingsForm(forms.ModelForm):
    own_delivery_communes = IdsChoiceField(
        label=_("to these communes"),
        queryset=Commune.objects.served().order_by("sort_key"),
        required=False,
        widget=forms.CheckboxSelectMultiple(
            attrs={"data-filter-label": _("Type to find a commune (accents not needed)")}
        ),
    )

    class Meta:
        model = DeliverySettings
        fields = [
            "pickup_hours",
            "own_delivery",
            "own_delivery_communes",
            "own_delivery_fee_vnd",
            "courier",
            "courier_fee_3kg_vnd",
            "courier_fee_10kg_vnd",
            "courier_fee_more_vnd",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # ~100 checkboxes, grouped by the former district a farmer still thinks in.
        field = self.fields["own_delivery_communes"]
        groups = {}
        for commune in field.queryset.select_related("legacy_district"):
            district = commune.legacy_district.name if commune.legacy_district_id else ""
            groups.setdefault(district, []).append((commune.pk, commune.name))
        field.widget.choices = list(groups.items())

    def clean_pickup_hours(self):
        return validation.plain_text(self.cleaned_data["pickup_hours"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("own_delivery") and not cleaned.get("own_delivery_communes"):
            self.add_error("own_delivery_communes", _("Choose the communes you deliver to."))
        return cleaned
