"""The cache in front of the app (Varnish with its xkey module in the stack and deploy/).

A page the page cache keeps goes out with its tags as surrogate keys (the `xkey`
header) and its lifetime for the front cache only (`Surrogate-Control`; browsers and
other caches see `max-age=0, must-revalidate`). A purge reaches every front cache as a
PURGE naming the tags (deploy/varnish/chonongsan.vcl), once at the commit and once
more a moment later: a page drawn from the old data just before the commit could reach
the front cache after the first purge, and the second one takes it out.
"""

import logging
import threading

import requests
from django.conf import settings

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 0.5
TAGS_HEADER = "xkey"
HEADER_CHARACTERS = 4000


def enabled():
    return bool(settings.FRONT_CACHE_URLS)


def announce(response, tags, seconds):
    """Let the front cache keep `response` `seconds` seconds, purged by any of `tags`."""
    response[TAGS_HEADER] = " ".join(sorted(tags))
    response["Surrogate-Control"] = f"max-age={seconds}"


def purge(tags):
    tags = sorted(tags)
    _send_purges(tags)
    # Not a daemon: a process that ends (a command, a worker restarting) sends it first.
    threading.Timer(settings.FRONT_CACHE_PURGE_AGAIN_SECONDS, _send_purges, [tags]).start()


def _send_purges(tags):
    for url in settings.FRONT_CACHE_URLS:
        for some in _within_header_limit(tags):
            try:
                answer = requests.request(
                    "PURGE", url, headers={TAGS_HEADER: " ".join(some)}, timeout=TIMEOUT_SECONDS
                )
                answer.raise_for_status()
            except requests.RequestException as error:
                # The front cache keeps those pages until their lifetime ends
                # (PAGE_CACHE_SECONDS); the log says which.
                logger.error("front cache %s: purge of %s failed: %s", url, some, error)


def _within_header_limit(tags, characters=HEADER_CHARACTERS):
    """The tags in groups whose header stays under Varnish's limit (8 KB a header line)."""
    group, length = [], 0
    for name in tags:
        if group and length + len(name) + 1 > characters:
            yield group
            group, length = [], 0
        group.append(name)
        length += len(name) + 1
    if group:
        yield group
