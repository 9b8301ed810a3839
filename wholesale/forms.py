import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import PhoneField
from areas.models import Commune
from catalog.forms import CategoryChoiceField
from catalog.models import Category, Product, Unit
from marketplace import validation
from marketplace.fields import IdsChoiceField, QuantityField, filterable_select
from marketplace.money import MoneyField

from . import businesses, quotes, tiers
from .models import MAX_QUANTITY, Business, Offer, QuoteRequest, Schedule

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def served_communes():
    return Commune.objects.served().order_by("sort_key")


class BusinessForm(forms.ModelForm):
    phone = PhoneField(label=_("Phone for orders and texts"))
    commune = forms.ModelChoiceField(
        label=_("Commune or ward"),
        queryset=Commune.objects.none(),
        error_messages={"invalid_choice": _("Choose the commune from the list.")},
        widget=filterable_select(),
    )

    class Meta:
        model = Business
        fields = [
            "kind",
            "name",
            "tax_code",
            "contact_name",
            "phone",
            "email",
            "commune",
            "address",
        ]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = served_communes()

    def clean_name(self):
        return validation.plain_text(self.cleaned_data["name"])

    def clean_contact_name(self):
        return validation.plain_text(self.cleaned_data["contact_name"])

    def clean_address(self):
        return validation.plain_text(self.cleaned_data["address"])

    def clean_tax_code(self):
        return businesses.clean_tax_code(self.cleaned_data["tax_code"])


class TierForm(forms.Form):
    """Up to five quantity prices of a product; empty rows are left out."""

    public = forms.BooleanField(
        label=_("Show these prices to every buyer, not only to approved businesses"),
        required=False,
    )

    def __init__(self, *args, product, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = product
        unit = product.get_unit_display()
        for row in range(tiers.MAX_TIERS):
            self.fields[f"quantity_{row}"] = QuantityField(
                label=_("From (%(unit)s)") % {"unit": unit},
                required=False,
                max_digits=12,
                decimal_places=2,
            )
            self.fields[f"price_{row}"] = MoneyField(
                label=_("Price per %(unit)s (đồng)") % {"unit": unit}, required=False
            )
        self.fields["public"] = self.fields.pop("public")

    def rows(self):
        return [(self[f"quantity_{row}"], self[f"price_{row}"]) for row in range(tiers.MAX_TIERS)]

    def clean(self):
        cleaned = super().clean()
        chosen = []
        for row in range(tiers.MAX_TIERS):
            quantity, price = cleaned.get(f"quantity_{row}"), cleaned.get(f"price_{row}")
            if quantity is None and price is None:
                continue
            if quantity is None or price is None:
                if f"quantity_{row}" not in self.errors and f"price_{row}" not in self.errors:
                    self.add_error(None, _("Give both the quantity and its price on each row."))
                continue
            chosen.append((quantity, price))
        errors = tiers.tier_errors(self.product, chosen)
        if errors:
            raise ValidationError(errors)
        cleaned["tiers"] = chosen
        return cleaned


class CategoryChooser(forms.Form):
    category = CategoryChoiceField(
        label=_("What do you want to buy?"),
        queryset=Category.objects.none(),
        to_field_name="slug",
        error_messages={"invalid_choice": _("Choose the category from the list.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.get_tree()


class ProducerChoiceField(IdsChoiceField):
    def label_from_instance(self, producer):
        commune = producer.commune.name if producer.commune else ""
        return f"{producer.display_name} · {commune}" if commune else producer.display_name


class QuoteRequestForm(forms.ModelForm):
    quantity = QuantityField(
        label=_("Quantity"), max_digits=12, decimal_places=2, min_value=0, max_value=MAX_QUANTITY
    )
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    commune = forms.ModelChoiceField(
        label=_("Deliver to commune or ward"),
        queryset=Commune.objects.none(),
        error_messages={"invalid_choice": _("Choose the commune from the list.")},
        widget=filterable_select(),
    )
    chosen = ProducerChoiceField(
        label=_("Ask these producers"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    communes = IdsChoiceField(
        label=_("…or every producer of this category in these communes"),
        queryset=Commune.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = QuoteRequest
        fields = ["product", "quantity", "unit", "schedule", "deliver_on", "commune", "address",
                  "notes"]  # fmt: skip
        widgets = {
            "schedule": forms.RadioSelect,
            "deliver_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, category, producers, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.category = category
        self.fields["product"].queryset = (
            Product.objects.public()
            .filter(category__path__startswith=category.path)
            .select_related("producer")
            .order_by("name")[:100]
        )
        self.fields["product"].required = False
        self.fields["product"].label = _("A particular product (optional)")
        self.fields["commune"].queryset = served_communes()
        self.fields["chosen"].queryset = producers
        self.fields["communes"].queryset = Commune.objects.filter(
            pk__in=producers.values("commune")
        ).order_by("sort_key")
        self.fields["schedule"].initial = Schedule.ONCE

    def clean_notes(self):
        return validation.plain_text(self.cleaned_data["notes"])

    def clean_address(self):
        return validation.plain_text(self.cleaned_data["address"])

    def clean_quantity(self):
        quotes.check_quantity(self.cleaned_data["quantity"])
        return self.cleaned_data["quantity"]

    def clean_deliver_on(self):
        quotes.check_delivery_date(self.cleaned_data["deliver_on"])
        return self.cleaned_data["deliver_on"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("chosen") and not cleaned.get("communes"):
            self.add_error("chosen", _("Choose producers, or communes whose producers to ask."))
        return cleaned


class OfferForm(forms.ModelForm):
    quantity = QuantityField(
        label=_("Quantity you can supply"),
        max_digits=12,
        decimal_places=2,
        min_value=0,
        max_value=MAX_QUANTITY,
    )
    valid_until = forms.DateField(label=_("Offer valid until (included)"), widget=DATE)

    class Meta:
        model = Offer
        fields = ["product", "price_vnd", "quantity", "delivery_fee_vnd", "deliver_on", "note"]
        widgets = {"deliver_on": DATE}

    def __init__(self, *args, request, producer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = Product.objects.public().filter(
            producer=producer, category__path__startswith=request.category.path, unit=request.unit
        )
        self.fields["product"].error_messages["invalid_choice"] = _(
            "Offer one of your products on sale."
        )
        if self.instance.pk:
            self.initial["valid_until"] = timezone.localtime(self.instance.valid_until).date()
        else:
            products = list(self.fields["product"].queryset[:2])
            if request.product_id and request.product in products:
                self.initial.setdefault("product", request.product_id)
            elif len(products) == 1:
                self.initial.setdefault("product", products[0].pk)
            self.initial.setdefault("deliver_on", request.deliver_on)
            self.initial.setdefault("quantity", request.quantity)
            self.initial.setdefault("valid_until", timezone.localtime(request.expires_at).date())

    def clean_note(self):
        return validation.plain_text(self.cleaned_data["note"])

    def clean_quantity(self):
        quotes.check_quantity(self.cleaned_data["quantity"])
        return self.cleaned_data["quantity"]

    def clean_valid_until(self):
        day = self.cleaned_data["valid_until"]
        if day < timezone.localdate():
            raise ValidationError(_("The offer must hold beyond now."))
        return day

    field_order = ["product", "price_vnd", "quantity", "delivery_fee_vnd", "deliver_on",
                   "valid_until", "note"]  # fmt: skip

    def save(self, commit=False):
        offer = super().save(commit=False)
        # Valid through the whole day written, in the province's time.
        end = datetime.datetime.combine(self.cleaned_data["valid_until"], datetime.time.max)
        offer.valid_until = timezone.make_aware(end)
        return offer
