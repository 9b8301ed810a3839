"""Texts are billed by the segment: an unaccented text is GSM-7 (160 characters, 153 a
part), one with diacritics UCS-2 (70, 67 a part). Every kind of text fits its budget
with the longest realistic values, and hostile names never break one."""

import pytest
from django.test import override_settings
from django.utils import translation
from hypothesis import example, given
from hypothesis import strategies as st

from notifications.sms_text import as_sent, clean, is_gsm7, segments, unaccented

pytestmark = pytest.mark.django_db

# The longest of each: a farm's or a buyer's name, an order code, a secret order link.
LONG_NAME = "Hợp tác xã Nông nghiệp Dịch vụ Thương mại Xoài cát Hòa Lộc Hậu Giang"
ORDER_LINK = "https://cho-nong-san.dongthap.gov.vn/don-hang/CNS-ABCDEF/" + "x" * 32 + "/"
BUDGET = 3  # segments, unaccented (the default)


def test_segments_are_counted_as_gateways_bill_them():
    assert segments("a" * 160) == 1 and segments("a" * 161) == 2 and segments("a" * 306) == 2
    assert segments("ơ" * 70) == 1 and segments("ơ" * 71) == 2 and segments("ơ" * 134) == 2
    assert segments("{" * 80) == 1 and segments("{" * 81) == 2  # two septets each
    assert not is_gsm7("Đơn hàng") and is_gsm7(unaccented("Đơn hàng mới: 240.000 ₫ – “xoài”"))


def _kinds(settings):
    """Every text the site sends, with the longest values."""
    from django.urls import reverse

    from orders.models import PartStatus

    portal = settings.SITE_URL + reverse("producers:portal")
    with translation.override("vi"):
        from django.utils.translation import gettext as _

        yield "new order", _("New order %(code)s: %(total)s. Confirm it in your portal.") % {
            "code": "CNS-ABCDEF", "total": "12.345.678 ₫"} + " " + portal  # fmt: skip
        yield (
            "verified",
            _("%(name)s is verified: your profile and products are now public on Chợ Nông Sản.")
            % {"name": LONG_NAME}
            + " "
            + portal,
        )
        yield "rejected", _(
            "%(name)s was not verified. Reason: %(reason)s. Correct it and submit again."
        ) % {"name": LONG_NAME, "reason": "Ảnh giấy chứng nhận VietGAP bị mờ, chụp lại rõ hơn"} + " " + portal  # fmt: skip
        yield "received", _("Order %(code)s received: %(total)s.") % {
            "code": "CNS-ABCDEF", "total": "12.345.678 ₫"} + " " + ORDER_LINK  # fmt: skip
        for status in PartStatus:
            yield f"status {status}", _("%(producer)s: your order %(code)s is now “%(status)s”.") % {
                "producer": LONG_NAME[:40], "code": "CNS-ABCDEF", "status": status.label,
            } + " " + ORDER_LINK  # fmt: skip
        yield "cancelled", _("Order %(code)s was cancelled: nothing to prepare. %(said)s.") % {
            "code": "CNS-ABCDEF",
            "said": _("Cancelled by the buyer: %(reason)s") % {"reason": "x" * 120},
        } + " " + portal  # fmt: skip
        yield "transfer", _(
            "%(producer)s: transfer %(amount)s to %(bank)s %(number)s (%(holder)s) with the "
            "message “%(code)s” before %(deadline)s."
        ) % {"producer": LONG_NAME[:60], "amount": "12.345.678 ₫", "bank": "Vietcombank",
             "number": "0071000888999123", "holder": "NGUYEN THI THANH HUONG",
             "code": "CNS-ABCDEF", "deadline": "23:15 04/12/2026"} + " " + ORDER_LINK  # fmt: skip
        yield "claim", _(
            "Chợ Nông Sản: the account of %(name)s is ready. Claim code %(code)s, until "
            "%(date)s: %(link)s"
        ) % {"name": LONG_NAME[:40], "code": "ABCD-EFGH", "date": "16/12",
             "link": settings.SITE_URL + "/nhan-tai-khoan/"}  # fmt: skip


def test_every_kind_of_text_fits_its_budget_with_the_longest_values(settings):
    settings.SITE_URL = "https://cho-nong-san.dongthap.gov.vn"
    for kind, text in _kinds(settings):
        sent = as_sent(text)
        assert is_gsm7(sent), (kind, sent)
        assert segments(sent) <= BUDGET, (kind, segments(sent), sent)


@override_settings(SMS_UNACCENTED=False)
def test_with_diacritics_kept_the_same_texts_cost_more_but_stay_readable(settings):
    settings.SITE_URL = "https://cho-nong-san.dongthap.gov.vn"
    for kind, text in _kinds(settings):
        assert as_sent(text) == text and segments(text) <= 2 * BUDGET + 1, kind


@example("đơn hàng " * 200)
@given(st.text(alphabet="abcđơ Ư.,\n\t", max_size=2000) | st.text(max_size=2000))
def test_a_text_of_any_length_is_cut_to_three_messages_with_its_link(said):
    from notifications.handlers import shortened

    text = as_sent(f"{shortened(said)} {ORDER_LINK}")
    assert not is_gsm7(text) or segments(text) <= BUDGET


@given(st.text(max_size=300))
def test_a_hostile_name_becomes_one_line_of_printable_text(name):
    cleaned = clean(name)
    assert "\n" not in cleaned and "\t" not in cleaned and "\x00" not in cleaned
    assert cleaned == cleaned.strip() and "  " not in cleaned
    assert all(ch.isprintable() for ch in cleaned)
    assert is_gsm7(unaccented(cleaned)) or not unaccented(cleaned).isascii()
