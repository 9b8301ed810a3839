"""SMS through eSMS.vn's brandname API (SMS_BACKEND = "notifications.gateways.esms.EsmsBackend").

Followed: https://developers.esms.vn/en/esms-api/send-sms-api/send-otp-customer-care-message
(POST .../SendMultipleMessage_V4_post_json/, SmsType 2 "customer care", a RequestId that
eSMS refuses to take twice) and its table of error codes
(https://developers.esms.vn/en/esms-api/table-of-error-codes)."""

import requests
from django.conf import settings

from . import GatewayError, NotOnThisChannel

ACCEPTED = "100"
DUPLICATE_REQUEST = "124"  # this RequestId was taken before: the message is already on its way
NOT_REACHABLE = {"99": "the number is blocked", "108": "the number is not well formed"}
# Refusals that no retry mends (keys, balance, brandname, IP, template): an official must act.
REFUSED = {"101", "102", "103", "104", "140", "146", "177"}
CUSTOMER_CARE = "2"


class EsmsBackend:
    def __init__(self):
        self.url = settings.ESMS_URL
        self.api_key, self.secret_key = settings.ESMS_API_KEY, settings.ESMS_SECRET_KEY
        self.brandname = settings.ESMS_BRANDNAME

    def send(self, phone, message, request_id=None):
        body = {
            "ApiKey": self.api_key,
            "SecretKey": self.secret_key,
            "Phone": phone,
            "Content": message,
            "Brandname": self.brandname,
            "SmsType": CUSTOMER_CARE,
            "IsUnicode": "0" if message.isascii() else "1",
        }
        if request_id:
            body["RequestId"] = request_id
        try:
            response = requests.post(self.url, json=body, timeout=settings.GATEWAY_TIMEOUT)
            response.raise_for_status()
            answer = response.json()
        except (requests.RequestException, ValueError) as error:
            raise GatewayError(f"eSMS unreachable: {error}") from error
        code = str(answer.get("CodeResult", ""))
        if code in (ACCEPTED, DUPLICATE_REQUEST):
            return answer.get("SMSID", "")
        detail = f"eSMS {code}: {answer.get('ErrorMessage', '')}"[:300]
        if code in NOT_REACHABLE:
            raise NotOnThisChannel(detail)
        raise GatewayError(detail, permanent=code in REFUSED)
