"""Sections that apps above catalog add to a product's page (how the farm delivers, from
orders): each registers from its AppConfig.ready() a template and a function giving its
context for the product, and catalog never imports them."""

from django.template.loader import render_to_string

_sections = []


def add_section(template_name, context):
    """context(product) -> dict, or None to leave the section out for this product."""
    _sections.append((template_name, context))


def sections(product, request):
    rendered = []
    for template_name, context in _sections:
        values = context(product)
        if values is not None:
            rendered.append(render_to_string(template_name, values, request=request))
    return rendered
