import json

from django import template
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe
from wagtail.models import Site

from marketplace.formatting import format_number, format_quantity, format_vnd, month_name

register = template.Library()
SHARE_IMAGE = "fill-1200x630|format-jpeg"

register.filter("vnd", format_vnd)


register.filter("vnd_number", format_number)
register.filter("quantity", format_quantity)
register.filter("month_name", month_name)


@register.simple_tag
def json_ld(data):
    """Structured data in a script element; < > & escaped so no name can close the element."""
    text = json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    site = Site.find_for_request(context["request"])
    items = site.root_page.get_children().live().public().in_menu().specific() if site else []
    return {"items": items, "request": context["request"]}


@register.filter
def language_links(request):
    """(code, name, this page's address in that language): switching is a link, so a page
    sets no cookie and stays the same for every visitor."""
    from django.conf import settings
    from django.urls import translate_url

    path = request.get_full_path()
    return [(code, name, translate_url(path, code)) for code, name in settings.LANGUAGES]


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current URL's query string with another page number (filters kept)."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.inclusion_tag("includes/page_links.html", takes_context=True)
def page_links(context, description="", image=None):
    """What every public page tells search engines and link previews (Zalo, Facebook):
    its canonical address, the same page in the other language, the site, the locale, a
    description (the page's own, else the marketplace's) and, given a Wagtail image, a
    1200×630 picture (the size Zalo and Facebook show large)."""
    from django.conf import settings
    from django.urls import translate_url
    from django.utils.translation import get_language

    request = context["request"]
    path = request.path
    page = context.get("page")
    description = description or getattr(page, "search_description", "") or ""
    return {
        "canonical": settings.SITE_URL + path,
        "alternates": [
            (code, settings.SITE_URL + translate_url(path, code)) for code, _ in settings.LANGUAGES
        ],
        "default_url": settings.SITE_URL + translate_url(path, settings.LANGUAGE_CODE),
        "og_locale": "vi_VN" if get_language() == "vi" else "en_US",
        "description": description,
        "image": image.get_rendition(SHARE_IMAGE) if image else None,
        "site_url": settings.SITE_URL,
        "settings": context.get("settings"),
    }
