"""What each announcement sends, and to whom: the producer's phones (its own, its
owner's and its digital-team helpers'), the buyer's phone, a household's claim code."""

import hashlib

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from marketplace import events
from producers.notifications import in_vietnamese

from . import outbox
from .sms_text import clean

NAME_LENGTH = 40  # a farm's name in a text; longer ones are cut
# What a text says before its link (an order link is about 90 characters): with it, at
# most three messages (3 × 153 characters).
MESSAGE_LENGTH = 360


def shortened(text):
    text = clean(text)
    return text if len(text) <= MESSAGE_LENGTH else text[: MESSAGE_LENGTH - 1].rstrip() + "…"


def register():
    events.listen("producer_told", text_producer)
    events.listen("buyer_told", text_buyer)
    events.listen("claim_code_issued", text_claim_code)


def producer_phones(producer):
    """Where a producer is reached: its phone, its owner's, its helpers' (once each)."""
    phones = [producer.phone, *producer.memberships.values_list("user__phone", flat=True)]
    return list(dict.fromkeys(phone for phone in phones if phone))


def text_producer(producer, notice):
    link = settings.SITE_URL + reverse("producers:portal")
    text = f"{shortened(notice.message)} {link}"
    zalo_data = {
        "name": clean(producer.display_name)[:NAME_LENGTH],
        "message": clean(notice.message),
    }
    outbox.queue(
        *(
            outbox.message(
                f"notice:{notice.pk}:{phone}",
                "producer_notice",
                text,
                phone=phone,
                zalo_template="producer_notice",
                zalo_data=zalo_data,
            )  # fmt: skip
            for phone in producer_phones(producer)
        )
    )


def text_buyer(order, text):
    link = settings.SITE_URL + order.get_absolute_url()
    body = f"{shortened(text)} {link}"
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    outbox.queue(
        outbox.message(
            f"buyer:{order.pk}:{digest}",
            "buyer_order",
            body,
            phone=order.buyer_phone,
            zalo_template="buyer_order",
            zalo_data={"order_code": order.code, "message": clean(text)},
        )  # fmt: skip
    )


@in_vietnamese
def text_claim_code(producer, phone, code, expires_at):
    text = _(
        "Chợ Nông Sản: the account of %(name)s is ready. Claim code %(code)s, until "
        "%(date)s: %(link)s"
    ) % {
        "name": clean(producer.display_name)[:NAME_LENGTH],
        "code": code,
        "date": formats.date_format(timezone.localtime(expires_at), "d/m"),
        "link": settings.SITE_URL + reverse("producers:claim"),
    }
    outbox.queue(outbox.message(f"claim:{producer.pk}:{code}", "claim_code", text, phone=phone))
