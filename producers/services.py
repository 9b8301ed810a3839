"""Business rules for producers: registration, onboarding, claiming and verification.

Every change goes through these functions so that the history (StatusChange),
the activity log (who acted, and whether on a household's behalf) and the
notices stay complete whichever view, command or admin action calls them.
"""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.consents import record_consents, record_sign_up
from accounts.models import ConsentPurpose, PolicyAcceptance
from accounts.services import create_farmer_account, make_farmer
from marketplace import events
from marketplace.text import vietnamese_slug
from marketplace.transitions import lock_for_transition
from marketplace.validation import require_reason

from . import permissions
from .models import (
    ClaimCode,
    MembershipRole,
    OnboardingStep,
    Producer,
    ProducerActivity,
    ProducerMembership,
    StatusChange,
    VerificationStatus,
)
from .notifications import in_vietnamese, notify_producer

CLAIM_CODE_LIFETIME = timedelta(days=14)
# No 0/O, 1/I/L: the code is read off paper and typed on a phone.
CLAIM_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CLAIM_CODE_LENGTH = 8

ALLOWED_TRANSITIONS = {
    VerificationStatus.DRAFT: {VerificationStatus.SUBMITTED},
    VerificationStatus.REJECTED: {VerificationStatus.SUBMITTED},
    VerificationStatus.SUBMITTED: {VerificationStatus.VERIFIED, VerificationStatus.REJECTED},
    VerificationStatus.VERIFIED: {VerificationStatus.SUSPENDED},
    VerificationStatus.SUSPENDED: {VerificationStatus.VERIFIED},
}


class ClaimError(Exception):
    pass


# Higher apps register here in their AppConfig.ready() (catalog: relist and reindex the
# producer's products); producers never imports them.
_producer_changed_hooks = []


def on_producer_changed(function):
    _producer_changed_hooks.append(function)


def page_tag(producer_pk):
    """The tag of the producer's kept public page (marketplace.page_cache)."""
    return f"producer:{producer_pk}"


def producer_changed(producer):
    """The producer's status or public profile changed, inside the caller's transaction."""
    for function in _producer_changed_hooks:
        function(producer)


# What a producer needs before it is verified, from the apps above (compliance: the
# representative's identity check): each function returns the reasons it cannot be, or [].
_verification_requirements = []


def require_for_verification(function):
    _verification_requirements.append(function)


def verification_blockers(producer):
    return [reason for function in _verification_requirements for reason in function(producer)]


def unique_slug(name, exclude_pk=None):
    base = vietnamese_slug(name)[:120] or "nha-san-xuat"
    slug, suffix = base, 2
    while Producer.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def record_activity(producer, actor, action):
    ProducerActivity.objects.create(
        producer=producer,
        actor=actor,
        on_behalf=permissions.acts_on_behalf(actor, producer),
        action=action,
    )


@transaction.atomic
def create_producer(owner, helper=None, **fields):
    """A new draft producer owned by `owner`, optionally registered by a digital-team `helper`."""
    producer = Producer(**fields, registered_by=helper)
    producer.slug = unique_slug(producer.display_name)
    producer.full_clean(exclude=["slug"])
    producer.save()
    ProducerMembership.objects.create(producer=producer, user=owner, role=MembershipRole.OWNER)
    make_farmer(owner)  # a buyer's account that starts selling
    if helper is None:  # a household registered by a helper agreed on its paper form
        record_consents(owner, {ConsentPurpose.SELLER_PAGE: True})
    else:
        ProducerMembership.objects.create(
            producer=producer, user=helper, role=MembershipRole.ASSISTANT
        )
    record_activity(producer, helper or owner, "created")
    return producer


@transaction.atomic
def register_household(helper, *, phone, paper_form, consents=None, **fields):
    """A digital-team member registers a household: its account, with the consent it
    signed on paper, its producer, a claim code."""
    if not permissions.is_digital_team_member(helper):
        raise PermissionDenied
    household = create_farmer_account(phone)
    record_sign_up(
        household,
        {**(consents or {}), ConsentPurpose.SELLER_PAGE: True},
        occasion=PolicyAcceptance.Occasion.ON_BEHALF,
        recorded_by=helper,
        paper_form=paper_form,
    )
    producer = create_producer(household, helper=helper, phone=phone, **fields)
    code = issue_claim_code(producer, helper)
    return producer, code


@transaction.atomic
def save_onboarding_step(producer, actor, step):
    """Called after each wizard step is saved: progress is kept so the farmer can stop and resume."""
    if not permissions.can_edit(actor, producer):
        raise PermissionDenied
    if step >= producer.onboarding_step:
        producer.onboarding_step = min(step + 1, OnboardingStep.REVIEW)
        producer.save(update_fields=["onboarding_step", "updated_at"])
    record_activity(producer, actor, f"saved_step_{step}")
    producer_changed(producer)  # its name and commune are on its products' search documents


def missing_for_submission(producer):
    missing = []
    if not producer.commune_id:
        missing.append(_("commune"))
    if not producer.main_products:
        missing.append(_("what you grow or make"))
    return missing


@transaction.atomic
def submit_for_verification(producer, actor):
    if not permissions.can_edit(actor, producer):
        raise PermissionDenied
    missing = missing_for_submission(producer)
    if missing:
        raise ValidationError(
            _("Fill in before submitting: %(fields)s.") % {"fields": ", ".join(missing)}
        )
    _change_status(producer, VerificationStatus.SUBMITTED, actor)
    record_activity(producer, actor, "submitted")


@in_vietnamese
@transaction.atomic
def verify(producer, official):
    require_moderator(official)
    # The certificates the official saw are approved with the producer.
    producer.certifications.filter(approved_at=None).update(approved_at=timezone.now())
    _change_status(producer, VerificationStatus.VERIFIED, official)
    notify_producer(
        producer,
        _("Your producer profile is verified"),
        _("%(name)s is verified: your profile and products are now public on Chợ Nông Sản.")
        % {"name": producer.display_name},
    )


@in_vietnamese
@transaction.atomic
def reject(producer, official, reason):
    require_moderator(official)
    reason = require_reason(reason)
    _change_status(producer, VerificationStatus.REJECTED, official, reason)
    notify_producer(
        producer,
        _("Your producer profile needs changes"),
        _("%(name)s was not verified. Reason: %(reason)s. Correct it and submit again.")
        % {"name": producer.display_name, "reason": reason},
    )


@in_vietnamese
@transaction.atomic
def suspend(producer, official, reason):
    require_moderator(official)
    reason = require_reason(reason)
    _change_status(producer, VerificationStatus.SUSPENDED, official, reason)
    notify_producer(
        producer,
        _("Your producer profile is suspended"),
        _("%(name)s is suspended and hidden from buyers. Reason: %(reason)s.")
        % {"name": producer.display_name, "reason": reason},
    )


def require_moderator(user):
    if not permissions.can_moderate(user):
        raise PermissionDenied


def _change_status(producer, to_status, actor, reason=""):
    if to_status == VerificationStatus.VERIFIED:
        blockers = verification_blockers(producer)
        if blockers:
            raise ValidationError(" ".join(blockers), code="not_verifiable")
    current = lock_for_transition(producer, to_status, ALLOWED_TRANSITIONS, VerificationStatus)
    now = timezone.now()
    StatusChange.objects.create(
        producer=producer,
        from_status=current.status,
        to_status=to_status,
        reason=reason,
        changed_by=actor,
        changed_at=now,
    )
    producer.status = to_status
    producer.status_reason = reason
    producer.status_changed_at = now
    producer.save(update_fields=["status", "status_reason", "status_changed_at", "updated_at"])
    producer_changed(producer)  # verifying or suspending lists or unlists all its products


def normalise_claim_code(code):
    return code.strip().upper().replace("-", "").replace(" ", "")


def _hash_code(code):
    return hashlib.sha256(normalise_claim_code(code).encode()).hexdigest()


def format_claim_code(code):
    return f"{code[:4]}-{code[4:]}"


def is_claimed(owner):
    """A household has claimed its account once it has a password of its own."""
    return owner.has_usable_password()


def owner_of(producer):
    return producer.memberships.select_related("user").get(role=MembershipRole.OWNER).user


@transaction.atomic
def issue_claim_code(producer, helper):
    """A new one-time code for the producer's owner account; earlier unused codes stop working.

    Only for accounts never claimed: once the household has its password, recovery
    belongs to the owner's phone or an official, never to the digital team.
    """
    if not permissions.acts_on_behalf(helper, producer):
        raise PermissionDenied
    owner = owner_of(producer)
    if is_claimed(owner):
        raise ClaimError(
            _(
                "This household has already claimed its account. It can reset its password "
                "with its phone, or ask an official."
            )
        )
    now = timezone.now()
    ClaimCode.objects.filter(producer=producer, used_at__isnull=True).update(expires_at=now)
    code = "".join(secrets.choice(CLAIM_CODE_ALPHABET) for _ in range(CLAIM_CODE_LENGTH))
    ClaimCode.objects.create(
        producer=producer,
        user=owner,
        code_hash=_hash_code(code),
        created_by=helper,
        expires_at=now + CLAIM_CODE_LIFETIME,
    )
    record_activity(producer, helper, "claim_code_issued")
    events.announce(
        "claim_code_issued",
        producer=producer,
        phone=owner.phone,
        code=format_claim_code(code),
        expires_at=now + CLAIM_CODE_LIFETIME,
    )
    return format_claim_code(code)


@transaction.atomic
def claim_account(code, password):
    """The household takes over its account: the code works once, before it expires."""
    claim = (
        ClaimCode.objects.select_for_update()
        .select_related("user", "producer")
        .filter(code_hash=_hash_code(code))
        .first()
    )
    if claim is None:
        raise ClaimError(_("This code is not right. Check it on the paper you were given."))
    if claim.used_at is not None:
        raise ClaimError(_("This code has already been used. Log in with your phone number."))
    if claim.expires_at <= timezone.now():
        raise ClaimError(_("This code has expired. Ask your digital team for a new one."))
    if is_claimed(claim.user):
        raise ClaimError(_("This account has already been claimed. Log in with your phone number."))
    claim.user.set_password(password)
    claim.user.save(update_fields=["password"])
    claim.used_at = timezone.now()
    claim.save(update_fields=["used_at"])
    record_activity(claim.producer, claim.user, "account_claimed")
    return claim.user


def find_claim(code):
    return ClaimCode.objects.select_related("user").filter(code_hash=_hash_code(code)).first()
