"""How heavy public pages are and how soon they paint on a slow phone connection.

Chromium (Debian's, headless) opens each page at 390×844 with its network emulated
at 400 kbit/s each way and 400 ms round trip (DevTools' "Slow 3G" throughput), and
prints the bytes transferred (HTML, CSS, scripts, images) and the first contentful
paint. The goal: every public page under 100 KB and painted within 2.5 s.

    make run   # in another shell
    .venv/bin/python bench/slow_phone.py /thanh-toan/ /don-hang/CNS-…/…/
"""

import argparse

from playwright.sync_api import sync_playwright
from results import record

SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400 * 1000 / 8,
    "uploadThroughput": 400 * 1000 / 8,
}
PAGES = ["/", "/tim-kiem/?q=xoai", "/gio-hang/", "/thong-ke/"]


def measure(browser, url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    received = []
    cdp.on("Network.loadingFinished", lambda event: received.append(event["encodedDataLength"]))
    response = page.goto(url, wait_until="load")
    paint = page.evaluate(
        "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null"
    )
    context.close()
    return response.status, sum(received), paint


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=PAGES)
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"]
        )
        print(f"{'page':<60} {'status':>6} {'KB':>7} {'paint s':>8}")
        for path in args.paths:
            status, size, paint = measure(browser, args.base + path)
            painted = f"{paint / 1000:.2f}" if paint is not None else "-"
            print(f"{path[:60]:<60} {status:>6} {size / 1024:>7.1f} {painted:>8}")
            seconds = paint / 1000 if paint is not None else None
            record("slow_phone", f"{path}: weight and first paint on slow 3G", round(size / 1024, 1),
                   "KB", compared_with=f"paint {painted} s" if seconds else "no paint",
                   target="< 100 KB and < 2.5 s",
                   passed=status == 200 and size < 100 * 1024 and seconds is not None and seconds < 2.5)  # fmt: skip
        browser.close()


if __name__ == "__main__":
    main()
