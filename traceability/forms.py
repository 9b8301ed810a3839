from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace import validation
from marketplace.fields import QuantityField

from . import gs1
from .models import Lot, new_lot_code

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LotForm(forms.ModelForm):
    code = forms.CharField(
        label=_("Lot code (optional)"),
        required=False,
        max_length=40,
        help_text=_("Empty: the market makes one, short and easy to read."),
    )
    harvested_quantity = QuantityField(
        label=_("Quantity harvested"), max_digits=12, decimal_places=2
    )
    quantity = QuantityField(label=_("Quantity packed for sale"), max_digits=12, decimal_places=2)

    class Meta:
        model = Lot
        fields = ["code", "harvested_on", "packed_on", "best_before", "harvested_quantity",
                  "quantity"]  # fmt: skip
        widgets = {"harvested_on": DATE, "packed_on": DATE, "best_before": DATE}

    def __init__(self, *args, product, **kwargs):
        super().__init__(*args, **kwargs)
        unit = product.get_unit_display()
        for name in ("harvested_quantity", "quantity"):
            self.fields[name].label = f"{self.fields[name].label} ({unit})"
        for name in ("harvested_on", "packed_on", "best_before"):
            self.fields[name].validators.append(validation.from_2000)

    def clean_code(self):
        code = self.cleaned_data["code"]
        return gs1.clean_lot_code(code) if code.strip() else new_lot_code()


class GtinForm(forms.Form):
    gtin = forms.CharField(
        label=_("GTIN (the number under the GS1 barcode, optional)"), required=False, max_length=20
    )

    def clean_gtin(self):
        raw = self.cleaned_data["gtin"]
        return gs1.clean_gtin(raw) if raw.strip() else ""
