"""Text messages to phones through a pluggable sender, like Django's e-mail backends.

SMS_BACKEND is a dotted path to a class with send(phone, message). The default
prints to the console (the embedded set-up has no gateway); an operator plugs in
their SMS or Zalo gateway with a class of their own.
"""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class ConsoleBackend:
    def send(self, phone, message):
        logger.info("SMS to %s: %s", phone, message)
        print(f"[SMS → {phone}] {message}", flush=True)


class LocmemBackend:
    """Keeps messages in `outbox` (tests)."""

    outbox = []

    def send(self, phone, message):
        self.outbox.append((phone, message))


def send_sms(phone, message):
    if not phone:
        return
    import_string(settings.SMS_BACKEND)().send(phone, message)
