from django import template

from .. import services
from ..models import State

register = template.Library()


@register.inclusion_tag("complaints/part_complaint.html")
def part_complaint(order, part, for_producer=False):
    """The part's complaints and what the reader can do: for the buyer, complain (while
    the window is open), accept the answer or ask an official; for the producer, answer."""
    complaints = list(part.complaints.all())
    return {
        "order": order,
        "part": part,
        "complaints": complaints,
        "for_producer": for_producer,
        "can_open": not for_producer and services.why_not(part) is None,
        "states": State,
    }
