"""Public pages kept for visitors who have no session, and purged by what changes them.

A view opts a page in with tag(response, *tags): the tags name what the page shows
("product:12", "category:0001", "catalogue" for pages drawn from the whole catalogue).
A service that changes something purges its tags after its transaction commits; every
page carrying one of them is drawn again on its next visit. Nothing else is ever
kept: a page drawn for someone signed in or showing a message, a page that set a
cookie or printed a CSRF token, a page no view tagged. A visitor who only has a cart
gets the kept pages too: the header's cart count is in a cookie the page's script
reads (orders.middleware), so no public page depends on the session.

The pages and their tags live in the shared cache (Redis on a real install, the
database cache embedded), so every app process sees one purge at once. A tag's value
is a random token, replaced by each purge; a page is kept with the tokens its tags
had, and is good only while they still have them. A page drawn while a purge ran may
hold what the purge was about: the purge changes the sequence token first and the
tags after, and a page is kept only if the sequence did not change while it was
drawn (see store()).
"""

import hashlib
import logging
import math
import secrets
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, patch_cache_control, set_response_etag

from marketplace import front_cache

logger = logging.getLogger(__name__)

EVERY_PAGE = "site"  # every kept page carries it: the menu, the site's name, the footer
CATALOGUE = "catalogue"  # pages drawn from the whole catalogue: home, search, figures, APIs
# Searches answered by Elasticsearch see a change once the outbox is sent and the index
# refreshed (about a second): their pages are kept a few seconds at most.
SEARCH_SECONDS = 5
# Figures drawn from orders and prices change with no product changing.
ORDER_FIGURES_SECONDS = 60
SEQUENCE = "page-cache:sequence"
# Set beside the session cookie while the session is a guest's (a cart, no sign-in) by
# GuestMarkerMiddleware: a cache in front, which cannot read the session, keeps
# passing every other session's requests to the app. A session without the marker
# (older than it, or signed in) is passed; a forged one only shows its owner the
# public page. deploy/varnish/chonongsan.vcl names both cookies too.
GUEST_COOKIE = "guest"
KEPT_HEADERS_LEFT_OUT = {"set-cookie", "date", "expires"}


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def tag(response, *tags, seconds=None):
    """Let the page be kept for anonymous visitors until one of `tags` is purged, and no
    longer than `seconds` when what it shows changes without a purge (the search index
    catching up, figures drawn from orders)."""
    response.page_tags = {EVERY_PAGE, *getattr(response, "page_tags", ()), *tags}
    if seconds is not None:
        response.page_seconds = min(seconds, getattr(response, "page_seconds", seconds))
    return response


def kept(*tags, seconds=None):
    """tag() as a decorator of a function view."""

    def decorator(view):
        @wraps(view)
        def tagged(request, *args, **kwargs):
            return tag(view(request, *args, **kwargs), *tags, seconds=seconds)

        return tagged

    return decorator


def purge(*tags):
    """Every page showing one of `tags` is drawn again, once the caller's transaction
    has committed (a page drawn before the commit would keep the old data)."""
    tags = set(tags)
    if tags:
        transaction.on_commit(lambda: _purge_now(tags))


def purge_everything():
    purge(EVERY_PAGE)


def purge_everything_on_save(model):
    """Saving or deleting one of `model` (a setting, a category) changes every page."""
    from django.db.models.signals import post_delete, post_save

    def receiver(**kwargs):
        purge_everything()

    for signal in (post_save, post_delete):
        signal.connect(receiver, sender=model, weak=False, dispatch_uid=f"page-cache-{model}")


def _purge_now(tags):
    try:
        cache().set(SEQUENCE, _token(), None)
        cache().set_many({_tag_key(name): _token() for name in tags}, None)
    except Exception:  # the cache is away: pages cannot be read from it either
        logger.exception("page cache: purge of %s failed", sorted(tags))
    if front_cache.enabled():
        front_cache.purge(tags)


def _token():
    return secrets.token_hex(8)


def _tag_key(name):
    return f"page-cache:tag:{name}"


def _page_key(request):
    address = f"{request.get_host()}{request.get_full_path()}"
    return "page-cache:page:" + hashlib.sha256(address.encode()).hexdigest()


def for_anyone(request):
    """A GET or HEAD from a visitor with no session or a guest's, and no pending message
    (a HEAD is answered from a kept GET, never kept: its body is left out)."""
    return (
        request.method in ("GET", "HEAD")
        and not request.COOKIES.get("messages")
        and (
            not request.COOKIES.get(settings.SESSION_COOKIE_NAME)
            or request.COOKIES.get(GUEST_COOKIE)
        )
    )


def may_keep(request, response):
    """Whether the page is the same for every visitor not signed in: tagged by its view,
    drawn for no one signed in, with no message shown, no cookie set, no CSRF token."""
    return (
        hasattr(response, "page_tags")
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (hasattr(request, "user") and request.user.is_authenticated)
        and not _messages_shown(request)
    )


def _messages_shown(request):
    # A message added and shown by the same request (or kept in the session) leaves no
    # `messages` cookie; showing it marks the storage used.
    storage = getattr(request, "_messages", None)
    return storage is not None and storage.used


def lookup(request):
    """(the kept response or None, the sequence token now)."""
    key = _page_key(request)
    found = cache().get_many([key, SEQUENCE])
    entry, sequence = found.get(key), found.get(SEQUENCE)
    if entry is None:
        return None, sequence
    tokens = cache().get_many([_tag_key(name) for name in entry["tags"]])
    if any(tokens.get(_tag_key(name)) != token for name, token in entry["tags"].items()):
        return None, sequence
    response = HttpResponse(entry["content"], status=200)
    for name, value in entry["headers"]:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    if front_cache.enabled():
        front_cache.announce(
            response, entry["tags"], entry.get("seconds", settings.PAGE_CACHE_SECONDS)
        )
    return response, sequence


def store(request, response, sequence_before):
    """Keep the page with its tags' tokens, unless a purge ran while it was drawn."""
    names = sorted(response.page_tags)
    keys = [_tag_key(name) for name in names]
    tokens = cache().get_many(keys)
    missing = {key: _token() for key in keys if key not in tokens}
    for key, token in missing.items():
        cache().add(key, token, None)
    if missing:
        tokens = cache().get_many(keys)
    if cache().get(SEQUENCE) != sequence_before or len(tokens) != len(keys):
        return False
    headers = [
        (name, value)
        for name, value in response.items()
        if name.lower() not in KEPT_HEADERS_LEFT_OUT
    ]
    entry = {
        "content": response.content,
        "headers": headers,
        "tags": {name: tokens[key] for name, key in zip(names, keys, strict=True)},
        "seconds": _seconds(response),
    }
    cache().set(_page_key(request), entry, entry["seconds"])
    return True


def _drop_from_vary(response, header):
    if response.has_header("Vary"):
        kept = [
            name for name in cc_delim_re.split(response["Vary"]) if name.lower() != header.lower()
        ]
        if kept:
            response["Vary"] = ", ".join(kept)
        else:
            del response["Vary"]


def _seconds(response):
    return min(settings.PAGE_CACHE_SECONDS, getattr(response, "page_seconds", math.inf))


class PageCacheMiddleware:
    """Serves kept pages to visitors without a session; keeps the pages views tagged.
    Every page it may keep is public and revalidated on each visit (ETag, 304), so a
    browser never shows one older than the site's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not for_anyone(request):
            return self.get_response(request)
        sequence = None
        if settings.PAGE_CACHE_ENABLED:
            try:
                kept, sequence = lookup(request)
            except Exception:  # a cache that is away: draw the page
                logger.exception("page cache: lookup failed")
                return self.get_response(request)
            if kept is not None:
                return kept
        response = self.get_response(request)
        if not may_keep(request, response):
            return response
        # The session was read (is anyone signed in?) but the page does not depend on it.
        _drop_from_vary(response, "Cookie")
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        set_response_etag(response)
        if settings.PAGE_CACHE_ENABLED and request.method == "GET":
            response["X-Page-Cache"] = "miss"
            try:
                stored = store(request, response, sequence)
            except Exception:
                logger.exception("page cache: store failed")
                stored = False
            # Drawn while no purge ran: the front cache may keep it too.
            if stored and front_cache.enabled():
                front_cache.announce(response, response.page_tags, _seconds(response))
        return response


class CookieBesideSession:
    """Middleware keeping a cookie equal to what value(request, session) reads from the
    session ("" removes it), for a cache or a script that cannot read the session. Only
    where the page read the session anyway: a kept page never loads it for this."""

    name = ""
    httponly = True

    def __init__(self, get_response):
        self.get_response = get_response

    def value(self, request, session):
        raise NotImplementedError

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.accessed:
            return response
        value = self.value(request, session)
        if value == request.COOKIES.get(self.name, ""):
            return response
        if value:
            response.set_cookie(
                self.name,
                value,
                max_age=settings.SESSION_COOKIE_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=self.httponly,
                samesite="Lax",
            )
        else:
            response.delete_cookie(self.name, samesite="Lax")
        return response


class GuestMarkerMiddleware(CookieBesideSession):
    """The GUEST_COOKIE: set while the session holds something (a cart) and no one is
    signed in, removed at sign-in."""

    name = GUEST_COOKIE

    def value(self, request, session):
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        return "1" if not session.is_empty() and not signed_in else ""
