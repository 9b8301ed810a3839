"""Which delivery each producer offers a buyer's commune, and what it costs.

Pick-up at the farm is always offered. Own delivery reaches only the communes the
producer chose; courier delivery reaches every province, priced by weight band.
Weight: the quantities of the part, as kilograms for produce sold by weight and
one kilogram per item otherwise (a fruit, a box, a bottle), rounded up.
"""

from decimal import ROUND_CEILING, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from marketplace.formatting import format_vnd

from .models import DeliveryMethod, DeliverySettings


def settings_of(producer):
    return DeliverySettings.objects.filter(producer=producer).first()


def weight_kg(lines):
    # The same sum either way for now: a kilogram, or one item taken as a kilogram.
    total = sum((line.quantity for line in lines), Decimal(0))
    return total.to_integral_value(rounding=ROUND_CEILING)


def courier_fee(settings, weight):
    if weight <= 3:
        return settings.courier_fee_3kg_vnd
    if weight <= 10:
        return settings.courier_fee_10kg_vnd
    return settings.courier_fee_more_vnd


def offered(producer, lines):
    """[(method, label)] the producer offers at all, with their fees, for the checkout form."""
    settings = settings_of(producer)
    choices = [(DeliveryMethod.PICKUP, pickup_label(producer, settings))]
    if settings and settings.own_delivery:
        communes = ", ".join(c.name for c in settings.own_delivery_communes.all()[:12])
        choices.append(
            (
                DeliveryMethod.OWN,
                _("Delivery by the producer, %(fee)s, to: %(communes)s")
                % {"fee": format_vnd(settings.own_delivery_fee_vnd), "communes": communes},
            )
        )
    if settings and settings.courier:
        weight = weight_kg(lines)
        label = _("Courier to any province, %(fee)s (%(weight)s kg)") % {
            "fee": format_vnd(courier_fee(settings, weight)),
            "weight": weight,
        }
        choices.append((DeliveryMethod.COURIER, label))
    return choices


def pickup_label(producer, settings):
    where = ", ".join(
        part for part in (producer.address, producer.commune and producer.commune.name) if part
    )
    hours = settings.pickup_hours if settings else ""
    return _("Pick-up at the farm (free): %(where)s %(hours)s") % {"where": where, "hours": hours}


def fee(producer, method, commune, lines):
    """The fee of `method` for this part to `commune`; ValidationError if not offered there."""
    settings = settings_of(producer)
    if method == DeliveryMethod.PICKUP:
        return 0
    if method == DeliveryMethod.OWN and settings and settings.own_delivery:
        if settings.own_delivery_communes.filter(pk=commune.pk).exists():
            return settings.own_delivery_fee_vnd
        raise ValidationError(
            _("%(producer)s does not deliver to %(commune)s: choose pick-up or courier.")
            % {"producer": producer.display_name, "commune": commune.name}
        )
    if method == DeliveryMethod.COURIER and settings and settings.courier:
        return courier_fee(settings, weight_kg(lines))
    raise ValidationError(
        _("%(producer)s does not offer this delivery.") % {"producer": producer.display_name}
    )


def on_product_page(product):
    """How the product's farm delivers, for its page: buyers saw it only at checkout."""
    producer = product.producer
    settings = settings_of(producer)
    own_communes = list(settings.own_delivery_communes.all()) if settings else []
    return {
        "pickup": pickup_label(producer, settings),
        "own": settings and settings.own_delivery and own_communes,
        "own_fee": settings.own_delivery_fee_vnd if settings else 0,
        "courier": settings if settings and settings.courier else None,
    }
