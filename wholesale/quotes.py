"""Requests for quotation and offers: posted, answered, compared, accepted.

A request's row is locked before any of its offers, by every function here, so an offer
made while the buyer accepts another, or two accepts of one offer at once, queue on the
same row: an offer becomes one order, or one standing order, never two.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Product
from marketplace.formatting import format_quantity, format_vnd
from marketplace.validation import plain_text
from producers.models import Producer

from . import ordering, standing
from .businesses import business_of
from .models import (
    MAX_QUANTITY,
    Offer,
    OfferStatus,
    QuoteRequest,
    RequestStatus,
    Schedule,
    WholesaleSettings,
)
from .telling import tell_business, tell_producer

MAX_PRODUCERS = 30
LONGEST_AHEAD = datetime.timedelta(days=366)
# How long after the request's window an offer may hold, at most.
OFFER_LONGEST = datetime.timedelta(days=30)


def _require_approved(user):
    business = business_of(user)
    if business is None or not business.is_approved:
        raise PermissionDenied(
            _("Only a business account approved by an official can ask for quotes and "
              "wholesale prices.")
        )  # fmt: skip
    return business


def check_quantity(quantity):
    if quantity is None or quantity <= 0:
        raise ValidationError(_("Enter a quantity more than 0."), code="quantity")
    if quantity > MAX_QUANTITY:
        raise ValidationError(
            _("At most %(max)s in one request.") % {"max": format_quantity(MAX_QUANTITY)},
            code="quantity",
        )


def check_delivery_date(day):
    today = timezone.localdate()
    if day <= today:
        raise ValidationError(_("The delivery date must be after today."), code="date")
    if day - today > LONGEST_AHEAD:
        raise ValidationError(_("The delivery date must be within a year."), code="date")


def producers_selling(category):
    """The verified producers who list a product of the category (or its subcategories)."""
    selling = Product.objects.public().filter(category__path__startswith=category.path)
    return Producer.objects.public().filter(pk__in=selling.values("producer")).order_by("pk")


def producers_to_ask(category, *, chosen=(), communes=()):
    """Of the producers selling the category: those chosen, or every one in the communes
    chosen."""
    producers = producers_selling(category)
    if chosen:
        producers = producers.filter(pk__in=[p.pk for p in chosen])
    elif communes:
        producers = producers.filter(commune__in=communes)
    else:
        return Producer.objects.none()
    return producers


@transaction.atomic
def post_request(user, request, *, chosen=(), communes=()):
    """A request (unsaved, from the form) sent to the producers it reaches; raises
    PermissionDenied for anyone but an approved business, ValidationError for bad input."""
    business = _require_approved(user)
    check_quantity(request.quantity)
    check_delivery_date(request.deliver_on)
    if (
        request.product_id
        and not Product.objects.public()
        .filter(pk=request.product_id, category__path__startswith=request.category.path)
        .exists()
    ):
        raise ValidationError(_("This product is not for sale in that category."))
    producers = list(producers_to_ask(request.category, chosen=chosen, communes=communes))
    if not producers:
        raise ValidationError(
            _("No verified producer sells this category there: choose other producers or "
              "communes."),
            code="no_producers",
        )  # fmt: skip
    if len(producers) > MAX_PRODUCERS:
        raise ValidationError(
            _("A request reaches at most %(count)s producers: choose fewer communes.")
            % {"count": MAX_PRODUCERS}
        )
    rule = WholesaleSettings.load()
    now = timezone.now()
    request.business = business
    request.notes = plain_text(request.notes)[:1000]
    request.status = RequestStatus.OPEN
    request.created_at = now
    # Offers come in before the delivery day, whatever the window set.
    last_day = timezone.make_aware(datetime.datetime.combine(request.deliver_on, datetime.time.min))
    request.expires_at = min(now + datetime.timedelta(days=rule.request_days), last_day)
    request.save()
    request.producers.set(producers)
    what = _("%(quantity)s %(unit)s of %(category)s") % {
        "quantity": format_quantity(request.quantity),
        "unit": request.unit_label,
        "category": request.category.name,
    }
    weekly = request.schedule == Schedule.WEEKLY
    for producer in producers:
        tell_producer(
            producer,
            _("Request for a quote"),
            (_("%(business)s asks for a quote: %(what)s every week from %(date)s.")
             if weekly else _("%(business)s asks for a quote: %(what)s on %(date)s."))
            % {"business": business.name, "what": what,
               "date": request.deliver_on.strftime("%d/%m/%Y")},
            topic=f"quote-request:{request.pk}",
        )  # fmt: skip
    return request


def _lock_request(pk):
    return QuoteRequest.objects.select_for_update().select_related("business").get(pk=pk)


@transaction.atomic
def make_offer(request, producer, offer, user):
    """The producer's offer (unsaved, from the form) on the request, or its new terms while
    the buyer has not decided; ValidationError if it cannot be made now."""
    if not Producer.objects.managed_by(user).filter(pk=producer.pk).exists():
        raise PermissionDenied
    request = _lock_request(request.pk)
    if not request.producers.filter(pk=producer.pk).exists():
        raise PermissionDenied
    if not request.is_open:
        raise ValidationError(_("This request no longer takes offers."), code="closed")
    if offer.product.producer_id != producer.pk or not offer.product.is_listed:
        raise ValidationError(_("Offer one of your products on sale."))
    if not offer.product.category.path.startswith(request.category.path):
        raise ValidationError(_("Offer a product of the category asked for."))
    if offer.product.unit != request.unit:
        raise ValidationError(
            _("The buyer asks by %(unit)s: offer a product sold by %(unit)s.")
            % {"unit": request.unit_label}
        )
    check_quantity(offer.quantity)
    check_delivery_date(offer.deliver_on)
    now = timezone.now()
    if offer.valid_until <= now:
        raise ValidationError(_("The offer must hold beyond now."), code="valid_until")
    if offer.valid_until > request.expires_at + OFFER_LONGEST:
        raise ValidationError(_("An offer holds at most 30 days after the request closes."))
    existing = Offer.objects.filter(request=request, producer=producer).first()
    if existing is not None and existing.status != OfferStatus.OPEN:
        raise ValidationError(_("The buyer has already decided on your offer."))
    if existing is not None:
        offer.pk, offer.created_at = existing.pk, existing.created_at
    offer.request, offer.producer = request, producer
    offer.note = plain_text(offer.note)[:500]
    offer.status = OfferStatus.OPEN
    offer.save()
    tell_business(
        request.business,
        f"offer:{offer.pk}:{now.timestamp():.0f}",
        _("Chợ Nông Sản: %(producer)s offers %(quantity)s %(unit)s at %(price)s/%(unit)s "
          "for your request.")
        % {"producer": producer.display_name, "quantity": format_quantity(offer.quantity),
           "unit": request.unit_label, "price": format_vnd(offer.price_vnd)},
        "wholesale:request", request.pk,
    )  # fmt: skip
    return offer


@transaction.atomic
def accept(offer, user):
    """The buyer takes an offer: an order at the offer's price (stock checked like any
    order's), or for a weekly request a standing order. Returns the order or the
    standing order; ValidationError, nothing changed, if it cannot be taken."""
    business = _require_approved(user)
    request = _lock_request(offer.request_id)
    offer = Offer.objects.select_for_update().select_related("product", "producer").get(pk=offer.pk)
    if request.business_id != business.pk:
        raise PermissionDenied
    if offer.status == OfferStatus.ACCEPTED:
        raise ValidationError(_("You have already accepted this offer."), code="accepted")
    if request.status != RequestStatus.OPEN or not offer.is_open:
        raise ValidationError(_("This offer is no longer valid."), code="expired")
    offer.status, offer.decided_at = OfferStatus.ACCEPTED, timezone.now()
    if request.schedule == Schedule.WEEKLY:
        result = standing.start(offer, request)
        said = _("a standing order every week from %(date)s") % {
            "date": offer.deliver_on.strftime("%d/%m/%Y")
        }
    else:
        result = offer.order = ordering.place(
            business, offer.product, offer.quantity, offer.price_vnd, offer.delivery_fee_vnd,
            commune=request.commune, address=request.address,
            note=_("Quote accepted; deliver on %(date)s.")
            % {"date": offer.deliver_on.strftime("%d/%m/%Y")},
        )  # fmt: skip
        said = _("order %(code)s") % {"code": result.code}
    offer.save()
    tell_producer(
        offer.producer,
        _("Offer accepted"),
        _("%(business)s accepted your offer for %(quantity)s %(unit)s at %(price)s: %(said)s.")
        % {"business": business.name, "quantity": format_quantity(offer.quantity),
           "unit": request.unit_label, "price": format_vnd(offer.price_vnd), "said": said},
        topic=f"quote-request:{request.pk}",
    )  # fmt: skip
    return result


@transaction.atomic
def close(request, user):
    """The buyer takes no more offers: those not accepted are declined, their producers told."""
    business = _require_approved(user)
    request = _lock_request(request.pk)
    if request.business_id != business.pk:
        raise PermissionDenied
    if request.status != RequestStatus.OPEN:
        raise ValidationError(_("This request is already closed."))
    request.status = RequestStatus.CLOSED
    request.save(update_fields=["status"])
    _decline_open(request, _("The buyer closed the request."))


def _decline_open(request, why):
    for offer in request.offers.filter(status=OfferStatus.OPEN).select_related("producer"):
        offer.status, offer.decided_at = OfferStatus.DECLINED, timezone.now()
        offer.save(update_fields=["status", "decided_at"])
        tell_producer(
            offer.producer,
            _("Offer not taken"),
            _("Your offer to %(business)s was not taken: %(why)s")
            % {"business": request.business.name, "why": why},
            topic=f"quote-request:{request.pk}",
        )


def expire_due(now=None):
    """Offers past their validity expire; a request past its window with no offer left
    open expires, and its buyer is told. Safe to run twice."""
    now = now or timezone.now()
    Offer.objects.filter(status=OfferStatus.OPEN, valid_until__lte=now).update(
        status=OfferStatus.EXPIRED, decided_at=now
    )
    due = QuoteRequest.objects.filter(status=RequestStatus.OPEN, expires_at__lte=now).exclude(
        Q(offers__status=OfferStatus.OPEN)
    )
    expired = 0
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            request = _lock_request(pk)
            if (
                request.status != RequestStatus.OPEN
                or request.offers.filter(status=OfferStatus.OPEN).exists()
            ):
                continue
            request.status = RequestStatus.EXPIRED
            request.save(update_fields=["status"])
            taken = request.offers.filter(status=OfferStatus.ACCEPTED).exists()
            if not taken:
                tell_business(
                    request.business,
                    f"expired:{request.pk}",
                    _("Chợ Nông Sản: your request for %(category)s closed without an offer "
                      "accepted.") % {"category": request.category.name},
                    "wholesale:request", request.pk,
                )  # fmt: skip
            expired += 1
    return expired
