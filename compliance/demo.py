"""Demo identity checks: every verified demo producer's representative was checked (half
in person by the demo official, half with VNeID), with made-up but well-formed numbers."""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from producers.models import Producer, ProducerKind, VerificationStatus

from . import identity_numbers
from .models import IdentityCheck, IdentityMethod

DEMO_PROVINCE_CODE = "082"  # Tiền Giang's code on ID cards (Circular 07/2016/TT-BCA)


def demo_citizen_id(rng):
    return DEMO_PROVINCE_CODE + rng.choice("0123") + f"{rng.randint(0, 10**8 - 1):08d}"


def demo_tax_code(rng):
    while True:
        first_nine = f"12{rng.randint(0, 10**7 - 1):07d}"
        check = identity_numbers.organisation_check_digit(first_nine)
        if check < 10:
            return f"{first_nine}{check}"


def create_demo_identity_checks(seed=2026):
    if IdentityCheck.objects.exists():
        return 0
    rng = random.Random(seed)
    official = get_user_model().objects.filter(username="canbo").first()
    today = timezone.localdate()
    checks = []
    for producer in Producer.objects.filter(status=VerificationStatus.VERIFIED).order_by("pk"):
        in_person = rng.random() < 0.5
        check = IdentityCheck(
            producer=producer,
            method=IdentityMethod.IN_PERSON if in_person else IdentityMethod.VNEID,
            full_name=producer.representative,
            checked_by=official if in_person else None,
            checked_at=timezone.now() - timedelta(days=rng.randint(1, 300)),
            expires_on=today + timedelta(days=rng.randint(200, 700)),
        )
        if producer.kind in (ProducerKind.COOPERATIVE, ProducerKind.ENTERPRISE):
            check.tax_code = demo_tax_code(rng)
        check.citizen_id = demo_citizen_id(rng)
        checks.append(check)
    IdentityCheck.objects.bulk_create(checks)
    return len(checks)
