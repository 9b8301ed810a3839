"""How every /api/ address answers: errors as JSON, GET, HEAD and OPTIONS on the
public read-only endpoints, and CORS open to any site (open data is meant to be read
by other sites; nothing here reads a cookie or a session)."""

from functools import wraps

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

API_PREFIX = "/api/"
READ_METHODS = ("GET", "HEAD", "OPTIONS")
JSON_OPTIONS = {"ensure_ascii": False}
PREFLIGHT_SECONDS = 24 * 60 * 60


def is_api(request):
    return request.path.startswith(API_PREFIX)


def json_response(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params=JSON_OPTIONS)


def json_error(status, message, parameter=None):
    """{"error": {"parameter": name or null, "message": ...}}, as every API error reads."""
    response = json_response(
        {"error": {"parameter": parameter, "message": str(message)}}, status=status
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def public_read(view):
    """A read-only endpoint any site may call: GET and HEAD answered by the view, OPTIONS
    by a CORS preflight, anything else a JSON 405. No cookie is read, so no CSRF check:
    a POST gets the 405 it deserves, not a CSRF page."""

    @csrf_exempt
    @wraps(view)
    def endpoint(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
            response["Access-Control-Allow-Headers"] = "Accept, Accept-Language"
            response["Access-Control-Max-Age"] = str(PREFLIGHT_SECONDS)
        elif request.method in ("GET", "HEAD"):
            response = view(request, *args, **kwargs)
            if request.method == "HEAD" and not response.streaming:
                response["Content-Length"] = str(len(response.content))
                response.content = b""
        else:
            response = json_error(
                405, _("This address only answers %(methods)s.") % {"methods": "GET, HEAD"}
            )
        response["Allow"] = ", ".join(READ_METHODS)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return endpoint


@csrf_exempt
def not_found(request, path=""):
    """Any /api/ address no endpoint has, whatever the method."""
    return json_error(404, _("There is no API endpoint at this address."))
