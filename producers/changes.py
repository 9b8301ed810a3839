"""A verified producer's changes to what officials checked, kept until an official decides.

A verified producer's identity (IDENTITY_FIELDS) and new certificates are not
applied at once: they wait in a ProducerChange, and the public page, the labels,
the products' claims and the officials' figures keep the verified values until
an official approves them (or rejects them, with a reason the producer reads).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.validation import require_reason

from . import permissions
from .models import OnboardingStep, Producer, ProducerChange, VerificationStatus
from .notifications import in_vietnamese, notify_producer
from .services import producer_changed, record_activity, require_moderator, save_onboarding_step

# What officials checked at verification: changing it later needs their approval again.
IDENTITY_FIELDS = ("kind", "display_name", "legal_name", "representative", "phone")


# Values kept outside Producer (a bank account, in the payments app) are applied on
# approval, and described to officials, by the app that owns them (from its
# AppConfig.ready()): {"key": (label, apply(producer, value), describe(value))}.
_appliers = {}


def apply_with(key, label, apply, describe):
    _appliers[key] = (label, apply, describe)


def described(change):
    """[(label, value)] of a change, as officials read it."""
    rows = []
    for name, value in change.values.items():
        if name in _appliers:
            label, _apply, describe = _appliers[name]
            rows.append((label, describe(value)))
        else:
            rows.append((Producer._meta.get_field(name).verbose_name, value))
    return rows


def changes_need_review(producer):
    return producer.status in (VerificationStatus.VERIFIED, VerificationStatus.SUSPENDED)


@transaction.atomic
def save_profile_form(producer, actor, step, form):
    """Save one wizard step's form; return True when part of it waits for an official."""
    if not permissions.can_edit(actor, producer):
        raise PermissionDenied
    pending = False
    if step == OnboardingStep.WHO and changes_need_review(producer):
        verified = Producer.objects.get(pk=producer.pk)
        requested = {
            name: str(form.cleaned_data[name] or "")
            for name in IDENTITY_FIELDS
            if form.cleaned_data.get(name) != getattr(verified, name)
        }
        for name in IDENTITY_FIELDS:  # the form wrote them on the instance: put them back
            setattr(form.instance, name, getattr(verified, name))
        form.save()
        if requested:
            _request_change(producer, actor, requested)
            pending = True
    elif step == OnboardingStep.CERTIFICATIONS:
        certifications = form.save(commit=False)
        for certification in certifications:
            certification.approved_at = None  # new or changed: an official looks at it
            certification.save()
        for certification in form.deleted_objects:
            certification.delete()
        if certifications and changes_need_review(producer):
            _request_change(producer, actor, {})
            pending = True
    else:
        form.save()
    save_onboarding_step(producer, actor, step)
    return pending


def request_change(producer, actor, values):
    """Values of a verified producer that wait for an official (merged into its open change)."""
    if not permissions.can_edit(actor, producer):
        raise PermissionDenied
    _request_change(producer, actor, values)


def _request_change(producer, actor, values):
    change = ProducerChange.objects.select_for_update().filter(producer=producer, decided_at=None)
    change = change.first() or ProducerChange(producer=producer)
    change.values = {**change.values, **values}
    change.requested_by = actor
    change.requested_at = timezone.now()
    change.save()
    record_activity(producer, actor, "change_requested")


@in_vietnamese
@transaction.atomic
def approve_changes(producer, official, reason=""):
    require_moderator(official)
    change = ProducerChange.objects.select_for_update().filter(producer=producer, decided_at=None)
    change = change.first()
    if change is None:
        raise ValidationError(_("This producer has no change waiting."))
    for name, value in change.values.items():
        if name not in _appliers:
            setattr(producer, name, value)
    producer.full_clean(exclude=["slug"])
    producer.save()
    for name, value in change.values.items():
        if name in _appliers:
            _appliers[name][1](producer, value)
    producer.certifications.filter(approved_at=None).update(approved_at=timezone.now())
    _close_change(change, official, approved=True, reason=reason)
    producer_changed(producer)
    notify_producer(
        producer,
        _("Your changes are approved"),
        _("The changes to %(name)s are approved and now public.") % {"name": producer.display_name},
    )


@in_vietnamese
@transaction.atomic
def reject_changes(producer, official, reason):
    require_moderator(official)
    reason = require_reason(reason)
    change = ProducerChange.objects.select_for_update().filter(producer=producer, decided_at=None)
    change = change.first()
    if change is None:
        raise ValidationError(_("This producer has no change waiting."))
    producer.certifications.filter(approved_at=None).delete()
    _close_change(change, official, approved=False, reason=reason)
    notify_producer(
        producer,
        _("Your changes were not approved"),
        _(
            "The changes to %(name)s were not approved. Reason: %(reason)s. Your verified profile stays as it was."
        )
        % {"name": producer.display_name, "reason": reason},
    )


def _close_change(change, official, approved, reason):
    change.decided_at = timezone.now()
    change.decided_by = official
    change.approved = approved
    change.reason = reason
    change.save()
    record_activity(
        change.producer, official, "changes_approved" if approved else "changes_rejected"
    )
