"""Smart Village settings: one file, every value from the environment.

Typed helpers fail loudly on a bad value (healthchecks style). Secrets may also be read from a
file: ``SECRET_KEY_FILE=/run/secrets/key`` wins over ``SECRET_KEY``.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import dj_email_url
import django_stubs_ext
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from smartvillage.core import observability as _observability

# Lets annotations such as admin.ModelAdmin[Commune] run (django-stubs' runtime companion).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def envstr(name: str, default: str) -> str:
    """``NAME``, or the content of the file named by ``NAME_FILE`` (which wins): every secret is
    read with this, so that it can come from a file (systemd credentials, Docker secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {path} ({exc})") from exc
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}") from exc


def envfloat(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw!r}") from exc


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in envstr(name, default).split(",") if item.strip()]


TESTING = "pytest" in sys.modules or (len(sys.argv) > 1 and sys.argv[1] == "test")

DEBUG = envbool("DEBUG", True)
_INSECURE_KEY = "insecure-dev-key-change-me-in-production"
SECRET_KEY = envstr("SECRET_KEY", _INSECURE_KEY)
if not DEBUG and SECRET_KEY in {"", _INSECURE_KEY}:
    raise ImproperlyConfigured("Set SECRET_KEY (or SECRET_KEY_FILE) when DEBUG=false")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_ROOT = envstr("SITE_ROOT", "http://127.0.0.1:8000")
SITE_NAME = envstr("SITE_NAME", "Smart Village Vercors")
CONTACT_EMAIL = envstr("CONTACT_EMAIL", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "csp",
    # Ninja's Swagger UI from its own static files (without it, from a CDN the CSP forbids).
    "ninja",
    # Before allauth: its templates (account/*, allauth/layouts/*) are overridden in accounts.
    "smartvillage.accounts",
    "allauth",
    "allauth.account",
    "smartvillage.core",
    "smartvillage.territory",
    "smartvillage.carsharing",
    "smartvillage.ondemand",
    "smartvillage.rideshare",
    "smartvillage.thirdplaces",
    "smartvillage.opendata",
    "smartvillage.hub",
    "smartvillage.seasonal",
    "smartvillage.planner",
    "smartvillage.impact",
]

MIDDLEWARE = [
    "smartvillage.core.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "smartvillage.urls"
WSGI_APPLICATION = "smartvillage.wsgi.application"

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
                "django.template.context_processors.i18n",
                "smartvillage.core.context_processors.site",
            ],
        },
    },
]

# Database: an SQLite file by default (zero setup), PostgreSQL in production via DATABASE_URL.
DATA_DIR = Path(envstr("DATA_DIR", str(PROJECT_DIR / "var")))
DATABASE_URL = envstr("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    (DATA_DIR / "static").mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "smartvillage.sqlite3"),
            # Wait for a writer instead of failing at once: several requests may write.
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; the hasher itself is not what the suite tests.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
SITE_ID = 1

# django-allauth: email login, mandatory confirmation, built-in login throttling.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {
    # Login throttling: 5 failed attempts per account per 5 minutes, 30 per IP per minute.
    "login_failed": envstr("LOGIN_FAILED_RATE_LIMIT", "10/m/ip,5/5m/key"),
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
# RATELIMIT_ENABLE=false switches off allauth's limits above and the booking limits
# (django-ratelimit, smartvillage.core.ratelimit): for load benchmarks only. Both count in the
# default cache.
RATELIMIT_ENABLE = envbool("RATELIMIT_ENABLE", True)
if not RATELIMIT_ENABLE:
    ACCOUNT_RATE_LIMITS = False  # type: ignore[assignment]
# Booking POSTs (web forms and API) per person and service: "number/period" (s, m, h, d).
BOOKING_RATE_LIMIT = envstr("BOOKING_RATE_LIMIT", "30/10m")
# Behind a reverse proxy every request comes from its address: the client's is then read from
# X-Forwarded-For, trusting that many proxies (1 behind one nginx), for allauth and our limits.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
ACCOUNT_ADAPTER = "smartvillage.accounts.adapter.AccountAdapter"
# The sign-up form also asks for a first and last name (optional).
ACCOUNT_FORMS = {"signup": "smartvillage.accounts.forms.SignupForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
# Invitations to join an organisation expire after this many days.
INVITATION_DAYS = envint("INVITATION_DAYS", 14)

# Email: EMAIL_URL such as smtp+tls://user:password@smtp.example.org:587; console by default.
EMAIL_URL = envstr("EMAIL_URL", "console:")
_email = dj_email_url.parse(EMAIL_URL)
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Smart Village <noreply@smartvillage.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# i18n: French first, English second.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Paris"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Leaflet's files come from the maintained django-leaflet package; it is not an installed app (its
# admin needs GeoDjango/GDAL, which we do not use): only its static folder is served.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    Path(importlib.util.find_spec("leaflet").origin).parent / "static",  # type: ignore[arg-type, union-attr]
]
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Maps: Leaflet's files come from the django-leaflet package; the tile server is a setting.
MAP_TILE_URL = envstr("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = envstr(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
MAP_CENTER = (envfloat("MAP_CENTER_LAT", 45.05), envfloat("MAP_CENTER_LON", 5.45))
MAP_ZOOM = envint("MAP_ZOOM", 10)

# Travel times (smartvillage.optim.traveltime): straight_line, osm or osrm.
TRAVEL_TIME_PROVIDER = envstr("TRAVEL_TIME_PROVIDER", "straight_line")
TRAVEL_TIME_OSM_PBF = envstr("TRAVEL_TIME_OSM_PBF", "")
TRAVEL_TIME_OSRM_URL = envstr("TRAVEL_TIME_OSRM_URL", "")

# Security: secure by default once DEBUG is off (manage.py check --deploy is clean).
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
# The load balancer's health check may come in plain HTTP from localhost.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# The preload flag only allows a submission to the browsers' preload list; it does not do it.
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
# Behind a TLS proxy (nginx) that sets X-Forwarded-Proto and strips the client's own: then
# Django knows the request was HTTPS. Set SECURE_PROXY_SSL_HEADER=false when Django itself
# faces the clients (a client could otherwise claim HTTPS).
if envbool("SECURE_PROXY_SSL_HEADER", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie (forms carry the token; Swagger UI gets it from the page).
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4): scripts only from our own static files, never inline
# (templates put their JS in static files and their data in data-* attributes or json_script).
# Inline style attributes remain allowed (a few templates use them; they cannot run code).
# Map tiles come from MAP_TILE_URL's server ({s} subdomains become a wildcard).
_tiles = urlsplit(MAP_TILE_URL.replace("{s}", "*"))
_TILE_ORIGINS = [f"{_tiles.scheme}://{_tiles.netloc}"] if _tiles.netloc else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [
            SELF,
            "data:",
            *([f"{_tiles.scheme}://{_tiles.netloc}"] if _tiles.netloc else []),
        ],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Where browsers report what the policy refused (a collector such as Sentry's CSP endpoint).
# Not a CSP_* setting: django-csp 4 takes those for its old configuration style.
_csp_report_uri = envstr("CSP_REPORT_URI", "")
if _csp_report_uri:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["report-uri"] = [_csp_report_uri]

# Logs: one line per record on stderr, with the request id; LOG_FORMAT=json for JSON lines (the
# default once DEBUG is off), text otherwise. See smartvillage.core.observability.
LOG_FORMAT = envstr("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}")
LOGGING = _observability.logging_config(fmt=LOG_FORMAT, level=envstr("LOG_LEVEL", "INFO"))

# Optional error reporting: sentry-sdk, only when SENTRY_DSN is set (pip install .[sentry]).
SENTRY_DSN = envstr("SENTRY_DSN", "")
_observability.init_sentry(
    SENTRY_DSN,
    environment=envstr("SENTRY_ENVIRONMENT", "production"),
    traces_sample_rate=envfloat("SENTRY_TRACES_SAMPLE_RATE", 0.0),
)

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    }
}
REDIS_URL = envstr("REDIS_URL", "")
if REDIS_URL:
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
    }

# On-demand transport: how long the operator's "re-optimise the day" searches (seconds).
ONDEMAND_OPTIMISE_SECONDS = envfloat("ONDEMAND_OPTIMISE_SECONDS", 10)

# Address search for on-demand transport: the French national address base (BAN) API, e.g.
# https://api-adresse.data.gouv.fr/search/ ; empty: only the territory's places and communes.
GEOCODER_URL = envstr("GEOCODER_URL", "")

# Text messages: a class with send(phone, text); the console backend prints them.
SMS_BACKEND = envstr("SMS_BACKEND", "smartvillage.core.notifications.ConsoleSmsBackend")

# CO2 figures use the versioned emission-factor table of the impact app (core/emissions.py,
# docs/impact.md). Third places: the travel time under which a commune counts as covered by a
# third place (minutes).
THIRDPLACES_COVERAGE_MINUTES = envfloat("THIRDPLACES_COVERAGE_MINUTES", 15)
# How far ahead repeating events of an imported iCalendar feed are expanded (days).
THIRDPLACES_IMPORT_HORIZON_DAYS = envint("THIRDPLACES_IMPORT_HORIZON_DAYS", 180)

# Hub: the largest file of the resources library (MB).
HUB_UPLOAD_MAX_MB = envint("HUB_UPLOAD_MAX_MB", 10)

# API tokens: how long a token may live by default (days, 0 = no expiry).
API_TOKEN_DEFAULT_DAYS = envint("API_TOKEN_DEFAULT_DAYS", 365)

# Background jobs (Celery on Redis, see docs/deployment.md). Without CELERY_BROKER_URL every task
# runs at once in the calling process (eager), so `make demo` needs no broker and no worker.
CELERY_BROKER_URL = envstr("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = TESTING or not CELERY_BROKER_URL  # tests with a broker switch it off
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True  # a task a dying worker had taken is given to another one
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# Sent notifications are kept this many days (idempotency records, core.Delivery).
DELIVERY_RETENTION_DAYS = envint("DELIVERY_RETENTION_DAYS", 30)
