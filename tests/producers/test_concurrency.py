"""Races on PostgreSQL, each party with its own connection, through the project's own
locks: one claim code claimed from ten phones at once, and officials acting on one
producer at the same moment."""

import pytest
from django.core.exceptions import ValidationError

from accounts.roles import OFFICIALS
from producers import services
from producers.models import Producer, StatusChange
from producers.services import ClaimError
from tests.factories import ProducerFactory, UserFactory
from tests.photos import signed_form
from tests.racing import race

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PARTIES = 10


def test_a_claim_code_works_once_when_ten_phones_claim_it_at_once(helper, cai_be):
    producer, code = services.register_household(
        helper, phone="+84912555000", display_name="Vườn bà Tư", representative="Lê Thị Tư",
        commune=cai_be, paper_form=signed_form(),
    )  # fmt: skip

    outcomes = race(
        [lambda n=n: services.claim_account(code, f"mat-khau-{n}-dai") for n in range(PARTIES)],
        refused=(ClaimError, ValidationError),
    )

    winners = [n for n, outcome in enumerate(outcomes) if outcome[0] == "done"]
    assert len(winners) == 1
    refusals = [outcome[1] for outcome in outcomes if outcome[0] != "done"]
    assert all("đã được sử dụng" in message for message in refusals), refusals
    owner = services.owner_of(Producer.objects.get(pk=producer.pk))
    assert owner.check_password(f"mat-khau-{winners[0]}-dai")


def test_officials_verifying_and_rejecting_at_once_make_one_decision(official, cai_be):
    officials = [official] + [
        UserFactory(username=f"canbo{n}", roles=[OFFICIALS]) for n in range(2, PARTIES + 1)
    ]
    producer = ProducerFactory(status="submitted", commune=cai_be)

    def decide(number):
        person = officials[number]
        if number % 2:
            return services.reject(producer, person, "Thiếu giấy tờ")
        return services.verify(producer, person)

    outcomes = race([lambda n=n: decide(n) for n in range(PARTIES)], refused=(ValidationError,))

    assert [o[0] for o in outcomes].count("done") == 1
    assert StatusChange.objects.filter(producer=producer).count() == 1
    change = StatusChange.objects.get(producer=producer)
    producer.refresh_from_db()
    assert producer.status == change.to_status in ("verified", "rejected")
