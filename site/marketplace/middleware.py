"""Middleware: requests no page can mean anything by, refused before any view sees them;
the page shown while the database is unreachable; the SQL query count load tests read."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from . import page_cache
from .api import is_api, json_error


class RejectNullBytesMiddleware:
    """A NUL byte in a query or form parameter is never typed by a person, and
    PostgreSQL refuses to store or compare it: answer 400 rather than fail later."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_null_byte(request):
            message = _("The address or form contains characters that cannot be read.")
            if is_api(request):
                return json_error(400, message)
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)

    @staticmethod
    def _has_null_byte(request):
        sources = [request.GET]
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            sources.append(request.POST)
        return "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for source in sources
            for key, values in source.lists()
        )


class QueryCountMiddleware:
    """X-Queries: how many SQL queries the request made (load tests; off by default)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.db import connection

        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = self.get_response(request)
        response["X-Queries"] = str(count)
        return response


class DatabaseUnavailableMiddleware:
    """While the database restarts or is unreachable: 503 with a short Vietnamese page and
    Retry-After, not a 500; nothing half-done, since every write is one transaction."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_unavailable(exception):
            return None
        return database_unavailable(request, exception)


def is_database_unavailable(exception):
    return isinstance(exception, (OperationalError, InterfaceError))


def database_unavailable(request, exception):
    """The 503 page (JSON on the API). The error handler gives it too, for a database error
    raised outside any view (the session saved on the way out, another middleware)."""
    logging.getLogger(__name__).error("Database unavailable: %s", exception)
    if is_api(request):
        response = json_error(503, _("The service is briefly unavailable; try again shortly."))
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "10"
    return response


class PersonalPagesNotStoredMiddleware:
    """A page drawn for one visitor (signed in, or with a cart or any session) is never
    kept by a browser's or a proxy's cache: Cache-Control: private, no-store, unless it
    is a public page the same for every visitor not signed in (page_cache.may_keep).
    Pages reached by a secret link without a session say so themselves (@never_cache)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if (
            session is not None
            and session.accessed
            and not session.is_empty()
            and not response.has_header("Cache-Control")
            and not page_cache.may_keep(request, response)
        ):
            response["Cache-Control"] = "private, no-store"
        return response
