from django import template
from wagtail.models import Site

from marketplace.formatting import format_number, format_quantity, format_vnd

register = template.Library()

register.filter("vnd", format_vnd)


register.filter("vnd_number", format_number)
register.filter("quantity", format_quantity)


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    site = Site.find_for_request(context["request"])
    items = site.root_page.get_children().live().public().in_menu() if site else []
    return {"items": items, "request": context["request"]}


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current URL's query string with another page number (filters kept)."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()
