from django import template

from ..phones import display_phone, phone_digits

register = template.Library()
register.filter("phone", display_phone)
register.filter("phone_digits", phone_digits)
