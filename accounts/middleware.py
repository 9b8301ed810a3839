from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import consents
from .roles import FARMERS

PORTAL = "/cua-toi/"


class RegulationsAcceptedMiddleware:
    """A seller accepts the operating regulations again when a new version is published,
    before going on in the portal. Only pages are held back (a form sent from a page read
    earlier still goes through), and never the page of one's own data rights."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._held_back(request):
            accept = reverse("accounts:accept_regulations")
            return redirect(f"{accept}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _held_back(request):
        path = request.path
        return (
            request.method == "GET"
            and path.startswith(PORTAL)
            and not path.startswith((reverse("accounts:accept_regulations"), "/cua-toi/du-lieu/"))
            and request.user.is_authenticated
            and consents.must_accept_again(request.user)
            and request.user.groups.filter(name=FARMERS).exists()
        )
