"""Forms on pages kept for every anonymous visitor (add to cart, report a listing or a
review) cannot carry a CSRF token: a token belongs to one visitor, and the page is the
same for all. Their POSTs are checked instead by where the browser says they come
from, which it sets itself and no other site can forge: Origin (every current
browser), else Sec-Fetch-Site, else Referer (as Django checks it on HTTPS). A request
naming none of them is refused: no form of this site posts without one."""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.views.csrf import csrf_failure
from django.views.decorators.csrf import csrf_exempt

SAME_SITE = ("same-origin", "none")  # "none": typed or bookmarked by the user


def from_this_site(request):
    own = f"{request.scheme}://{request.get_host()}"
    trusted = {own, *settings.CSRF_TRUSTED_ORIGINS}
    origin = request.META.get("HTTP_ORIGIN")
    if origin:
        return origin in trusted
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site:
        return fetch_site in SAME_SITE
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    return bool(referer.netloc) and f"{referer.scheme}://{referer.netloc}" in trusted


def posted_from_this_site(view):
    """For a form shown on a kept public page: no CSRF token, the POST's origin instead.
    The test client's `enforce_csrf_checks=False` skips it, as it skips Django's check."""

    @csrf_exempt
    @wraps(view)
    def checked(request, *args, **kwargs):
        checks = request.method == "POST" and not getattr(request, "_dont_enforce_csrf_checks", 0)
        if checks and not from_this_site(request):
            return csrf_failure(request, reason="the form was not sent from this site")
        return view(request, *args, **kwargs)

    return checked
