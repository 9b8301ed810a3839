"""One money field reads every amount a person types (issue 22, item 1)."""

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from marketplace.formatting import format_number, format_vnd
from marketplace.money import MAX_VND, MoneyField, VndField, parse_vnd
from tests.hostile.values import fuzz, hostile_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed, amount",
    [("20.000", 20_000), ("20000", 20_000), ("20.000 ₫", 20_000), ("20.000\u00a0₫", 20_000),
     ("20.000đ", 20_000), ("20 000", 20_000), ("20k", 20_000), ("1.250.000 VND", 1_250_000),
     ("0", 0), (" 85.000 ", 85_000)],
)  # fmt: skip
def test_amounts_typed_the_vietnamese_way_are_read_whole(typed, amount):
    assert parse_vnd(typed) == amount


@pytest.mark.parametrize(
    "typed, code",
    [("20,5", "decimal"), ("20,000", "decimal"), ("1.5", "decimal"), ("1.50", "decimal"),
     ("20.00.0", "unclear"), ("２０", "unclear"), ("١٥٠", "unclear"), ("1e5", "unclear"),
     ("-5", "unclear"), ("20_000", "unclear"), ("NaN", "unclear"), ("k20", "unclear"), ("1.5k", "unclear")],
)  # fmt: skip
def test_fractions_and_ambiguous_amounts_are_refused_with_a_reason(typed, code):
    field = MoneyField(min_vnd=0)
    with pytest.raises(forms.ValidationError) as refused:
        field.clean(typed)
    assert refused.value.code == code


@fuzz
@given(amount=st.integers(min_value=0, max_value=MAX_VND))
def test_every_amount_shown_reads_back_as_itself(amount):
    field = MoneyField(min_vnd=0)
    for shown in (str(amount), format_number(amount), format_vnd(amount)):
        assert field.clean(shown) == amount


@fuzz
@given(typed=hostile_text)
def test_any_text_is_an_amount_in_range_or_a_form_error(typed):
    field = MoneyField(min_vnd=1, max_vnd=10_000_000)
    try:
        amount = field.clean(typed)
    except forms.ValidationError:
        return
    assert isinstance(amount, int) and 1 <= amount <= 10_000_000


def _typed_amount_fields():
    """Every form field of every model column that holds an amount someone types."""
    from django.apps import apps

    return [
        (f"{model.__name__}.{field.name}", field.formfield())
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, VndField)
    ]


def test_every_typed_amount_column_is_a_money_field():
    names = {name for name, _ in _typed_amount_fields()}
    assert {"Product.price_vnd", "DeliverySettings.own_delivery_fee_vnd",
            "DeliverySettings.courier_fee_3kg_vnd", "DeliverySettings.courier_fee_10kg_vnd",
            "DeliverySettings.courier_fee_more_vnd", "Payout.amount_vnd"} <= names  # fmt: skip
    assert all(isinstance(formfield, MoneyField) for _, formfield in _typed_amount_fields())


def test_every_form_that_takes_an_amount_reads_it_with_the_money_field(farm):
    from catalog.forms import ProductForm, QuickUpdateForm
    from orders.forms import DeliverySettingsForm
    from payments.admin_views import PayoutViewSet

    fields = {
        "price": ProductForm.base_fields["price_vnd"],
        "quick price": QuickUpdateForm.base_fields["price_vnd"],
        "payout": PayoutViewSet().get_form_class().base_fields["amount_vnd"],
        **{
            name: DeliverySettingsForm.base_fields[name]
            for name in DeliverySettingsForm.base_fields
            if name.endswith("_vnd")
        },
    }
    assert len(fields) == 7
    for name, field in fields.items():
        assert isinstance(field, MoneyField), name
        assert field.clean("20.000") == 20_000, name
