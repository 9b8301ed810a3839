"""What an order tells the people it concerns: the buyer (texted, and e-mailed when they
gave an address) and the producer (a portal notice, texted)."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from marketplace import events
from marketplace.formatting import format_vnd
from marketplace.mail import email_when_committed
from producers.notifications import in_vietnamese, notify_producer


def tell_buyer_by_text(order, text):
    events.announce("buyer_told", order=order, text=text)


@in_vietnamese
def tell_producer_of_cancellation(part, said):
    notify_producer(
        part.producer,
        _("Order %(code)s cancelled") % {"code": part.order.code},
        _("Order %(code)s was cancelled: nothing to prepare. %(said)s.")
        % {"code": part.order.code, "said": said},
    )


def notice_topic(part):
    return f"order-part:{part.pk}"


def tell_producer_of_new_order(part):
    with translation.override(settings.LANGUAGE_CODE):
        notify_producer(
            part.producer,
            _("New order %(code)s") % {"code": part.order.code},
            _("New order %(code)s: %(total)s. Confirm it in your portal.")
            % {
                "code": part.order.code,
                "total": format_vnd(part.total_vnd),
            },
            topic=notice_topic(part),
        )


def tell_buyer(order, message, text=None):
    """The buyer hears of the order: an e-mail if they gave an address, and the
    announcement "buyer_told" (`text`, short, or the message) that is texted to their phone."""
    tell_buyer_by_text(order, text or message)
    if not order.buyer_email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Order %(code)s") % {"code": order.code}
        link = settings.SITE_URL + order.get_absolute_url()
        body = f"{message}\n\n{_('Follow your order')}: {link}"
    email_when_committed(subject, body, [order.buyer_email])
