"""Standing orders: an accepted weekly offer places an order every week, `lead_days` before
its delivery, through the task worker (place_due(), hourly). Each week is one
StandingRun (unique per delivery day), so a second worker or a second run of the task
places nothing twice; an order refused (stock, a product off sale) is recorded with its
reason and both sides are told. Either side may pause, resume or cancel; a pause or a
cancellation takes effect after the notice, and deliveries before it still stand.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.formatting import format_quantity
from marketplace.validation import require_reason
from producers.models import Producer

from . import ordering
from .businesses import business_of
from .models import StandingOrder, StandingRun, StandingStatus, WholesaleSettings
from .telling import tell_business, tell_producer

WEEK = datetime.timedelta(days=7)


def start(offer, request):
    return StandingOrder.objects.create(
        offer=offer,
        business=request.business,
        producer=offer.producer,
        product=offer.product,
        quantity=offer.quantity,
        price_vnd=offer.price_vnd,
        delivery_fee_vnd=offer.delivery_fee_vnd,
        next_delivery=offer.deliver_on,
    )


def _still_delivering():
    """Active, or paused or cancelled with its next delivery before the notice ends."""
    return Q(status=StandingStatus.ACTIVE) | Q(
        effective_from__isnull=False, next_delivery__lt=F("effective_from")
    )


def place_due(today=None):
    """Place every week whose time has come; returns the runs written."""
    today = today or timezone.localdate()
    lead = datetime.timedelta(days=WholesaleSettings.load().lead_days)
    due = StandingOrder.objects.filter(_still_delivering(), next_delivery__lte=today + lead)
    runs = []
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            standing = (
                StandingOrder.objects.select_for_update(skip_locked=True)
                .filter(_still_delivering(), pk=pk, next_delivery__lte=today + lead)
                .select_related("business__user", "product__producer", "offer__request")
                .first()
            )
            if standing is None:  # another worker has it, or it is done
                continue
            run = StandingRun(standing=standing, delivery_on=standing.next_delivery)
            if standing.next_delivery < today:  # the worker was down: too late to deliver
                run.problem = _("Not placed in time.")
            else:
                run.order, run.problem = _place(standing)
            run.save()
            standing.next_delivery += WEEK
            standing.save(update_fields=["next_delivery"])
            _tell_run(standing, run)
            runs.append(run)
    return runs


def _place(standing):
    request = standing.offer.request
    try:
        with transaction.atomic():
            order = ordering.place(
                standing.business, standing.product, standing.quantity, standing.price_vnd,
                standing.delivery_fee_vnd, commune=request.commune, address=request.address,
                note=_("Standing order; deliver on %(date)s.")
                % {"date": standing.next_delivery.strftime("%d/%m/%Y")},
            )  # fmt: skip
    except ValidationError as error:
        return None, " ".join(error.messages)[:500]
    return order, ""


def _tell_run(standing, run):
    facts = {
        "quantity": format_quantity(standing.quantity),
        "product": standing.product.name,
        "date": run.delivery_on.strftime("%d/%m/%Y"),
    }
    if run.order:
        tell_business(
            standing.business,
            f"run:{run.standing_id}:{run.delivery_on}",
            _("Chợ Nông Sản: standing order placed, %(quantity)s %(product)s for "
              "%(date)s (order %(code)s).") % {**facts, "code": run.order.code},
        )  # fmt: skip
        return  # the producer is told of the order as of any new order
    said = _("The standing order for %(date)s (%(quantity)s %(product)s) could not be "
             "placed: %(problem)s") % {**facts, "problem": run.problem}  # fmt: skip
    tell_business(standing.business, f"run:{run.standing_id}:{run.delivery_on}", said)
    tell_producer(standing.producer, _("Standing order not placed"), said)


def is_buyer_of(user, standing):
    business = business_of(user)
    return business is not None and business.pk == standing.business_id


def can_change(user, standing):
    return is_buyer_of(user, standing) or (
        Producer.objects.managed_by(user).filter(pk=standing.producer_id).exists()
    )


def _change(standing, user, status, reason, *, notice):
    if not can_change(user, standing):
        raise PermissionDenied
    with transaction.atomic():
        standing = StandingOrder.objects.select_for_update().get(pk=standing.pk)
        if standing.status == StandingStatus.CANCELLED:
            raise ValidationError(_("This standing order is cancelled."))
        today = timezone.localdate()
        if status == StandingStatus.ACTIVE:
            if standing.status == StandingStatus.ACTIVE:
                raise ValidationError(_("This standing order is already active."))
            lead = datetime.timedelta(days=WholesaleSettings.load().lead_days)
            while standing.next_delivery <= today + lead:
                standing.next_delivery += WEEK
            standing.effective_from = None
        else:
            if standing.status == status:
                raise ValidationError(_("Nothing to change."))
            days = WholesaleSettings.load().notice_days if notice else 0
            standing.effective_from = today + datetime.timedelta(days=days)
        standing.status, standing.status_reason = status, reason
        standing.save()
    said = {
        StandingStatus.ACTIVE: _("The standing order of %(product)s resumes on %(date)s."),
        StandingStatus.PAUSED: _(
            "The standing order of %(product)s is paused from %(date)s: %(reason)s"
        ),
        StandingStatus.CANCELLED: _(
            "The standing order of %(product)s is cancelled from %(date)s: %(reason)s"
        ),
    }[status] % {  # fmt: skip
        "product": standing.product.name,
        "date": (standing.effective_from or standing.next_delivery).strftime("%d/%m/%Y"),
        "reason": reason,
    }
    if is_buyer_of(user, standing):
        tell_producer(standing.producer, _("Standing order changed"), said)
    else:
        tell_business(standing.business, f"standing:{standing.pk}:{status}:{today}", said)
    return standing


def pause(standing, user, reason):
    return _change(standing, user, StandingStatus.PAUSED, require_reason(reason), notice=True)


def resume(standing, user, reason=""):
    return _change(standing, user, StandingStatus.ACTIVE, "", notice=False)


def cancel(standing, user, reason):
    return _change(standing, user, StandingStatus.CANCELLED, require_reason(reason), notice=True)
