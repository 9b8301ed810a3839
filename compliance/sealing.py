"""Identity numbers at rest: encrypted with Fernet (the `cryptography` library's
authenticated encryption), and findable only by an exact match through a keyed hash.

IDENTITY_KEYS lists Fernet keys, newest first: the first encrypts, all decrypt, so a
key is rotated by putting a new one in front (MultiFernet). Without it (the embedded
default) a key is derived from SECRET_KEY; production refuses to start without it.
"""

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


def _derived(purpose):
    digest = hashlib.sha256(f"{purpose}:{settings.SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest)


def _fernet():
    keys = settings.IDENTITY_KEYS or [_derived("identity-encryption").decode()]
    return MultiFernet([Fernet(key) for key in keys])


def seal(text):
    return _fernet().encrypt(text.encode()).decode() if text else ""


def unseal(token):
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""  # sealed with a key no longer configured: unreadable, never an error page


def lookup_hash(text):
    """HMAC-SHA256 of the number: equal numbers match, the hash alone tells nothing."""
    if not text:
        return ""
    key = (settings.IDENTITY_HASH_KEY or _derived("identity-lookup").decode()).encode()
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()
