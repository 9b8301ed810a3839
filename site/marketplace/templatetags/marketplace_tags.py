from django import template

from marketplace.formatting import format_vnd

register = template.Library()

register.filter("vnd", format_vnd)
