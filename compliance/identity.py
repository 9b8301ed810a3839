"""Seller identity (Law on E-Commerce 122/2025/QH15): no producer is verified before its
representative's identity is checked, through VNeID or in person against the chip ID
card, and a check that runs out puts the producer back in front of officials."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from marketplace.photos import check_upload, strip_and_orient
from producers import permissions
from producers.models import Producer, ProducerKind, VerificationStatus
from producers.notifications import close_notices, in_vietnamese, notify_producer

from . import identity_numbers, sealing
from .models import IdentityCheck, IdentityMethod, LegalDeadlines

ORGANISATIONS = (ProducerKind.COOPERATIVE, ProducerKind.ENTERPRISE)


def valid_checks(today=None):
    return IdentityCheck.objects.filter(expires_on__gte=today or timezone.localdate())


def current_check(producer, today=None):
    return valid_checks(today).filter(producer=producer).first()


def missing_identity(producer):
    """For producers.services: the reason a producer cannot be verified yet, if any."""
    if current_check(producer) is None:
        return [_("Check the representative's identity first (VNeID or in person).")]
    return []


def needing_a_new_check(today=None):
    """Verified producers whose identity check ran out: officials' work, never a silent
    un-verification."""
    valid = valid_checks(today).filter(producer=OuterRef("pk"))
    return Producer.objects.filter(status=VerificationStatus.VERIFIED).exclude(Exists(valid))


def can_check_in_person(user, producer):
    return permissions.can_moderate(user) or (
        permissions.is_digital_team_member(user) and permissions.acts_on_behalf(user, producer)
    )


def clean_numbers(producer, citizen_id, tax_code):
    """The numbers the producer's kind needs: a household's representative's citizen ID;
    an HTX's or enterprise's tax code (the representative's ID then optional)."""
    errors, cleaned = {}, {"citizen_id": "", "tax_code": ""}
    for field, value, cleaner in (
        ("citizen_id", citizen_id, identity_numbers.clean_citizen_id),
        ("tax_code", tax_code, identity_numbers.clean_tax_code),
    ):
        if (value or "").strip():
            try:
                cleaned[field] = cleaner(value)
            except ValidationError as error:
                errors[field] = error.messages
    if producer.kind in ORGANISATIONS:
        if not cleaned["tax_code"] and "tax_code" not in errors:
            errors["tax_code"] = [_("An HTX or enterprise gives its tax code.")]
    elif not cleaned["citizen_id"] and "citizen_id" not in errors:
        errors["citizen_id"] = [_("Give the representative's 12-digit citizen ID number.")]
    if errors:
        raise ValidationError(errors)
    return cleaned


def _expiry(card_expires_on=None, today=None):
    today = today or timezone.localdate()
    days = LegalDeadlines.load().identity_check_days
    until = today + timedelta(days=days)
    return min(until, card_expires_on) if card_expires_on else until


@in_vietnamese
@transaction.atomic
def record_in_person(
    producer,
    checker,
    *,
    full_name,
    citizen_id="",
    tax_code="",
    business_registration="",
    card_expires_on=None,
    card_photo=None,
):
    """An official or the household's digital-team helper saw the chip ID card."""
    if not can_check_in_person(checker, producer):
        raise PermissionDenied
    if card_expires_on and card_expires_on < timezone.localdate():
        raise ValidationError(
            {"card_expires_on": [_("This ID card has expired: ask for the new one.")]}
        )
    numbers = clean_numbers(producer, citizen_id, tax_code)
    check = IdentityCheck(
        producer=producer,
        method=IdentityMethod.IN_PERSON,
        full_name=full_name.strip()[:120],
        tax_code=numbers["tax_code"],
        business_registration=business_registration.strip()[:30],
        checked_by=checker,
        expires_on=_expiry(card_expires_on),
    )
    check.citizen_id = numbers["citizen_id"]
    if card_photo:
        cleaned = strip_and_orient(check_upload(card_photo))
        check.card_photo.save(cleaned.name, cleaned, save=False)
    check.save()
    _checked(check, checker)
    return check


@in_vietnamese
@transaction.atomic
def record_from_provider(producer, user, *, subject, full_name, citizen_id):
    """The identity provider (VNeID) vouched for the person signed in as the producer."""
    if not permissions.can_edit(user, producer):
        raise PermissionDenied
    numbers = clean_numbers(producer, citizen_id, "") if citizen_id else None
    if numbers is None:
        raise ValidationError(_("The identity provider did not give a citizen ID number."))
    check = IdentityCheck(
        producer=producer,
        method=IdentityMethod.VNEID,
        full_name=(full_name or "").strip()[:120],
        provider_subject=subject[:255],
        checked_by=user,
        expires_on=_expiry(),
    )
    check.citizen_id = numbers["citizen_id"]
    check.save()
    _checked(check, user)
    return check


def _checked(check, actor):
    close_notices(check.producer, "identity-expired", _("Identity checked again."))
    log(check.producer, "compliance.identity_checked", user=actor,
        data={"method": check.method, "expires_on": check.expires_on.isoformat()})  # fmt: skip
    notify_producer(
        check.producer,
        _("Your identity is checked"),
        _(
            "The identity of %(name)s's representative is checked (%(method)s), valid until %(date)s."
        )
        % {
            "name": check.producer.display_name,
            "method": check.get_method_display(),
            "date": check.expires_on.strftime("%d/%m/%Y"),
        },
        topic="identity",
    )


def producers_with_citizen_id(number):
    """Exact match only: the keyed hash of the cleaned number."""
    digest = sealing.lookup_hash(identity_numbers.clean_citizen_id(number))
    return Producer.objects.filter(identity_checks__citizen_id_hash=digest).distinct()


def disclosed_facts(producer):
    """For producers.disclosure: "Identity verified" and how, and a business's numbers."""
    check = current_check(producer)
    if check is None:
        return []
    return [
        (_("Identity"), _("Identity verified") + f" · {check.get_method_display()}"),
        (_("Tax code"), check.tax_code if producer.kind in ORGANISATIONS else ""),
        (_("Business registration"), check.business_registration),
    ]
