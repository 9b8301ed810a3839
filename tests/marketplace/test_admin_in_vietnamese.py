"""The admin screens an official uses show no English interface string: any text on them
that is one of Wagtail's or Django's own English strings fails this test."""

import glob
import json
import re
from pathlib import Path

import django
import django_filters
import polib
import pytest
import wagtail
from django.apps import apps
from django.test import Client
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import capfirst

from catalog.models import ListingReport
from payments.models import Payment, Payout, Refund
from tests.factories import ProducerFactory, ProductFactory
from tests.orders.conftest import farm, mango, ordered, other_farm, pomelo  # noqa: F401, F811

pytestmark = pytest.mark.django_db

# The screens, as an official meets them (the sign-in page as anyone does).
SCREENS = [
    "/admin/login/",
    "/admin/",
    "/admin/producers/",
    "/admin/producers/?status=submitted&ordering=status_changed_at",
    "/admin/producers/?q=v%C6%B0%E1%BB%9Dn",
    "/admin/producers/inspect/{producer}/",
    "/admin/products/",
    "/admin/products/inspect/{product}/",
    "/admin/listing-reports/",
    "/admin/so-lieu/",
    "/admin/so-lieu/niem-yet-theo-xa/",
    "/admin/so-lieu/nha-san-xuat-moi/",
    "/admin/so-lieu/to-cong-nghe-so/",
    "/admin/orders/",
    "/admin/payments/",
]
UNTRANSLATED_PATTERNS = [
    re.compile(r"^Page \d+ of \d+"),
    re.compile(r"^There (is|are) \d+ match"),
    re.compile(r"\bago\b"),
    re.compile(r"^\d+ (year|month|week|day|hour|minute)s?\b"),
]


PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}")


def english_catalogues():
    """Wagtail's, Django's and django-filter's English catalogues (the JavaScript ones
    included: the sidebar and dialogs the browser draws)."""
    roots = [Path(wagtail.__file__).parent, Path(django.__file__).parent]
    roots.append(Path(django_filters.__file__).parent)
    for root in roots:
        yield from glob.glob(str(root / "**/locale/en/LC_MESSAGES/django*.po"), recursive=True)


def english_interface_strings():
    """(the msgids without placeholders, one pattern for those with placeholders: "There are
    no %s to display." matches "There are no khoản hoàn tiền to display.")."""
    strings, patterns = set(), []
    for path in english_catalogues():
        for entry in polib.pofile(path):
            for text in (entry.msgid, entry.msgid_plural):
                if not text or len(text) <= 2:
                    continue
                text = text.strip()
                pieces = PLACEHOLDER.split(text)
                if len(pieces) == 1:
                    strings.add(text)
                elif len(" ".join(pieces).split()) >= 2:  # words besides the placeholders
                    patterns.append(".+?".join(re.escape(piece) for piece in pieces))
    return strings, re.compile("|".join(f"(?:{p})" for p in patterns))


# A language is named in its own language in a language chooser.
LANGUAGE_NAMES = {"English"}
PROJECT_APPS = {"accounts", "areas", "producers", "catalog", "orders", "payments", "reports"}


def untranslated_field_labels():
    """The labels Django makes up from field names not given a translated verbose_name
    ("Stripe session id", "Confirmed by"), as the admin would show them."""
    labels = set()
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            name = getattr(field, "verbose_name", None)
            if getattr(field, "concrete", False) and name and not isinstance(name, Promise):
                labels.update({capfirst(name), name})
    return labels


def admin_links(html):
    """The admin screens a page (and its menu) links to, without the ones that change
    something or sign out."""
    links = re.findall(r'href="(/admin/[^"#]*)"', html) + sidebar(html)[1]
    for href in links:
        if not href.startswith("/admin/"):
            continue
        href = href.replace("&amp;", "&")
        if any(word in href for word in SKIPPED_LINKS):
            continue
        yield href


# Screens that do something when opened, or that are Wagtail's own, untranslated (the
# editor guide, the style guide: not the officials').
SKIPPED_LINKS = ("/logout/", "/delete/", "export=", "/styleguide/", "/unpublish/", "/revisions/")


def sidebar(html):
    """The menu Wagtail's JavaScript draws, from the JSON it is drawn from: its labels and
    its links."""
    props = re.search(
        r'(?s)<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html
    )
    labels, urls = [], []

    def walk(value):
        if isinstance(value, dict):
            for key in ("label", "url"):
                if isinstance(value.get(key), str):
                    (labels if key == "label" else urls).append(value[key])
            for each in value.values():
                walk(each)
        elif isinstance(value, list):
            for each in value:
                walk(each)

    walk(json.loads(props[1]) if props else {})
    return labels, urls


def visible_text(html):
    labels, _urls = sidebar(html)
    html = re.sub(r"(?s)<(script|style|template|svg|noscript)\b.*?</\1>", " ", html)
    # A hidden counter Wagtail's side-panel toggle prints "None" into until it counts.
    html = re.sub(r"(?s)<div data-side-panel-toggle-counter[^>]*\bhidden>.*?</div>", " ", html)
    labels += re.findall(r'(?:aria-label|placeholder|title)="([^"]+)"', html)
    lines = re.sub(r"(?s)<[^>]+>", "\n", html).splitlines() + labels
    return {line.strip() for line in lines if line.strip()}


def english_on(html, english, with_placeholders):
    return sorted(
        text
        for text in visible_text(html)
        if text in english
        or with_placeholders.fullmatch(text)
        or any(pattern.search(text) for pattern in UNTRANSLATED_PATTERNS)
    )


@pytest.fixture
def admin_world(farm, cai_be, ordered):  # noqa: F811 (the imported fixtures)
    producer = ProducerFactory(display_name="Vườn chờ duyệt", status="submitted", commune=cai_be)
    product = ProductFactory(producer=farm, origin_commune=cai_be)
    ListingReport.objects.create(product=product, reason="other", details="Sai giá")
    part = ordered.parts.first()
    payment = Payment.objects.create(
        order=ordered, part=part, method="bank_transfer", amount_vnd=part.total_vnd,
        status="paid", paid_at=timezone.now(), expires_at=timezone.now(), problem="Còn nợ",
    )  # fmt: skip
    Refund.objects.create(
        payment=payment, part=part, amount_vnd=part.total_vnd, reason="Hủy", status="owed"
    )
    Payout.objects.create(
        producer=farm, amount_vnd=10_000, paid_on=timezone.localdate(), bank_reference="FT1"
    )
    return producer, product


def test_the_officials_screens_have_no_english_interface_strings(client, official, admin_world):
    producer, product = admin_world
    english, with_placeholders = english_interface_strings()
    client.force_login(official)
    found = {}
    for screen in SCREENS:
        visitor = Client() if screen == "/admin/login/" else client
        response = visitor.get(screen.format(producer=producer.pk, product=product.pk))
        assert response.status_code == 200, screen
        untranslated = english_on(response.content.decode(), english, with_placeholders)
        if untranslated:
            found[screen] = untranslated
    assert found == {}


def test_every_screen_an_official_reaches_from_the_admin_is_in_vietnamese(
    client, official, admin_world
):
    """Item 18: not a list of screens kept by hand, but every admin page reachable by
    following links from the officials' home and menu (list, filtered, inspect, edit)."""
    english, with_placeholders = english_interface_strings()
    english = (english | untranslated_field_labels()) - LANGUAGE_NAMES
    client.force_login(official)
    seen, queue, found = set(), ["/admin/"], {}
    while queue and len(seen) < 250:
        screen = queue.pop(0)
        route = re.sub(r"\d+", "N", screen.split("?")[0]) + ("?" if "?" in screen else "")
        if route in seen:
            continue
        seen.add(route)
        response = client.get(screen)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        untranslated = english_on(html, english, with_placeholders)
        if untranslated:
            found[screen] = untranslated
        queue.extend(admin_links(html))
    assert len(seen) > 30  # the menu, the lists and the records behind them were reached
    assert found == {}
