"""A local OpenID Connect provider that speaks the documented protocol, for the identity
client's tests: Discovery 1.0 metadata, a JWKS, the authorization endpoint (the person
"signs in" as `server.person`), the token endpoint with client authentication, PKCE
(RFC 7636), single-use codes that expire (RFC 6749 section 4.1.2: short-lived, used
once; errors as in its section 5.2), RS256 ID tokens, and userinfo."""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID, CLIENT_SECRET = "chonongsan", "bi-mat-cua-san"
CODE_LIFETIME = 60


def _key(kid):
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = json.loads(RSAAlgorithm.to_jwk(private.public_key()))
    return private, {**public, "kid": kid, "use": "sig", "alg": "RS256"}


class Provider(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.issuer = f"http://127.0.0.1:{self.server_address[1]}"
        self.private_key, self.jwk = _key("khoa-1")
        self.other_key, _unused = _key("khoa-1")  # same kid, another key: a forgery
        self.person = {"sub": "vneid-0001", "name": "Nguyễn Văn Ba", "citizen_id": "082195012345"}
        self.codes = {}
        self.tokens = {}
        self.refuse = False
        self.forge = False
        self.wrong_nonce = False
        self.id_claim_in_userinfo_only = False
        self.delay = 0
        self.now = time.time

    def serve(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def id_token(self, grant):
        claims = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": self.person["sub"],
            "iat": int(self.now()),
            "exp": int(self.now()) + 300,
            "nonce": "khong-phai" if self.wrong_nonce else grant["nonce"],
            "name": self.person["name"],
        }
        if not self.id_claim_in_userinfo_only:
            claims["citizen_id"] = self.person["citizen_id"]
        key = self.other_key if self.forge else self.private_key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "khoa-1"})


class Handler(BaseHTTPRequestHandler):
    server: Provider

    def log_message(self, *args):
        pass

    def _json(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _redirect(self, url):
        self.send_response(302)
        self.send_header("Location", url)
        self.end_headers()

    def do_GET(self):
        time.sleep(self.server.delay)
        url = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        provider = self.server
        if url.path == "/.well-known/openid-configuration":
            return self._json(200, {
                "issuer": provider.issuer,
                "authorization_endpoint": f"{provider.issuer}/authorize",
                "token_endpoint": f"{provider.issuer}/token",
                "userinfo_endpoint": f"{provider.issuer}/userinfo",
                "jwks_uri": f"{provider.issuer}/jwks",
                "response_types_supported": ["code"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
            })  # fmt: skip
        if url.path == "/jwks":
            return self._json(200, {"keys": [provider.jwk]})
        if url.path == "/authorize":
            if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
                return self._json(400, {"error": "unauthorized_client"})
            if query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
                return self._json(400, {"error": "invalid_request"})
            back = query["redirect_uri"]
            if provider.refuse:
                return self._redirect(
                    f"{back}?{urlencode({'error': 'access_denied', 'state': query['state']})}"
                )
            code = secrets.token_urlsafe(16)
            provider.codes[code] = {**query, "issued": provider.now(), "used": False}
            return self._redirect(f"{back}?{urlencode({'code': code, 'state': query['state']})}")
        if url.path == "/userinfo":
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            if token not in provider.tokens:
                return self._json(401, {"error": "invalid_token"})
            return self._json(200, provider.person)
        return self._json(404, {"error": "not_found"})

    def do_POST(self):
        provider = self.server
        if urlsplit(self.path).path != "/token":
            return self._json(404, {"error": "not_found"})
        length = int(self.headers.get("Content-Length", 0))
        form = {
            key: values[0] for key, values in parse_qs(self.rfile.read(length).decode()).items()
        }
        expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if self.headers.get("Authorization") != expected:
            return self._json(401, {"error": "invalid_client"})
        grant = provider.codes.get(form.get("code", ""))
        if (
            form.get("grant_type") != "authorization_code"
            or grant is None
            or grant["used"]
            or provider.now() - grant["issued"] > CODE_LIFETIME
            or form.get("redirect_uri") != grant["redirect_uri"]
        ):
            return self._json(400, {"error": "invalid_grant"})
        challenge = (
            base64.urlsafe_b64encode(
                hashlib.sha256(form.get("code_verifier", "").encode()).digest()
            )
            .rstrip(b"=")
            .decode()
        )
        if challenge != grant["code_challenge"]:
            return self._json(400, {"error": "invalid_grant"})
        grant["used"] = True
        access = secrets.token_urlsafe(16)
        provider.tokens[access] = grant
        return self._json(200, {"access_token": access, "token_type": "Bearer", "expires_in": 300,
                                "id_token": provider.id_token(grant)})  # fmt: skip
