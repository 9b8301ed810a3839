"""Identity providers (IDENTITY_BACKEND): who vouches that the person signed in is the
citizen they say.

The default is an OpenID Connect relying party (OpenID Connect Core 1.0, section 3.1:
the authorization code flow; Discovery 1.0 for the provider's endpoints and keys) with
PKCE (RFC 7636), so an operator plugs in the provider it is granted, VNeID's through
the Ministry of Public Security's integration among them, by setting its issuer and
client. The ID token is checked as section 3.1.3.7 asks: signature against the
provider's published keys, issuer, audience, expiry and the nonce we sent.
"""

import base64
import hashlib
import secrets
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

SESSION_KEY = "identity_oidc"
SIGNING_ALGORITHMS = ["RS256", "ES256", "PS256"]


class IdentityProviderError(Exception):
    """Said to the person as it is: the provider is down, refused, or answered wrongly."""


def backend():
    return import_string(settings.IDENTITY_BACKEND)()


class OpenIDConnect:
    def __init__(self):
        self.issuer = settings.IDENTITY_OIDC_ISSUER.rstrip("/")
        self.client_id = settings.IDENTITY_OIDC_CLIENT_ID
        self.client_secret = settings.IDENTITY_OIDC_CLIENT_SECRET
        self.timeout = settings.GATEWAY_TIMEOUT

    @property
    def configured(self):
        return bool(self.issuer and self.client_id)

    def _get_json(self, url, **kwargs):
        try:
            response = requests.get(url, timeout=self.timeout, **kwargs)
            response.raise_for_status()
            return response.json()
        except (requests.RequestException, ValueError) as error:
            raise IdentityProviderError(
                _("The identity service cannot be reached now. Try again in a few minutes.")
            ) from error

    def metadata(self):
        key = f"oidc-metadata:{self.issuer}"
        found = cache.get(key)
        if found is None:
            found = self._get_json(f"{self.issuer}/.well-known/openid-configuration")
            if found.get("issuer", "").rstrip("/") != self.issuer:
                raise IdentityProviderError(_("The identity service answered as someone else."))
            cache.set(key, found, 3600)
        return found

    def start(self, session, redirect_uri):
        """The provider's sign-in address; what the answer must match goes in the session."""
        if not self.configured:
            raise IdentityProviderError(_("Checking identity online is not set up here yet."))
        verifier = secrets.token_urlsafe(48)
        state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
        session[SESSION_KEY] = {"state": state, "nonce": nonce, "verifier": verifier}
        challenge = (
            base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
            .rstrip(b"=")
            .decode()
        )
        query = urlencode({
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": redirect_uri,
            "scope": settings.IDENTITY_OIDC_SCOPE,
            "state": state,
            "nonce": nonce,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        })  # fmt: skip
        return f"{self.metadata()['authorization_endpoint']}?{query}"

    def finish(self, session, params, redirect_uri):
        """The claims of the person the provider sent back, checked; IdentityProviderError
        when anything does not match (a replayed or forged answer, a refusal)."""
        expected = session.pop(SESSION_KEY, None)
        if not expected or not secrets.compare_digest(
            str(params.get("state", "")), expected["state"]
        ):
            raise IdentityProviderError(
                _("This answer is not for the check you started. Start again.")
            )
        if params.get("error"):
            raise IdentityProviderError(_("The identity check was cancelled or refused."))
        code = str(params.get("code", ""))
        if not code:
            raise IdentityProviderError(_("The identity service sent no answer. Start again."))
        metadata = self.metadata()
        tokens = self._exchange(
            metadata["token_endpoint"], code, expected["verifier"], redirect_uri
        )
        claims = self._verified_id_token(metadata, tokens.get("id_token", ""), expected["nonce"])
        if settings.IDENTITY_OIDC_ID_CLAIM not in claims and metadata.get("userinfo_endpoint"):
            userinfo = self._get_json(
                metadata["userinfo_endpoint"],
                headers={"Authorization": f"Bearer {tokens.get('access_token', '')}"},
            )
            if userinfo.get("sub") != claims["sub"]:
                raise IdentityProviderError(_("The identity service answered for someone else."))
            claims = {**userinfo, **claims}
        return claims

    def _exchange(self, token_endpoint, code, verifier, redirect_uri):
        try:
            response = requests.post(
                token_endpoint,
                data={
                    "grant_type": "authorization_code",
                    "code": code,
                    "redirect_uri": redirect_uri,
                    "code_verifier": verifier,
                },
                auth=(self.client_id, self.client_secret),
                timeout=self.timeout,
            )
        except requests.RequestException as error:
            raise IdentityProviderError(
                _("The identity service cannot be reached now. Try again in a few minutes.")
            ) from error
        if response.status_code != 200:
            # invalid_grant: the code was used already or expired (its lifetime is short).
            raise IdentityProviderError(
                _("The identity service did not accept the answer. Start again.")
            )
        try:
            return response.json()
        except ValueError as error:
            raise IdentityProviderError(_("The identity service answered wrongly.")) from error

    def _verified_id_token(self, metadata, id_token, nonce):
        try:
            keys = jwt.PyJWKClient(metadata["jwks_uri"], cache_keys=True, timeout=self.timeout)
            key = keys.get_signing_key_from_jwt(id_token)
            claims = jwt.decode(
                id_token,
                key.key,
                algorithms=SIGNING_ALGORITHMS,
                audience=self.client_id,
                issuer=metadata["issuer"],
                options={"require": ["exp", "iat", "sub", "nonce"]},
            )
        except (jwt.PyJWTError, KeyError) as error:
            raise IdentityProviderError(
                _("The identity service's answer could not be trusted.")
            ) from error
        if not secrets.compare_digest(str(claims["nonce"]), nonce):
            raise IdentityProviderError(_("The identity service's answer could not be trusted."))
        return claims
