"""Issue 22, item 46: every date people type is from 2000 on, as the README says (a
target's period, a certificate's expiry, a harvest; a payout's date is tested with the
ledger)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from catalog.models import Product
from producers.models import Certification
from reports.models import Target

FIELDS = [
    (Target, "period_start"),
    (Target, "period_end"),
    (Certification, "expires_on"),
    (Product, "harvested_on"),
]


@pytest.mark.parametrize("model, name", FIELDS)
def test_a_date_before_2000_is_refused(model, name):
    field = model._meta.get_field(name)

    with pytest.raises(ValidationError):
        field.clean(datetime.date(1900, 1, 1), None)
    field.clean(datetime.date(2026, 1, 1), None)
