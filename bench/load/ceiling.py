"""Strangers asking only for pages every visitor shares, with no pause: how many of
them nginx and Varnish serve on this machine while Locust shares its cores. The
ceiling of the kept pages, apart from the mixed workload (bench/load/run.py)."""

import json
import os
import random
from collections import defaultdict
from pathlib import Path

from locust import FastHttpUser, constant, events, task

FIXTURE = json.loads(Path(os.environ["LOAD_FIXTURE"]).read_text())
# A harvest peak's strangers land on a few pages: the home page, the season's
# categories, the products a television spot named.
PAGES = [
    "/",
    *(f"/danh-muc/{slug}/" for slug in FIXTURE["categories"][:10]),
    *(f"/san-pham/{slug}/" for slug, _pk in FIXTURE["products"][:40]),
]
CACHE = defaultdict(int)


@events.request.add_listener
def _collect(response, **kwargs):
    headers = getattr(response, "headers", None) or {}
    CACHE["front" if headers.get("X-Front-Cache") == "hit" else "other"] += 1


@events.quitting.add_listener
def _write_extra(environment, **kwargs):
    path = os.environ.get("LOAD_EXTRA")
    if path:
        Path(path).write_text(json.dumps({"cache": {"kept page": dict(CACHE)}}))


class Stranger(FastHttpUser):  # geventhttpclient: Locust's cheapest client per request
    wait_time = constant(0)

    @task
    def kept_page(self):
        self.client.get(random.choice(PAGES), name="kept page", headers={"Accept-Encoding": "gzip"})
