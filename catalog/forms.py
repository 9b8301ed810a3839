from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from areas.models import Commune
from marketplace import validation
from marketplace.fields import MultipleFileField, MultipleFileInput, QuantityField
from marketplace.formatting import month_name
from marketplace.money import MoneyField

from . import price_hints, stock
from .models import Category, Product, ProductCertification, ReportReason, Unit

MONTHS = [(number, month_name(number)) for number in range(1, 13)]


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, category):
        return ("— " * (category.depth - 1)) + category.label


class ProductForm(forms.ModelForm):
    category = CategoryChoiceField(label=_("Category"), queryset=Category.objects.none())
    harvest_months = forms.TypedMultipleChoiceField(
        label=_("Harvest season"),
        choices=MONTHS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    certifications = forms.MultipleChoiceField(
        label=_("Certifications"),
        choices=ProductCertification.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_photos = MultipleFileField(
        label=_("Photos (the first is the cover)"),
        required=False,
        widget=MultipleFileInput(
            attrs={"accept": "image/*", "data-preview-into": "[data-photo-preview]"}
        ),
    )

    class Meta:
        model = Product
        fields = [
            "name",
            "category",
            "price_vnd",
            "unit",
            "quantity_step",
            "min_order_quantity",
            "stock_quantity",
            "description",
            "harvested_on",
            "origin_commune",
            "certifications",
            "ocop_stars",
        ]
        field_classes = {
            "quantity_step": QuantityField,
            "min_order_quantity": QuantityField,
            "stock_quantity": QuantityField,
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "harvested_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.get_tree()
        self.fields["origin_commune"].queryset = Commune.objects.served()
        self.fields["origin_commune"].help_text = _("Empty: the producer's commune")
        if self.instance.pk:
            self.initial["harvest_months"] = self.instance.harvest_months
            hints = price_hints.for_price(self.instance.category, self.instance.unit)
            self.fields["price_vnd"].help_text = " ".join(hints)
            if stock.kept_elsewhere(self.instance):
                self.fields["stock_quantity"].disabled = True
                self.fields["stock_quantity"].help_text = stock.KEPT_ELSEWHERE
        self._offer_held_certificates()

    def _offer_held_certificates(self):
        """Only what the producer holds, approved and valid, can be ticked."""
        kinds, stars = self.instance.producer.held_certificates()
        self.fields["certifications"].choices = [
            (value, label) for value, label in ProductCertification.choices if value in kinds
        ]
        self.fields["ocop_stars"].choices = [("", "—")] + [
            (count, f"{count}★") for count in (3, 4, 5) if stars and count <= stars
        ]
        help_text = _("Only the producer's certificates approved by an official are offered.")
        self.fields["certifications"].help_text = help_text

    def clean_name(self):
        return validation.plain_text(self.cleaned_data["name"])

    def clean_description(self):
        return validation.simple_html(self.cleaned_data["description"])

    def clean(self):
        cleaned = super().clean()
        unit = cleaned.get("unit")
        if unit and unit not in Unit.weight_units():
            # Fruit, boxes and bottles are sold whole.
            for name in ("quantity_step", "min_order_quantity", "stock_quantity"):
                value = cleaned.get(name)
                if value is not None and value != value.to_integral_value():
                    self.add_error(name, _("This unit is sold in whole numbers."))
            cleaned["quantity_step"] = Decimal("1")
        self.instance.harvest_months = cleaned.get("harvest_months")
        return cleaned


class QuickUpdateForm(forms.Form):
    price_vnd = MoneyField(label=_("Price (đồng)"))
    stock_quantity = QuantityField(
        label=_("Stock"), required=False, min_value=0, max_digits=12, decimal_places=2
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"), choices=ReportReason.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_details(self):
        return validation.plain_text(self.cleaned_data["details"])
