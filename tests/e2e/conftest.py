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
        violations = watch_content_security_policy(browser)
        yield browser
        browser.close()
        # Every page any journey visits: a violation is a blocked preview, bar or script.
        assert violations == [], violations
        # ORM calls made while the loop ran used connections of their own; close them
        # here, in that same context, or the test database cannot be dropped.
        connections.close_all()


def watch_content_security_policy(browser):
    """Chromium reports each Content-Security-Policy violation on the console: collect
    them from every context and page the test opens."""
    violations = []
    new_context = browser.new_context

    def watched_context(*args, **kwargs):
        context = new_context(*args, **kwargs)
        context.on(
            "console",
            lambda message: (
                "Content Security Policy" in message.text and violations.append(message.text)
            ),
        )
        return context

    def watched_page(*args, **kwargs):
        return watched_context(*args, **kwargs).new_page()

    browser.new_context = watched_context
    browser.new_page = watched_page
    return violations


@pytest.fixture
def phone_page(browser):
    """A page the size of a cheap Android phone's screen."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def kept_pages(settings):
    """The journeys run with public pages kept for strangers, as a real install does: the
    live server commits, so every purge runs."""
    settings.PAGE_CACHE_ENABLED = True
