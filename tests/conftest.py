import os

import pytest
from django.conf import settings

# Each marker names the environment variable that proves its service is there.
SERVICE_MARKERS = {
    "postgres": ("DATABASE_URL", "postgres"),
    "elasticsearch": ("ELASTICSEARCH_URL", None),
    "stripe": ("STRIPE_API_BASE", None),
    "redis": ("REDIS_URL", None),
    "s3": ("S3_ENDPOINT_URL", None),
    "stack": ("STACK_URL", None),
}


def pytest_runtest_setup(item):
    # A test that needs a service fails without it: a skipped service would
    # hide that the service was never really used. Runs without the services
    # deselect these tests with -m.
    for marker, (variable, must_contain) in SERVICE_MARKERS.items():
        if item.get_closest_marker(marker) is None:
            continue
        value = os.environ.get(variable, "")
        if not value or (must_contain and must_contain not in value):
            pytest.fail(f"{marker} test needs {variable} (see scripts/services.sh start)")
    if item.get_closest_marker("browser") and not os.path.exists(settings.CHROMIUM_PATH):
        pytest.fail(f"browser test needs Chromium at {settings.CHROMIUM_PATH}")


def pytest_terminal_summary(terminalreporter):
    """Say how many tests each real service passed, so a run's log proves they ran."""
    passed = terminalreporter.stats.get("passed", [])
    counts = {
        marker: sum(1 for report in passed if marker in report.keywords)
        for marker in (*SERVICE_MARKERS, "browser")
    }
    terminalreporter.write_line(
        "passed per service: " + ", ".join(f"{name} {count}" for name, count in counts.items())
    )


@pytest.fixture(autouse=True)
def empty_cache():
    """Caches (facet labels and the like) never carry one test's data into the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Vietnamese: a request to /en/ leaves English active in the thread."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads and files like demo-logins.txt go to a temporary folder, never var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.VAR_DIR = tmp_path
    return settings.MEDIA_ROOT


@pytest.fixture
def demo_site(db):
    """The demo page tree (home, about, news, guides) as make run loads it."""
    from marketplace.demo import create_site_pages
    from marketplace.models import HomePage

    create_site_pages()
    return HomePage.objects.get()


@pytest.fixture
def page_search_index(demo_site):
    """Wagtail's page index rebuilt from the demo site and ready to query."""
    from io import StringIO

    from django.core.management import call_command
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    call_command("update_index", stdout=StringIO())
    backend = get_search_backend()
    if hasattr(backend, "get_index_for_model"):  # Elasticsearch: make new documents visible now
        backend.get_index_for_model(Page).refresh()
    return backend


@pytest.fixture
def home_communes(db):
    """The home province's communes and former districts, from the real data packages."""
    from areas.models import Commune
    from areas.services import load_admin_units

    load_admin_units(
        province_codes=[settings.HOME_PROVINCE_CODE],
        legacy_province_codes=[settings.HOME_PROVINCE_CODE],
    )
    return Commune.objects.in_home_province()


@pytest.fixture
def cai_be(home_communes):
    return home_communes.get(name="Xã Cái Bè")


@pytest.fixture
def farmer(db):
    from accounts.roles import FARMERS
    from tests.factories import UserFactory

    return UserFactory(username="+84912000001", phone="+84912000001", roles=[FARMERS])


@pytest.fixture
def other_farmer(db):
    from accounts.roles import FARMERS
    from tests.factories import UserFactory

    return UserFactory(username="+84912000002", phone="+84912000002", roles=[FARMERS])


@pytest.fixture
def helper(db):
    """A community digital-team member."""
    from accounts.roles import DIGITAL_TEAM
    from tests.factories import UserFactory

    return UserFactory(username="totcns1", phone="+84987000001", roles=[DIGITAL_TEAM])


@pytest.fixture
def other_helper(db):
    from accounts.roles import DIGITAL_TEAM
    from tests.factories import UserFactory

    return UserFactory(username="totcns2", phone="+84987000002", roles=[DIGITAL_TEAM])


@pytest.fixture
def official(db):
    from accounts.roles import OFFICIALS
    from tests.factories import UserFactory

    return UserFactory(username="canbo1", roles=[OFFICIALS])


@pytest.fixture
def buyer(db):
    from tests.factories import UserFactory

    return UserFactory(username="nguoimua1")


@pytest.fixture(autouse=True)
def closed_search_breaker():
    """Each test starts with Elasticsearch trusted again (the breaker lives in the process)."""
    from search.fallback import breaker

    breaker.reset()
    yield
    breaker.reset()


@pytest.fixture
def sms_outbox():
    """Text messages sent during the test, as (phone, message)."""
    from accounts.sms import LocmemBackend

    LocmemBackend.outbox.clear()
    return LocmemBackend.outbox
