"""Limits on what strangers may try: wrong codes, sign-ups, reports, search calls.

Counters live in the shared cache (the database cache by default), so the
limits hold across app processes and machines. Log-in lockout is django-axes'
(database), configured in settings.
"""

import math

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage

from .api import json_error

# name: (key, rate). "ip" is the client address; other keys are given by the caller.
LIMITS = {
    "sign_up": "10/h",
    "claim": "20/h",
    "claim_code": "10/h",  # tries of one code, from anywhere
    "password_reset": "10/h",
    "code_to_phone": "5/h",  # codes and notices texted to one phone
    "code_checks_for_phone": "10/h",  # codes typed for one phone, from anywhere
    "phone_code": "20/h",  # one-time codes typed from one address
    "listing_report": "20/h",
    "review_report": "20/h",
    "search_api": "120/m",
    "search_page": "60/m",
    "checkout": "20/h",  # orders placed from one address
    "order_lookup": "10/h",  # orders looked up from one address
    "suggest_api": "300/m",
}


def client_ip(request):
    """The client's address: behind PROXY_COUNT proxies, the one the first proxy saw."""
    if settings.PROXY_COUNT:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= settings.PROXY_COUNT and forwarded[-settings.PROXY_COUNT]:
            return forwarded[-settings.PROXY_COUNT]
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"


def wait_seconds(request, name, value=None):
    """Count one attempt; the seconds to wait if it is over the limit, else None."""
    key = "ip" if value is None else (lambda group, request: value)
    usage = get_usage(request, group=name, key=key, rate=LIMITS[name], increment=True)
    if usage and usage["should_limit"]:
        return max(usage["time_left"], 1)
    return None


def too_many_message(seconds):
    minutes = math.ceil(seconds / 60)
    return ngettext(
        "Too many attempts. Try again in %(minutes)s minute.",
        "Too many attempts. Try again in %(minutes)s minutes.",
        minutes,
    ) % {"minutes": minutes}


def too_many_page(request, seconds):
    """429 with the site's error page and Retry-After, for pages a person looks at."""
    response = render(request, "400.html", {"message": too_many_message(seconds)}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def too_many_json(seconds):
    response = json_error(429, too_many_message(seconds))
    response["Retry-After"] = str(seconds)
    return response


class ThrottledFormMixin:
    """A form view whose POSTs are limited: over the limit, the form says how long to wait."""

    throttle = None  # a name in LIMITS

    def throttle_values(self, form):
        """Extra keys to count besides the client address (e.g. the code tried)."""
        return []

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not form.is_valid():
            return self.form_invalid(form)
        for name, value in [(self.throttle, None), *self.throttle_values(form)]:
            if seconds := wait_seconds(request, name, value):
                form.add_error(None, too_many_message(seconds))
                response = self.form_invalid(form)
                response.status_code = 429
                response["Retry-After"] = str(seconds)
                return response
        return self.form_valid(form)
