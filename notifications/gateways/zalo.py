"""Zalo ZNS, template messages to a phone number (ZALO_BACKEND =
"notifications.gateways.zalo.ZnsBackend"; the default prints, like SMS's).

Followed: Zalo Cloud's ZNS documentation, "Gửi ZNS" (POST
https://business.openapi.zalo.me/message/template with the OA's access_token header and
{phone, template_id, template_data, tracking_id}; {"error": 0, "data": {"msg_id"}}), its
error codes (https://zalo.cloud/zns/guidelines/handle-error-code) and the Official
Account's token refresh (POST https://oauth.zaloapp.com/v4/oa/access_token, secret_key
header, grant_type=refresh_token; the refresh token is used up and a new one returned)."""

import dataclasses
import datetime
import logging

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import GatewayError, NotOnThisChannel

logger = logging.getLogger(__name__)

TOKEN_NAME = "zalo_oa"
TOKEN_INVALID = -124
UNKNOWN = -100  # "try again later"
# The person has no Zalo, blocks the OA, or their number is not one: SMS instead.
NOT_REACHABLE = {-108, -118, -119, -139}


@dataclasses.dataclass(frozen=True)
class ZaloMessage:
    template_id: str
    data: dict
    tracking_id: str
    text: str  # what the message says, for the console and the log


class ConsoleBackend:
    def send(self, phone, message):
        logger.info("Zalo to %s: %s", phone, message.text)
        print(f"[Zalo → {phone}] {message.text}", flush=True)
        return ""


class LocmemBackend:
    """Keeps messages in `outbox` (tests)."""

    outbox = []

    def send(self, phone, message):
        self.outbox.append((phone, message))
        return ""


def zns_phone(phone):
    """ZNS wants 84xxxxxxxxx: the country code, no plus, no leading zero."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return "84" + digits[1:] if digits.startswith("0") else digits


class ZnsBackend:
    def send(self, phone, message):
        answer = self._post(phone, message, _access_token())
        if answer.get("error") == TOKEN_INVALID:  # expired early, or revoked: renew once
            answer = self._post(phone, message, _access_token(renew=True))
        error = answer.get("error")
        if error == 0:
            return str((answer.get("data") or {}).get("msg_id", ""))
        detail = f"ZNS {error}: {answer.get('message', '')}"[:300]
        if error in NOT_REACHABLE:
            raise NotOnThisChannel(detail)
        raise GatewayError(detail, permanent=error not in (UNKNOWN, TOKEN_INVALID))

    def _post(self, phone, message, token):
        body = {
            "phone": zns_phone(phone),
            "template_id": message.template_id,
            "template_data": message.data,
            "tracking_id": message.tracking_id,
        }
        try:
            response = requests.post(
                settings.ZALO_ZNS_URL,
                json=body,
                headers={"access_token": token},
                timeout=settings.GATEWAY_TIMEOUT,
            )
            if response.status_code >= 500:
                raise GatewayError(f"ZNS answered HTTP {response.status_code}")
            return response.json()
        except (requests.RequestException, ValueError) as error:
            raise GatewayError(f"ZNS unreachable: {error}") from error


def _access_token(renew=False):
    """The stored token, renewed from the refresh token when it expires (or is refused)."""
    from ..models import GatewayToken

    with transaction.atomic():
        token, _created = GatewayToken.objects.select_for_update().get_or_create(
            name=TOKEN_NAME,
            defaults={
                "access_token": settings.ZALO_ACCESS_TOKEN,
                "refresh_token": settings.ZALO_REFRESH_TOKEN,
            },
        )
        expiring = token.expires_at and token.expires_at <= timezone.now() + EARLY
        if renew or expiring or not token.access_token:
            _refresh(token)
        return token.access_token


EARLY = datetime.timedelta(minutes=5)


def _refresh(token):
    try:
        response = requests.post(
            settings.ZALO_OAUTH_URL,
            data={
                "app_id": settings.ZALO_APP_ID,
                "grant_type": "refresh_token",
                "refresh_token": token.refresh_token,
            },
            headers={"secret_key": settings.ZALO_APP_SECRET},
            timeout=settings.GATEWAY_TIMEOUT,
        )
        answer = response.json()
    except (requests.RequestException, ValueError) as error:
        raise GatewayError(f"Zalo token refresh unreachable: {error}") from error
    if "access_token" not in answer:
        # A refresh token used or expired cannot be retried: an official must link the OA again.
        raise GatewayError(f"Zalo token refresh refused: {answer}"[:300], permanent=True)
    token.access_token = answer["access_token"]
    token.refresh_token = answer.get("refresh_token", token.refresh_token)
    token.expires_at = timezone.now() + datetime.timedelta(seconds=int(answer.get("expires_in", 0)))
    token.save()
