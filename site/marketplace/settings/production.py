"""Production: refuses to start without the settings it cannot guess."""

import os
import sys

from .base import *  # noqa: F403
from .base import env_list

_missing = [
    name
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "IDENTITY_KEYS", "IDENTITY_HASH_KEY")
    if not os.environ.get(name, "").strip()
]
if _missing:
    sys.exit(
        "DJANGO_ENV=production needs these environment variables: "
        f"{', '.join(_missing)} (thiếu biến môi trường: {', '.join(_missing)})"
    )

SECRET_KEY = os.environ["SECRET_KEY"]
# Django's own rule for a key worth the name (as its deploy check): long, varied, not a default.
if (
    len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or SECRET_KEY.startswith("django-insecure-")
    or SECRET_KEY in {"test-secret-key-not-for-production", "change-me", "secret"}
):
    sys.exit(
        "SECRET_KEY is too short or a default: use 50+ random characters, e.g. "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(50))' "
        "(SECRET_KEY quá ngắn hoặc là giá trị mặc định)"
    )

# Sellers' ID numbers are sealed with these keys (compliance.sealing): each must be a
# real Fernet key, or nothing could be read back.
try:
    from cryptography.fernet import Fernet

    for _key in env_list("IDENTITY_KEYS"):
        Fernet(_key)
except ValueError:
    sys.exit(
        "IDENTITY_KEYS must be Fernet keys, e.g. python3 -c 'from cryptography.fernet import "
        "Fernet; print(Fernet.generate_key().decode())' (IDENTITY_KEYS không phải khóa Fernet)"
    )

DEBUG = False
if not os.environ.get("SITE_URL", "").startswith("https://"):
    sys.exit(
        "DJANGO_ENV=production needs SITE_URL, the https:// address buyers reach the site at "
        "(thiếu SITE_URL: địa chỉ https:// của sàn)"
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

# Production runs behind nginx (deploy/), which appends the client's address to
# X-Forwarded-For. With PROXY_COUNT at 0 every client would be nginx's address: five
# wrong passwords for a farmer's public phone would lock that farmer out for everyone,
# and every throttle would be site-wide.
if PROXY_COUNT < 1:  # noqa: F405
    sys.exit(
        "DJANGO_ENV=production runs behind a reverse proxy: set PROXY_COUNT to how many "
        "(1 for one nginx) (đặt PROXY_COUNT bằng số proxy phía trước ứng dụng, ví dụ 1)"
    )

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SERVE_MEDIA = os.environ.get("SERVE_MEDIA", "0") == "1"
