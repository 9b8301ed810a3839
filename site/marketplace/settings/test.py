from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "accounts.sms.LocmemBackend"
ZALO_BACKEND = "notifications.gateways.zalo.LocmemBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Tests render templates without running collectstatic first.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CHROMIUM_PATH = "/usr/bin/chromium"
# A refused Elasticsearch query fails the test instead of passing on the database's answer.
SEARCH_FAIL_LOUD = True
# Pages are kept only in the tests of the page cache and the browser journeys, where
# purges run on commit (tests/marketplace/test_page_cache.py, tests/e2e/conftest.py).
PAGE_CACHE_ENABLED = False
# One process: an in-memory cache, emptied between tests (see tests/conftest.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
