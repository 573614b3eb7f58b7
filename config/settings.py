"""Settings for every environment, read from environment variables (12-factor).

Safe by default: DEBUG is off and SECRET_KEY has no fallback unless DEBUG is on,
so a production server that forgets its environment refuses to start instead of
running with a development key.  `.env` beside manage.py is read when present.
"""

import datetime
import sys
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core.editorial import spreadsheets

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (or in .env) for production, "
            "or set DEBUG=true for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. List the host names this site answers to, "
        "comma separated, e.g. ALLOWED_HOSTS=workshops.example.org."
    )
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "core",
    # Translated content fields; before the admin, as django-modeltranslation asks.
    "modeltranslation",
    # Django's admin on core.editorial.site.AdminSite: two-factor login with ADMIN_REQUIRE_2FA.
    "core.editorial.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # /sitemap.xml
    # Security: CSP header, login throttling, TOTP devices for two-factor login.
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Editorial workflow: revision history with restore; spreadsheet import/export.
    "simple_history",
    "import_export",
    # What "public" means and who may publish: below the content apps, above core.
    "publishing",
    "organizations",
    "series",
    "workshops",
    "search",  # above every content app: imports them all, nothing imports it
    # Delegates register for workshops (above workshops); their e-mails wait in
    # django-post-office's queue in the database until `send_mail_worker` sends them.
    "post_office",
    "registrations",
]
# The benchmark's data generator (`generate_bench_data`; no models, no URLs) needs the
# development packages factory-boy and Faker, so it is an app only where they are installed:
# with DEBUG, in the tests and in `make bench` (BENCHMARKS=true), never in production.
BENCHMARKS = env.bool("BENCHMARKS", default=DEBUG)
if BENCHMARKS:
    INSTALLED_APPS.append("benchmarks")

MIDDLEWARE = [
    # First, so that the log line of each request (id, status, duration) covers
    # every other middleware; the site's own 503 page when the database does not answer.
    "core.infrastructure.middleware.RequestLogMiddleware",
    "core.infrastructure.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.infrastructure.security.AllowedMethodsMiddleware",
    # Above whitenoise, so that static files get the same headers as pages.
    "csp.middleware.CSPMiddleware",
    "core.infrastructure.security.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous pages from the cache, before the session is read (core/infrastructure/cache.py).
    "core.infrastructure.cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of public pages (from the path) and of the admin (from the browser).
    "core.infrastructure.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Staff sessions end after an idle time and at an absolute limit (docs/security.md).
    "core.infrastructure.security.StaffSessionTimeoutMiddleware",
    # Records which staff member made each change in the revision history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
SITE_NAME = env.str("SITE_NAME", default="UN Workshop Series")
# The admin's header and browser-tab title; empty: "<SITE_NAME> — staff" in the staff
# member's language.
ADMIN_SITE_HEADER = env.str("ADMIN_SITE_HEADER", default="")
# Where readers report an accessibility barrier (an e-mail address); shown on /accessibility/.
ACCESSIBILITY_CONTACT = env.str("ACCESSIBILITY_CONTACT", default="")
WSGI_APPLICATION = "config.wsgi.application"

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
                "core.context_processors.site",
            ],
        },
    },
]

# SQLite file by default so a newcomer needs no server; PostgreSQL (psycopg 3)
# when DATABASE_URL=postgres://user:password@host:5432/name.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# `manage.py loaddata key_migration_issues` finds the shipped series by its name, as Django
# finds any fixture; `load_content` (setup_site) loads it with every record checked.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
# Give up on an unreachable PostgreSQL after a few seconds: readers get the 503 page quickly
# instead of waiting for the system's TCP timeout (libpq counts whole seconds, at least 2).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=3)
    )
# Opt-in read replica: public pages read from it, the admin and staff from the primary
# (core/infrastructure/routers.py and docs/deployment.md say why).
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = {**DATABASES["default"], **env.db("DATABASE_REPLICA_URL")}
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["core.infrastructure.routers.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(2, "core.infrastructure.routers.ReadFromPrimaryMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Local memory by default; Redis (Django's own backend) with CACHE_URL=redis://host:6379/0.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # A Redis that does not answer fails within a second instead of holding every request.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("socket_connect_timeout", 1)
    CACHES["default"]["OPTIONS"].setdefault("socket_timeout", 1)
# The page cache (core/infrastructure/cache.py, docs/deployment.md): anonymous readers' pages
# are kept in the cache (PAGE_CACHE=false turns that off, not the HTTP headers) and may be kept
# by browsers and proxies for the seconds below. The content version, which says whether a
# kept page is still current, must be shared by every process: local memory is not, so with
# it the version lives in a file.
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=24 * 60 * 60)
PUBLIC_CACHE_MAX_AGE = env.int("PUBLIC_CACHE_MAX_AGE", default=60)
PUBLIC_CACHE_S_MAXAGE = env.int("PUBLIC_CACHE_S_MAXAGE", default=60)
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache":
    CACHES["content_version"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env.path("CONTENT_VERSION_DIR", default=BASE_DIR / ".content-version"),
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "core.infrastructure.security.UsernameInPasswordValidator"},
]

# The six official languages of the United Nations, in the UN's own order.
# English is the source language: content falls back to it, and it is served at the bare
# paths (/series/…) as well as the other five under their prefix (/fr/series/…).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
# The site's own time zone: staff enter and read publish-at times in it, and the admin
# names it beside every time. Times are stored in UTC whatever it is (USE_TZ). A workshop's
# own times are local to its venue (its `time_zone`), not to this.
TIME_ZONE = env.str("TIME_ZONE", default="America/New_York")
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates read "18 October 2005", as the United Nations writes them (config/formats/).
FORMAT_MODULE_PATH = ["config.formats"]
# Translated content (docs/architecture.md): a field left empty in the reader's
# language shows the English text, marked as such ({% translated %} in core/templatetags).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# Records created without naming a language (fixtures, imports, factories) are English.
MODELTRANSLATION_AUTO_POPULATE = "default"

STATIC_URL = "static/"
# An environment variable so that `make bench` collects into a folder of its own.
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed (gzip and brotli) files with far-future caching.
        # DEBUG serves unhashed files so that editing CSS needs no collectstatic.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# HTTPS behind a proxy that sets X-Forwarded-Proto; off unless the proxy is trusted.
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    # Preloading commits the whole registrable domain, every subdomain included, for months,
    # and only that domain's owner can submit it: a site on an agency's subdomain cannot.
    # So it stays opt-in, and the deploy check's reminder about it (W021) is silenced.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if SESSION_COOKIE_SECURE:
    # Browsers accept a __Host- cookie only when it is Secure, has Path=/ and no Domain:
    # no subdomain and no plain-HTTP page can set or overwrite it. Not in DEBUG, where the
    # local server is plain HTTP and the cookies are not Secure.
    SESSION_COOKIE_NAME = "__Host-sessionid"
if CSRF_COOKIE_SECURE:
    CSRF_COOKIE_NAME = "__Host-csrftoken"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
# Production logs JSON lines to standard output (core/infrastructure/logging.py), readable
# text with DEBUG; LOG_FORMAT=json or text chooses. Every line carries its request's id.
LOGGING["filters"] = {"request_id": {"()": "core.infrastructure.logging.RequestIdFilter"}}
LOGGING["filters"]["client_error"] = {"()": "core.infrastructure.logging.ClientErrorFilter"}
LOGGING["loggers"] = {"django.security.DisallowedHost": {"filters": ["client_error"]}}
LOGGING["formatters"] = {
    "json": {"()": "core.infrastructure.logging.JsonFormatter"},
    "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
}
LOGGING["handlers"]["console"].update(
    filters=["request_id"],
    formatter=env.str("LOG_FORMAT", default="text" if DEBUG else "json"),
    # Management commands write their own output to stdout (`dumpdata > file.json`): their
    # log lines go to stderr, so that no log line ends up inside that output.
    stream="ext://sys.stderr" if Path(sys.argv[0]).name == "manage.py" else "ext://sys.stdout",
)

# Editorial workflow. Imports run in one transaction: one bad row writes nothing.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Export needs the view permission (Editors and Publishers); import is limited to Publishers
# in the ModelAdmins themselves.
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# CSV and XLSX for every admin's import and export, with formula cells neutralised
# (core/editorial/spreadsheets.py): these override the `formats` each ModelAdmin names.
IMPORT_FORMATS = EXPORT_FORMATS = spreadsheets.FORMATS
# The uploaded file waits between preview and confirm in the uploads' storage (MEDIA_ROOT,
# shared by every app server as documents need, or object storage): the confirm may reach
# another worker or server. The cache was not enough: with the default per-process cache,
# a confirm that reached another gunicorn worker failed.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.MediaStorage"

# --- Security: docs/security.md explains each of these. ---

# Content-Security-Policy (django-csp 4). Nothing inline: every script and stylesheet is a
# static file, for the site and the admin alike, so neither 'unsafe-inline' nor
# 'unsafe-eval' is needed. JSON-LD <script type="application/ld+json"> is data, which
# browsers never run, so the policy does not have to allow it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}
# Other sites may not embed this site's responses (documents, images, data) in theirs.
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
# A staff session ends after this many minutes without a request, and this many hours after
# sign-in in any case (a session cookie otherwise lasts SESSION_COOKIE_AGE, two weeks).
STAFF_SESSION_IDLE_MINUTES = env.int("STAFF_SESSION_IDLE_MINUTES", default=60)
STAFF_SESSION_MAX_HOURS = env.int("STAFF_SESSION_MAX_HOURS", default=12)
# Browser features the site does not use, switched off for it and anything it embeds.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
    "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), "
    "picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), usb=(), "
    "xr-spatial-tracking=()"
)

# The admin's address, "admin/" by default; another address keeps it out of scanners' lists.
ADMIN_URL = env.str("ADMIN_URL", default="admin/").strip("/") + "/"
if ADMIN_URL == "/":
    raise ImproperlyConfigured("ADMIN_URL is empty. Leave it unset for /admin/, or name a path.")
# After signing in, staff land on the admin's index: also when the login's `next` was refused
# (another site's address), where Django would otherwise send them to /accounts/profile/.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
# Staff must confirm each sign-in with a code from an authenticator app (django-otp TOTP).
ADMIN_REQUIRE_2FA = env.bool("ADMIN_REQUIRE_2FA", default=False)
OTP_TOTP_ISSUER = SITE_NAME

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed sign-ins for one username
# from one address, that pair is refused for the cool-off time. Per pair, so that nobody can
# lock a colleague out from elsewhere, nor lock out everyone behind one address.
AUTHENTICATION_BACKENDS = [
    "core.infrastructure.security.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.infrastructure.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "core.infrastructure.security.client_ip"
AXES_VERBOSE = False  # no banner on every manage.py command; lockouts are still logged
# How many proxies in front of the app servers append to X-Forwarded-For. 0: the client is
# REMOTE_ADDR. Behind one proxy (1), the client is the address that proxy appended.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# The proxies' own addresses or networks (10.0.0.0/8, 127.0.0.1): X-Forwarded-For is read
# only from requests that come from one of them. Empty: from any peer, which is safe only
# when the app servers listen on loopback or a private interface (the deploy check says so).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
# Failed sign-ins from one address, whatever the usernames, before that address is refused
# for the cool-off time: above AXES_FAILURE_LIMIT, so that a team behind one address is not
# locked out by one colleague, low enough that trying username after username stops soon.
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=20)

# The longest text a multi-line field (a summary, a description: Markdown) may hold, in
# characters. The longest in the shipped series has about 1,500 (about 1,500 words fit in
# 10,000); rendering Markdown costs time linear in it (docs/benchmarks.md).
TEXT_MAX_LENGTH = env.int("TEXT_MAX_LENGTH", default=10_000)

# Uploaded documents: largest size in megabytes (workshops/uploads.py checks type and size).
DOCUMENT_MAX_UPLOAD_SIZE = env.int("DOCUMENT_MAX_UPLOAD_MB", default=25) * 1024 * 1024

# /.well-known/security.txt (RFC 9116): where to report a vulnerability, and until when that
# holds. In production it is served only when both are set: better none than a made-up one.
SECURITY_CONTACT = env.str("SECURITY_CONTACT", default="")
SECURITY_TXT_EXPIRES = env.str("SECURITY_TXT_EXPIRES", default="")

# --- Registration and its e-mail (docs/registration.md) ---

# Where mail goes: smtp://user:password@host:587 (smtp+tls://, smtp+ssl://), or
# consolemail:// to print it (the default with DEBUG, as `make run` has).
EMAIL_CONFIG = env.email_url(
    "EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"
)
vars().update(EMAIL_CONFIG)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="workshops@localhost")
# Every e-mail is queued in the database (django-post-office) and sent by the worker,
# `manage.py send_mail_worker`, which retries a failed one after MAIL_RETRY_SECONDS, then
# twice that, four times… up to MAIL_MAX_RETRIES times.
POST_OFFICE = {
    "BACKENDS": {"default": EMAIL_BACKEND},  # noqa: F821 (set from EMAIL_CONFIG above)
    "DEFAULT_PRIORITY": "medium",
    "LOG_LEVEL": 2,  # every attempt, sent or failed, in the queue's own log table
    "MESSAGE_ID_ENABLED": True,
}
MAIL_RETRY_SECONDS = env.int("MAIL_RETRY_SECONDS", default=60)
MAIL_MAX_RETRIES = env.int("MAIL_MAX_RETRIES", default=10)
# How long the confirmation link of a registration works.
REGISTRATION_CONFIRM_HOURS = env.int("REGISTRATION_CONFIRM_HOURS", default=72)
# Days after a workshop's last day when `purge_registrations` removes its delegates'
# personal data (the counts stay).
REGISTRATION_RETENTION_DAYS = env.int("REGISTRATION_RETENTION_DAYS", default=90)
# Abuse limits (django-ratelimit, in the cache: CACHE_URL=redis://… shares them between
# app servers) on registering and confirming: per client address, and per e-mail address.
REGISTRATION_RATE_PER_ADDRESS = env.str("REGISTRATION_RATE_PER_ADDRESS", default="20/h")
REGISTRATION_RATE_PER_EMAIL = env.str("REGISTRATION_RATE_PER_EMAIL", default="5/h")
# Local memory (the default cache) counts per process: limits then hold per gunicorn worker,
# looser but still limits; CACHE_URL=redis://… makes them exact across app servers.
RATELIMIT_USE_CACHE = "default"
# Spreadsheet exports (registrations as much as content): a cell that starts like a formula
# is neutralised, so a delegate's name cannot run in staff's spreadsheet.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
