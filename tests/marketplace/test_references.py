"""Orders and payments stay out of Wagtail's reference index, and the migration that
took them out removed the rows written before."""

import uuid

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import ReferenceIndex

from areas.models import Commune
from catalog.models import Product
from marketplace.references import forget_rows
from orders.models import Order
from payments.models import Payment, Payout, Refund

pytestmark = pytest.mark.django_db


def index_row(model, pk, to):
    types = ContentType.objects.get_for_model
    return ReferenceIndex.objects.create(
        content_type=types(model), base_content_type=types(model), object_id=str(pk),
        to_content_type=types(type(to)), to_object_id=str(to.pk), model_path="commune",
        content_path="commune", content_path_hash=uuid.uuid4(),
    )  # fmt: skip


def test_records_are_not_indexed_while_content_still_is():
    reverse("wagtailadmin_home")  # the admin's viewsets register their models
    for record in (Order, Payment, Refund, Payout):
        assert not ReferenceIndex.is_indexed(record)
    assert ReferenceIndex.is_indexed(Product)


def test_the_migration_removes_the_rows_of_records_only(cai_be):
    commune = Commune.objects.get(pk=cai_be.pk)
    index_row(Order, 1, commune)
    index_row(Payment, 1, commune)
    kept = index_row(Product, 1, commune)

    forget_rows("orders.Order", "payments.Payment").code(apps, None)

    assert list(ReferenceIndex.objects.all()) == [kept]
