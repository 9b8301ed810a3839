"""The admin screens an official uses show no English interface string: any text on them
that is one of Wagtail's or Django's own English strings fails this test."""

import glob
import re
from pathlib import Path

import polib
import pytest
import wagtail
from django.test import Client

from catalog.models import ListingReport
from tests.factories import ProducerFactory, ProductFactory

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


def english_interface_strings():
    """Every msgid (without placeholders) of Wagtail's English catalogues, the JavaScript
    ones included (the sidebar and dialogs the browser draws)."""
    strings = set()
    root = Path(wagtail.__file__).parent
    for path in glob.glob(str(root / "**/locale/en/LC_MESSAGES/django*.po"), recursive=True):
        for entry in polib.pofile(path):
            for text in (entry.msgid, entry.msgid_plural):
                if text and "%" not in text and "{" not in text and len(text) > 2:
                    strings.add(text.strip())
    return strings


def visible_text(html):
    html = re.sub(r"(?s)<(script|style|template|svg|noscript)\b.*?</\1>", " ", html)
    labels = re.findall(r'(?:aria-label|placeholder|title)="([^"]+)"', html)
    lines = re.sub(r"(?s)<[^>]+>", "\n", html).splitlines() + labels
    return {line.strip() for line in lines if line.strip()}


def test_the_officials_screens_have_no_english_interface_strings(client, official, farm, cai_be):
    producer = ProducerFactory(display_name="Vườn chờ duyệt", status="submitted", commune=cai_be)
    product = ProductFactory(producer=farm, origin_commune=cai_be)
    ListingReport.objects.create(product=product, reason="other", details="Sai giá")
    english = english_interface_strings()
    client.force_login(official)
    found = {}
    for screen in SCREENS:
        visitor = Client() if screen == "/admin/login/" else client
        response = visitor.get(screen.format(producer=producer.pk, product=product.pk))
        assert response.status_code == 200, screen
        untranslated = {
            text
            for text in visible_text(response.content.decode())
            if text in english or any(pattern.search(text) for pattern in UNTRANSLATED_PATTERNS)
        }
        if untranslated:
            found[screen] = sorted(untranslated)
    assert found == {}
