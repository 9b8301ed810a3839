"""Settings shared by every environment.

Everything that differs between machines comes from environment variables; the
defaults are the embedded set-up: SQLite under var/, local media, console
e-mail, database search, tasks run in-process, no external service.
"""

import json
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "marketplace",
    "accounts",
    "areas",
    "catalog",
    "producers",
    "search",
    "reports",
    "orders",
    "payments",
    "notifications",
    "compliance",
    "taxes",
    "privacy",
    "complaints",
    "harvests",
    "prices",
    "wholesale",
    "traceability",
    "reviews",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "marketplace.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outermost first: compressed, then answered 304 when the browser has it, then kept.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "marketplace.page_cache.PageCacheMiddleware",
    "marketplace.middleware.PersonalPagesNotStoredMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Cookies a cache in front and the page's script read instead of the session.
    "marketplace.page_cache.GuestMarkerMiddleware",
    "orders.middleware.CartCountCookieMiddleware",
    "accounts.middleware.RegulationsAcceptedMiddleware",
    "marketplace.middleware.RejectNullBytesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]
# Load tests read each request's SQL query count from a header (bench/load).
if os.environ.get("QUERY_COUNT_HEADER", "0") == "1":
    MIDDLEWARE.insert(0, "marketplace.middleware.QueryCountMiddleware")

# Public and portal pages run scripts and styles from this site only (no inline
# code, no CDN). The Wagtail admin, which needs inline scripts, is left to its own.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # blob: the photo previews enhance.js draws from the chosen file, before upload.
        "img-src": ["'self'", "data:", "blob:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        # Paying by card leaves the site for Stripe Checkout (a redirect after a POST).
        "form-action": ["'self'", "https://checkout.stripe.com"],
        "frame-ancestors": ["'none'"],
    },
}

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "orders.context_processors.new_orders",
            ],
        },
    },
]

# Database: DATABASE_URL, any URL dj-database-url understands (sqlite:/// too).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        # A connection kept from before a database restart is checked before reuse, so
        # the first requests after the restart do not fail on it.
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LockoutBackend",  # django-axes: refuses locked-out log-ins first
    "accounts.backends.PhoneBackend",  # farmers log in with their phone number
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"

# Log-in lockout (django-axes, counted in the database, so across app processes):
# five failures for one phone from one address lock that pair for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
# Wrong passwords for one phone, from all addresses together, before a texted code is
# needed as well (accounts.guesses).
LOGIN_GUESSES_PER_PHONE = int(os.environ.get("LOGIN_GUESSES_PER_PHONE", "20"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.backends.lockout_username"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "marketplace.throttling.client_ip"
# How many reverse proxies (nginx: 1) append to X-Forwarded-For in front of the app.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))

# One cache shared by every app process: throttles, breakers of the figures, facet
# names. The database by default (made by `createcachetable`); Redis or Memcached
# through CACHE_BACKEND and CACHE_LOCATION.
CACHES = {
    "default": {
        "BACKEND": os.environ.get("CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache"),
        "LOCATION": os.environ.get("CACHE_LOCATION", "django_cache"),
    }
}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # A cache that is away answers in half a second, never hangs a page.
    CACHES["default"]["OPTIONS"] = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
RATELIMIT_USE_CACHE = "default"
# A shared cache that is away lets attempts through (logged) rather than refusing every
# visitor; log-in guesses stay limited by django-axes, in the database.
RATELIMIT_FAIL_OPEN = True
# Public pages kept for visitors without a session and purged by what changes them
# (marketplace/page_cache.py). The lifetime only bounds what an unforeseen change could
# leave: every change the site makes purges at once.
PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE", "1") == "1"
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Caches in front of the app that keep the same pages (Varnish with xkey: the stack,
# deploy/varnish/), by the address that takes their PURGE; none embedded.
FRONT_CACHE_URLS = [url for url in os.environ.get("FRONT_CACHE_URLS", "").split(",") if url]
FRONT_CACHE_PURGE_AGAIN_SECONDS = 1.0
# Off only for load tests from one address (bench/); never in production.
RATELIMIT_ENABLE = os.environ.get("RATELIMIT_ENABLE", "1") == "1"
RATELIMIT_IP_META_KEY = "marketplace.throttling.client_ip"
LOGIN_REDIRECT_URL = "producers:portal"
LOGOUT_REDIRECT_URL = "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first, English second; times in the province's zone.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.AdminLoginForm"

# Our catalogue first; then Vietnamese for Wagtail and Django strings upstream lacks.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_upstream"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
FORMAT_MODULE_PATH = ["marketplace.formats"]
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Certificate scans: outside MEDIA_ROOT, served only by permission-checked views.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "marketplace.storage.PrivateFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads in S3-compatible object storage when S3_BUCKET is set, so that app instances on
# several machines share them: photos in S3_BUCKET (publicly readable, served from the
# storage's own address, never the site's), certificate scans in S3_PRIVATE_BUCKET
# (private; the site reads them for its checked view, or hands out 5-minute signed URLs).
S3_BUCKET = os.environ.get("S3_BUCKET", "")
if S3_BUCKET:
    from marketplace.storage import s3_options

    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": s3_options(S3_BUCKET, querystring_auth=False),
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": s3_options(
            os.environ.get("S3_PRIVATE_BUCKET", f"{S3_BUCKET}-private"),
            querystring_auth=True,
            querystring_expire=300,
        ),
    }

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# With django.core.mail.backends.filebased.EmailBackend: one file per message here.
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
# A mail server that hangs must not hold a buyer's or farmer's request for long.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Chợ Nông Sản <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Text messages (one-time codes, security notices): a dotted path like EMAIL_BACKEND.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "accounts.sms.ConsoleBackend")
# Zalo ZNS template messages, same shape (send(phone, message)); the console by default.
ZALO_BACKEND = os.environ.get("ZALO_BACKEND", "notifications.gateways.zalo.ConsoleBackend")
# Our message kinds and the ids Zalo gave their registered templates, as JSON:
# {"producer_notice": "248157", "buyer_order": "248158"}. A kind without one goes by SMS.
ZALO_TEMPLATES = json.loads(os.environ.get("ZALO_TEMPLATES", "{}"))
ZALO_ZNS_URL = os.environ.get("ZALO_ZNS_URL", "https://business.openapi.zalo.me/message/template")
ZALO_OAUTH_URL = os.environ.get("ZALO_OAUTH_URL", "https://oauth.zaloapp.com/v4/oa/access_token")
ZALO_APP_ID = os.environ.get("ZALO_APP_ID", "")
ZALO_APP_SECRET = os.environ.get("ZALO_APP_SECRET", "")
# The first tokens of the Official Account; renewed ones are kept in the database.
ZALO_ACCESS_TOKEN = os.environ.get("ZALO_ACCESS_TOKEN", "")
ZALO_REFRESH_TOKEN = os.environ.get("ZALO_REFRESH_TOKEN", "")
# eSMS.vn (SMS_BACKEND=notifications.gateways.esms.EsmsBackend): keys and the brandname.
ESMS_URL = os.environ.get(
    "ESMS_URL", "https://rest.esms.vn/MainService.svc/json/SendMultipleMessage_V4_post_json/"
)
ESMS_API_KEY = os.environ.get("ESMS_API_KEY", "")
ESMS_SECRET_KEY = os.environ.get("ESMS_SECRET_KEY", "")
ESMS_BRANDNAME = os.environ.get("ESMS_BRANDNAME", "")
# Seconds a gateway may take; a slow one only delays the message (it is retried).
GATEWAY_TIMEOUT = float(os.environ.get("GATEWAY_TIMEOUT", "5"))
# Texts without diacritics are GSM-7: 160 characters a message instead of 70.
SMS_UNACCENTED = os.environ.get("SMS_UNACCENTED", "1") == "1"

# Sellers' identity (compliance): Fernet keys for ID numbers, newest first (comma-separated;
# derived from SECRET_KEY when empty), the key of their lookup hash, and the identity
# provider: an OpenID Connect client by default, pointed at the provider the operator is
# granted (VNeID's, through the Ministry of Public Security's C06 integration).
IDENTITY_KEYS = env_list("IDENTITY_KEYS")
IDENTITY_HASH_KEY = os.environ.get("IDENTITY_HASH_KEY", "")
IDENTITY_BACKEND = os.environ.get("IDENTITY_BACKEND", "compliance.providers.OpenIDConnect")
IDENTITY_OIDC_ISSUER = os.environ.get("IDENTITY_OIDC_ISSUER", "")
IDENTITY_OIDC_CLIENT_ID = os.environ.get("IDENTITY_OIDC_CLIENT_ID", "")
IDENTITY_OIDC_CLIENT_SECRET = os.environ.get("IDENTITY_OIDC_CLIENT_SECRET", "")
IDENTITY_OIDC_SCOPE = os.environ.get("IDENTITY_OIDC_SCOPE", "openid profile")
# The ID token or userinfo claim that holds the 12-digit citizen ID number.
IDENTITY_OIDC_ID_CLAIM = os.environ.get("IDENTITY_OIDC_ID_CLAIM", "citizen_id")

# Background tasks: run in-process (the embedded set-up) unless TASKS_BACKEND=database,
# where they wait in the database for the worker (manage.py db_worker).
TASKS_BACKEND = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}.get(os.environ.get("TASKS_BACKEND", "immediate"), os.environ.get("TASKS_BACKEND"))
TASKS = {"default": {"BACKEND": TASKS_BACKEND}}

# Search: Elasticsearch when ELASTICSEARCH_URL is set (one node, or several
# separated by commas), the database otherwise.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "chonongsan")
# Inside a request: about a second, no retries, then the database answers. After
# BREAKER_FAILURES outages in a row each app process skips Elasticsearch for
# BREAKER_COOLDOWN seconds. Commands and workers wait longer. Keep gunicorn's
# --timeout well above all of these.
ELASTICSEARCH_REQUEST_TIMEOUT = float(os.environ.get("ELASTICSEARCH_REQUEST_TIMEOUT", "1"))
ELASTICSEARCH_BACKGROUND_TIMEOUT = float(os.environ.get("ELASTICSEARCH_BACKGROUND_TIMEOUT", "30"))
ELASTICSEARCH_BREAKER_FAILURES = int(os.environ.get("ELASTICSEARCH_BREAKER_FAILURES", "3"))
ELASTICSEARCH_BREAKER_COOLDOWN = float(os.environ.get("ELASTICSEARCH_BREAKER_COOLDOWN", "30"))
# Replicas of each index once built (0 on one node; 1 or more on a cluster).
ELASTICSEARCH_REPLICAS = int(os.environ.get("ELASTICSEARCH_REPLICAS", "0"))
# A query Elasticsearch refuses (400, missing alias) is a bug: raise instead of falling back.
SEARCH_FAIL_LOUD = os.environ.get("SEARCH_FAIL_LOUD", "0") == "1"
# Site pages: Wagtail's backends. The database backend is kept up to date beside
# Elasticsearch so that the page search has somewhere to fall back to.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS["database"] = WAGTAILSEARCH_BACKENDS["default"]
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": "wagtail.search.backends.elasticsearch8",
        "URLS": env_list("ELASTICSEARCH_URL"),
        "INDEX_PREFIX": f"{ELASTICSEARCH_INDEX_PREFIX}_wagtail_",
        # For indexing pages (publish, update_index); searches get the request timeout.
        "TIMEOUT": 5,
        "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
    }

# Stripe: the secret key, the webhook signing secret and, for stripe-mock or a
# proxy, another API base.
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "")
# Stripe is called while a buyer waits: a short timeout and one retry (calls carry
# idempotency keys, so a retry never charges or refunds twice).
STRIPE_TIMEOUT = float(os.environ.get("STRIPE_TIMEOUT", "5"))
# A webhook signed longer ago than this is a replay.
STRIPE_WEBHOOK_TOLERANCE = 300
# How long an order paid before delivery holds its stock. Stripe Checkout sessions
# last at least 30 minutes, so the card hold is a little longer than that.
PAYMENT_CARD_HOLD_MINUTES = 35
PAYMENT_TRANSFER_HOLD_HOURS = int(os.environ.get("PAYMENT_TRANSFER_HOLD_HOURS", "48"))
# Orders waiting for their money that one phone may hold at once: each holds stock, so
# without a cap anyone could hold a farm's whole harvest for free (the hostile test).
ORDERS_MAX_UNPAID_PER_PHONE = int(os.environ.get("ORDERS_MAX_UNPAID_PER_PHONE", "3"))
# Money a producer owes back (a bank transfer for a cancelled part) shows as overdue on
# the officials' admin home after this many days.
PAYMENT_RETURN_DAYS = int(os.environ.get("PAYMENT_RETURN_DAYS", "3"))
# Days a pre-order's buyer has to pay the balance once it is weighed.
PAYMENT_BALANCE_DAYS = int(os.environ.get("PAYMENT_BALANCE_DAYS", "3"))

# The province this marketplace serves, by its 2025 code: 82 is Đồng Tháp, which
# since 1 July 2025 includes the former Tiền Giang province.
HOME_PROVINCE_CODE = int(os.environ.get("HOME_PROVINCE_CODE", "82"))
# Every province this installation serves (comma-separated codes); the home province alone
# by default. Producers register in any of them; each has its page at /tinh/<slug>/.
SERVED_PROVINCES = [
    int(code)
    for code in os.environ.get("SERVED_PROVINCES", str(HOME_PROVINCE_CODE)).split(",")
    if code.strip()
]
# Defaults of the marketplace identity officials edit in the admin (Settings).
MARKETPLACE_NAME = os.environ.get("MARKETPLACE_NAME", "Chợ Nông Sản")
HOME_PROVINCE_NAME = os.environ.get("HOME_PROVINCE_NAME", "Đồng Tháp")
# The first line of the officials' spreadsheet reports.
REPORT_AGENCY = os.environ.get("REPORT_AGENCY", f"{MARKETPLACE_NAME} – tỉnh {HOME_PROVINCE_NAME}")

WAGTAIL_SITE_NAME = "Chợ Nông Sản"
# The site's address as buyers reach it: every link in every message is built from it,
# never from a request's Host header (which a client chooses).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
# The superuser's admin would call Wagtail's release server; nothing leaves the site.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Python lists "localtime" among the zones on Debian; browsers refuse it by that name.
WAGTAIL_USER_TIME_ZONES = ["Asia/Ho_Chi_Minh"]
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
# Editors' documents (linked from pages) go through Wagtail's serve view, always as
# attachments with "default-src 'none'"; /media/documents/ is never served.
WAGTAILDOCS_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# Phone photos are large, but not this large; the pixel cap stops decompression bombs.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "heic", "avif"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Every page save and background task logs at INFO; keep those quiet.
    "loggers": {
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# Serve uploads from Django itself (the embedded set-up); off where a web
# server or object storage serves them.
SERVE_MEDIA = os.environ.get("SERVE_MEDIA", "1") == "1"

# Fonts with Vietnamese glyphs for the printable product labels (regular, bold).
LABEL_FONTS = {
    False: ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"],
    True: ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"],
}
