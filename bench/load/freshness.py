"""How soon a stranger sees a farmer's change through the kept pages, while the load
runs (bench/load/run.py)."""

import json
import time
from pathlib import Path

from figures import percentile
from phone import CSRF, HOST, trusting


def probe_freshness(fixture, changes=20):
    """A farmer (signed in, own session) changes a price; a stranger polls the product's
    page until it shows it. The lag of each change, from the farmer's answer."""
    import random

    import requests
    import urllib3

    urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
    fixture = json.loads(Path(fixture).read_text())
    probe = fixture["freshness"]
    farmer, stranger = requests.Session(), requests.Session()
    trusting(farmer), trusting(stranger)
    same_site = {"Origin": HOST, "Referer": HOST + "/"}

    def token(path):
        return CSRF.search(farmer.get(HOST + path, timeout=10).text).group(1)

    farmer.post(HOST + "/dang-nhap/", headers=same_site, timeout=10,
                data={"username": probe["username"], "password": fixture["password"],
                      "csrfmiddlewaretoken": token("/dang-nhap/")})  # fmt: skip
    page = f"{HOST}/san-pham/{probe['slug']}/"
    lags, stale = [], 0
    for _ in range(changes):
        price = random.randrange(20_000, 990_000, 1_000)
        number = f"{price:,}".replace(",", ".")
        shown = (f"{number}\u00a0₫", f"{number}&nbsp;₫", f"{number} ₫")
        farmer.post(f"{HOST}/cua-toi/san-pham/{probe['product']}/cap-nhat-nhanh/",
                    headers=same_site, timeout=10,
                    data={"price_vnd": price, "stock_quantity": "",
                          "csrfmiddlewaretoken": token("/cua-toi/san-pham/")})  # fmt: skip
        changed = time.monotonic()
        stranger.cookies.clear()
        while not any(text in stranger.get(page, timeout=10).text for text in shown):
            if time.monotonic() - changed > 30:
                stale += 1
                break
            time.sleep(0.05)
        lags.append(time.monotonic() - changed)
        time.sleep(1)
    lags.sort()
    return {"changes": changes, "p95": percentile(lags, 0.95), "max": lags[-1],
            "median": lags[len(lags) // 2], "stale_after_30s": stale}  # fmt: skip
