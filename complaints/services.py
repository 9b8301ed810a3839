"""Complaints: opened by the buyer on one producer's part, answered by the producer
within the deadline, accepted by the buyer or mediated by an official, resolved by an
outcome that goes through the refund records when money goes back."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.formatting import format_local_datetime, format_vnd
from marketplace.photos import strip_and_orient
from orders.models import OrderPart, PartStatus
from orders.services import can_manage_part
from orders.telling import tell_buyer
from payments import refunds
from payments.models import Payment, PaymentMethod
from producers.notifications import in_vietnamese, notify_producer

from .models import Complaint, ComplaintPhoto, ComplaintRules, Outcome, State

COMPLAINABLE = (PartStatus.SHIPPED, PartStatus.DELIVERED)
REFUNDS = (Outcome.REFUND, Outcome.PARTIAL_REFUND)


def can_mediate(user):
    return user.has_perm("complaints.mediate_complaint")


def window_closes(part):
    return part.status_changed_at + timedelta(days=ComplaintRules.load().window_days)


def why_not(part, now=None):
    """Why the buyer cannot complain about this part now; None when they can."""
    if part.status not in COMPLAINABLE:
        return _("A complaint is opened once the producer has sent or delivered the order.")
    if part.complaints.exclude(state=State.RESOLVED).exists():
        return _("A complaint about this part is already open.")
    if (now or timezone.now()) > window_closes(part):
        return _("The time to complain about this part ended on %(date)s.") % {
            "date": format_local_datetime(window_closes(part))
        }
    return None


@in_vietnamese
@transaction.atomic
def open_complaint(part, *, reason, text, photos=()):
    part = OrderPart.objects.select_for_update().select_related("order", "producer").get(pk=part.pk)
    refused = why_not(part)
    if refused:
        raise ValidationError(refused, code="not_now")
    now = timezone.now()
    complaint = Complaint.objects.create(
        part=part, reason=reason, text=text, opened_at=now,
        answer_due_at=now + timedelta(days=ComplaintRules.load().answer_days),
    )  # fmt: skip
    for photo in photos:
        ComplaintPhoto.objects.create(complaint=complaint, image=strip_and_orient(photo))
    details = {"code": part.order.code, "reason": complaint.get_reason_display(),
               "due": format_local_datetime(complaint.answer_due_at)}  # fmt: skip
    notify_producer(
        part.producer,
        _("Complaint about order %(code)s") % details,
        _("A buyer complains about order %(code)s: %(reason)s. Answer in the portal by "
          "%(due)s, or an official mediates.") % details,
        topic=f"complaint-{complaint.pk}",
    )  # fmt: skip
    tell_buyer(part.order, _("Your complaint about order %(code)s is received; the producer "
                             "answers by %(due)s.") % details)  # fmt: skip
    return complaint


def _locked(complaint, *states):
    complaint = (
        Complaint.objects.select_for_update()
        .select_related("part__order", "part__producer")
        .get(pk=complaint.pk)
    )
    if complaint.state not in states:
        raise ValidationError(_("This complaint was already dealt with."), code="state")
    return complaint


def _amount(part, outcome, amount):
    """The đồng going back for an outcome: all of the part, some of it, or none."""
    if outcome == Outcome.REFUND:
        return part.total_vnd
    if outcome == Outcome.PARTIAL_REFUND:
        if not amount or amount >= part.total_vnd:
            raise ValidationError(
                _("A partial refund is between 1 ₫ and %(most)s.")
                % {"most": format_vnd(part.total_vnd - 1)},
                code="amount",
            )
        return amount
    return None


@in_vietnamese
@transaction.atomic
def answer(complaint, actor, *, text, proposal, amount=None):
    if not can_manage_part(actor, complaint.part):
        raise PermissionDenied
    complaint = _locked(complaint, State.OPEN)
    complaint.proposed_vnd = _amount(complaint.part, proposal, amount)
    complaint.answer, complaint.proposal = text, proposal
    complaint.state, complaint.answered_at = State.ANSWERED, timezone.now()
    complaint.save()
    tell_buyer(complaint.part.order, _(
        "%(producer)s answered your complaint about order %(code)s: %(proposal)s. Accept it "
        "or ask an official on your order's page."
    ) % {"producer": complaint.part.producer.display_name, "code": complaint.part.order.code,
         "proposal": _proposal_words(complaint)})  # fmt: skip
    return complaint


def _proposal_words(complaint):
    words = complaint.get_proposal_display()
    return f"{words} {format_vnd(complaint.proposed_vnd)}" if complaint.proposed_vnd else words


@transaction.atomic
def accept(complaint):
    """The buyer takes the producer's proposal."""
    complaint = _locked(complaint, State.ANSWERED)
    return _resolve(complaint, complaint.proposal, complaint.proposed_vnd, None,
                    _("The buyer accepted the producer's answer."))  # fmt: skip


@in_vietnamese
@transaction.atomic
def ask_mediation(complaint):
    """The buyer does not accept the answer (or none came in time): an official decides."""
    complaint = _locked(complaint, State.OPEN, State.ANSWERED)
    if complaint.state == State.OPEN and not complaint.is_late:
        raise ValidationError(_("The producer still has time to answer."), code="early")
    return _to_mediation(complaint)


def _to_mediation(complaint):
    complaint.state = State.MEDIATION
    complaint.save(update_fields=["state"])
    notify_producer(
        complaint.part.producer,
        _("Complaint about order %(code)s: with an official") % {"code": complaint.part.order.code},
        _("An official now mediates the complaint about order %(code)s; they may call you.")
        % {"code": complaint.part.order.code},
        topic=f"complaint-{complaint.pk}",
    )
    return complaint


@transaction.atomic
def decide(complaint, official, *, outcome, amount=None, note):
    if not can_mediate(official):
        raise PermissionDenied
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Say why: the buyer and the producer read it."), code="note")
    complaint = _locked(complaint, State.OPEN, State.ANSWERED, State.MEDIATION)
    return _resolve(complaint, outcome, _amount(complaint.part, outcome, amount), official, note)


@in_vietnamese
def _resolve(complaint, outcome, amount, actor, note):
    part = complaint.part
    if outcome in REFUNDS:
        complaint.refund = _give_back(part, amount, _("Complaint %(pk)s: %(note)s")
                                      % {"pk": complaint.pk, "note": note}, actor)  # fmt: skip
    complaint.outcome, complaint.refund_vnd = outcome, amount
    complaint.decision, complaint.decided_by = note[:1000], actor
    complaint.state, complaint.resolved_at = State.RESOLVED, timezone.now()
    complaint.save()
    said = {"code": part.order.code, "outcome": complaint.get_outcome_display(),
            "amount": format_vnd(amount) if amount else "", "note": note}  # fmt: skip
    message = _("The complaint about order %(code)s is resolved: %(outcome)s %(amount)s. "
                "%(note)s") % said  # fmt: skip
    tell_buyer(part.order, message)
    notify_producer(part.producer, _("Complaint about order %(code)s resolved") % said, message,
                    topic=f"complaint-{complaint.pk}")  # fmt: skip
    return complaint


def _give_back(part, amount, reason, actor):
    """Through the refund records: to the card the marketplace charged, or owed back by
    the producer for a transfer. Cash on delivery has no record: the producer repays it
    by hand, as the notice says."""
    card = Payment.objects.filter(order=part.order, part=None, method=PaymentMethod.CARD,
                                  paid_at__isnull=False).first()  # fmt: skip
    if card is not None:
        full = amount >= refunds.refundable(card, part)
        made = refunds.refund(card, part=part, reason=reason, actor=actor,
                              amount=None if full else amount)  # fmt: skip
        return made[0]
    transfer = Payment.objects.filter(part=part, paid_at__isnull=False).first()
    if transfer is not None:
        return refunds.owe_return(transfer, part, amount=amount, reason=reason)
    return None


@transaction.atomic
def mediate_unanswered(now=None):
    """Past the producer's deadline without an answer, the complaint goes to an official."""
    late = list(
        Complaint.objects.select_for_update()
        .filter(state=State.OPEN, answer_due_at__lt=now or timezone.now())
        .select_related("part__order", "part__producer")
    )
    for complaint in late:
        _to_mediation(complaint)
    return len(late)


def figures(producers):
    """Per producer: complaints opened, still open, resolved with money back, rejected."""
    return producers.annotate(
        complaints=Count("order_parts__complaints"),
        complaints_open=Count("order_parts__complaints",
                              filter=~Q(order_parts__complaints__state=State.RESOLVED)),
        complaints_refunded=Count("order_parts__complaints",
                                  filter=Q(order_parts__complaints__outcome__in=REFUNDS)),
        complaints_rejected=Count("order_parts__complaints",
                                  filter=Q(order_parts__complaints__outcome=Outcome.REJECTED)),
    )  # fmt: skip
