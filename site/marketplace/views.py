import sys

from csp.decorators import csp_update
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.http import require_GET
from django.views.static import serve

from .api import is_api, json_error
from .middleware import database_unavailable, is_database_unavailable
from .models import SHIPPED_POLICY_VERSION, MarketplaceIdentity, PolicyKind, current_policy


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def serve_media(request, path):
    """Image renditions for the embedded set-up (production: the web server, same rule)."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@csp_update({"style-src": ["'unsafe-inline'"]})
def server_error(request):
    """The self-contained 500 page keeps its own inline styles (it may not reach static files).
    A database outage outside any view (the session saved on the way out) is the 503."""
    error = sys.exc_info()[1]
    if is_database_unavailable(error):
        return database_unavailable(request, error)
    if is_api(request):
        return json_error(500, _("Something went wrong on our side; it has been logged."))
    return defaults.server_error(request)


def bad_request(request, exception):
    """A request Django refuses before any view (a forged Host, a broken cookie)."""
    if is_api(request):
        return json_error(400, _("The request cannot be read."))
    return defaults.bad_request(request, exception)


def manifest(request):
    """The web-app manifest: "add to home screen" on a farmer's phone opens the site."""
    identity = MarketplaceIdentity.load(request)
    return JsonResponse(
        {
            "name": identity.full_name,
            "short_name": identity.site_name,
            "lang": settings.LANGUAGE_CODE,
            "start_url": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#1f6f3a",
            "icons": [
                {"src": static("marketplace/icon.svg"), "sizes": "any", "type": "image/svg+xml"}
            ],
        },
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


def favicon(request):
    """Browsers ask for /favicon.ico before reading the page's icon link."""
    return redirect(static("marketplace/icon.svg"))


POLICY_DEFAULTS = {
    PolicyKind.REGULATIONS: "marketplace/policy_regulations.html",
    PolicyKind.PRIVACY: "marketplace/policy_privacy.html",
}


@require_GET
def policy(request, kind):
    """The editors' page when there is one in force; until then the text that ships."""
    page = current_policy(kind)
    if page is not None:
        return page.serve(request)
    return render(request, POLICY_DEFAULTS[kind], {"kind": kind, "version": SHIPPED_POLICY_VERSION})
