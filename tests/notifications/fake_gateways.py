"""A loopback HTTP server speaking the documented protocols of eSMS.vn's brandname SMS
and Zalo's ZNS with its OA token refresh: request shapes checked, error codes and token
expiry as documented (see notifications/gateways/), failures scripted by the test."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


class Gateway:
    def __init__(self):
        self.api_key, self.secret_key, self.brandname = "esms-key", "esms-secret", "CHONONGSAN"
        self.app_id, self.app_secret = "4242", "zalo-app-secret"
        self.access_token, self.refresh_token = "token-1", "refresh-1"
        self.sms, self.zns = [], []  # what reached people
        self.request_ids, self.tracking_ids = set(), set()
        self.esms_failures = []  # scripted answers, one per request: "down" (HTTP 503) or a code
        self.zns_failures = []
        self.no_zalo = set()  # phones with no Zalo account (ZNS -118)
        self.refreshes = 0
        self.duplicates = 0  # requests refused as already taken (RequestId seen)

    # eSMS -----------------------------------------------------------------
    def esms(self, body):
        if self.esms_failures:
            failure = self.esms_failures.pop(0)
            if failure == "down":
                return 503, {"Message": "Service Unavailable"}
            if failure == "lost":  # taken and sent, but the answer never reaches the client
                self.esms_accept(body)
                return 503, {"Message": "Gateway Timeout"}
            return 200, {"CodeResult": failure, "ErrorMessage": f"scripted {failure}"}
        return self.esms_accept(body)

    def esms_accept(self, body):
        if (body.get("ApiKey"), body.get("SecretKey")) != (self.api_key, self.secret_key):
            return 200, {"CodeResult": "101", "ErrorMessage": "Incorrect ApiKey or SecretKey."}
        if body.get("Brandname") != self.brandname:
            return 200, {"CodeResult": "104", "ErrorMessage": "Brandname does not exist."}
        if body.get("SmsType") != "2" or not body.get("Content"):
            return 200, {"CodeResult": "118", "ErrorMessage": "Unsupported message type."}
        phone = body.get("Phone", "")
        if not phone.lstrip("+").isdigit():
            return 200, {
                "CodeResult": "108",
                "ErrorMessage": "Phone number is not in correct format.",
            }
        request_id = body.get("RequestId")
        if request_id in self.request_ids:
            self.duplicates += 1
            return 200, {"CodeResult": "124", "ErrorMessage": "Duplicate RequestId."}
        self.request_ids.add(request_id)
        self.sms.append((phone, body["Content"], body.get("IsUnicode")))
        return 200, {"CodeResult": "100", "CountRegenerate": 0, "SMSID": f"sms-{len(self.sms)}"}

    # Zalo -----------------------------------------------------------------
    def zns_send(self, headers, body):
        if headers.get("access_token") != self.access_token:
            return 200, {"error": -124, "message": "Access token invalid"}
        if self.zns_failures:
            failure = self.zns_failures.pop(0)
            if failure == "down":
                return 502, {}
            return 200, {"error": failure, "message": f"scripted {failure}"}
        phone = body.get("phone", "")
        if not (phone.startswith("84") and phone.isdigit()):
            return 200, {"error": -108, "message": "Phone number invalid"}
        if not body.get("template_id"):
            return 200, {"error": -109, "message": "Template ID invalid"}
        if phone in self.no_zalo:
            return 200, {"error": -118, "message": "Zalo account not existed"}
        if body.get("tracking_id") in self.tracking_ids:  # our client must never resend a sent one
            return 200, {"error": -100, "message": "duplicate tracking_id sent by the client"}
        self.tracking_ids.add(body.get("tracking_id"))
        self.zns.append((phone, body["template_id"], body.get("template_data")))
        return 200, {"error": 0, "message": "Success",
                     "data": {"msg_id": f"zns-{len(self.zns)}", "sent_time": "1700000000000"}}  # fmt: skip

    def zalo_refresh(self, headers, form):
        if headers.get("secret_key") != self.app_secret or form.get("app_id") != self.app_id:
            return 200, {"error": -14002, "error_name": "Invalid app secret"}
        if (
            form.get("grant_type") != "refresh_token"
            or form.get("refresh_token") != self.refresh_token
        ):
            return 200, {"error": -14014, "error_name": "Invalid refresh token"}
        self.refreshes += 1
        self.access_token = f"token-{self.refreshes + 1}"
        self.refresh_token = f"refresh-{self.refreshes + 1}"  # the old one is used up
        return 200, {"access_token": self.access_token, "refresh_token": self.refresh_token,
                     "expires_in": "90000"}  # fmt: skip

    def expire_access_token(self):
        self.access_token = "token-revoked"


def start(gateway):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            headers = {key.lower(): value for key, value in self.headers.items()}
            if self.path == "/esms/":
                status, answer = gateway.esms(json.loads(raw))
            elif self.path == "/zns/":
                status, answer = gateway.zns_send(headers, json.loads(raw))
            elif self.path == "/oauth/":
                form = {key: values[0] for key, values in parse_qs(raw).items()}
                status, answer = gateway.zalo_refresh(headers, form)
            else:
                status, answer = 404, {}
            payload = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
