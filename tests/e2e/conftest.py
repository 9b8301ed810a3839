import pytest
from django.conf import settings
from django.db import connections

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # The machine has no internet: no background calls home.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# Per test, not per session: while Playwright's event loop runs, Django hands the
# test thread another connection object, one without the serialized data that
# transactional tests restore (Wagtail's root page, locale, site).
@pytest.fixture
def browser(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test thread; the ORM calls
    # the test makes around it are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=settings.CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
        # ORM calls made while the loop ran used connections of their own; close them
        # here, in that same context, or the test database cannot be dropped.
        connections.close_all()


@pytest.fixture
def phone_page(browser):
    """A page the size of a cheap Android phone's screen."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
