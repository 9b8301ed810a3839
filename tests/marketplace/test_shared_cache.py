"""Redis as the shared cache (issue 29): two app processes count one throttle exactly,
however their attempts interleave; kept pages and their tags live there (the tags
without expiry: a purge must outlive the pages it purges)."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = [pytest.mark.redis]

ROOT = Path(__file__).resolve().parents[2]
ATTEMPTS = 1500  # per process, over its four threads
LIMIT = 2000  # more than one process tries: both must be counted

# One app process: its own Django, the Redis cache, four threads trying at once; it
# prints how many of its attempts were let through.
APP_PROCESS = textwrap.dedent(
    """
    import json, os, sys, threading
    os.environ["DJANGO_SETTINGS_MODULE"] = "marketplace.settings.test"
    sys.path[:0] = [{root!r}, {site!r}]
    from django.conf import settings
    settings.CACHES = {{"default": {{"BACKEND": "marketplace.cache.RedisCache",
                                    "LOCATION": os.environ["REDIS_URL"]}}}}
    import django
    django.setup()
    from django.test import RequestFactory
    from marketplace import throttling
    throttling.LIMITS["search_api"] = "{limit}/h"
    request = RequestFactory().get("/api/v1/products/search", REMOTE_ADDR="203.0.113.9")
    print("ready", flush=True)
    sys.stdin.readline()  # both processes start trying together
    allowed = []
    def attempt(count):
        allowed.append(sum(throttling.wait_seconds(request, "search_api") is None
                           for _ in range(count)))
    threads = [threading.Thread(target=attempt, args=({attempts} // 4,)) for _ in range(4)]
    [thread.start() for thread in threads]
    [thread.join() for thread in threads]
    print(json.dumps(sum(allowed)))
    """
)


@pytest.fixture
def redis_cache(settings):
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    client.flushdb()
    settings.CACHES = {
        "default": {
            "BACKEND": "marketplace.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
    yield client
    client.flushdb()


def test_two_app_processes_share_one_throttle_count_exactly(redis_cache):
    script = APP_PROCESS.format(
        root=str(ROOT), site=str(ROOT / "site"), limit=LIMIT, attempts=ATTEMPTS
    )
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", script],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )  # fmt: skip
        for _ in range(2)
    ]
    for process in processes:
        assert process.stdout.readline().strip() == "ready"
    for process in processes:  # both set up: now both go
        process.stdin.write("go\n")
        process.stdin.flush()
    outputs = [process.communicate(timeout=120)[0] for process in processes]
    assert all(process.returncode == 0 for process in processes)
    allowed = [json.loads(output.strip().splitlines()[-1]) for output in outputs]
    # 3,000 attempts from eight threads in two processes against a limit of 2,000:
    # exactly 2,000 let through and every attempt counted once (one atomic INCR each).
    assert sum(allowed) == LIMIT
    assert all(0 < count < LIMIT for count in allowed)
    counts = [int(redis_cache.get(key)) for key in redis_cache.keys("*rl:*")]
    assert counts == [2 * ATTEMPTS]


def test_pages_are_kept_and_purged_in_redis(redis_cache, rf):
    from django.http import HttpResponse

    from marketplace import page_cache

    request = rf.get("/san-pham/xoai/")
    response = page_cache.tag(HttpResponse("<h1>Xoài</h1>"), "product:7")
    _, sequence = page_cache.lookup(request)
    assert page_cache.store(request, response, sequence)
    assert page_cache.lookup(request)[0].content == "<h1>Xoài</h1>".encode()
    assert redis_cache.ttl(next(iter(redis_cache.keys("*page-cache:tag:product:7")))) == -1
    page_cache._purge_now({"product:7"})
    assert page_cache.lookup(request)[0] is None
