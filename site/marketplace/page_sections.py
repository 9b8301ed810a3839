"""Sections that apps higher up add to a lower app's public page (how the farm delivers
on a product's page, from orders; a coming harvest, from harvests): each registers from
its AppConfig.ready() a template and a function giving its context, and the page's app
never imports them. Pages are named by their app: "product", "producer", and
"order_part" (each producer's part on the buyer's order page) and "portal_part" (the same
part on its producer's packing page)."""

from collections import defaultdict

from django.template.loader import render_to_string

_sections = defaultdict(list)


def add(page, template_name, context, *, for_visitor=False):
    """context(obj) -> dict, or None to leave the section out for this object;
    `for_visitor`: context(obj, request), for a section that differs by who looks."""
    _sections[page].append((template_name, context, for_visitor))


def render(page, obj, request):
    rendered = []
    for template_name, context, for_visitor in _sections[page]:
        values = context(obj, request) if for_visitor else context(obj)
        if values is not None:
            rendered.append(render_to_string(template_name, values, request=request))
    return rendered
