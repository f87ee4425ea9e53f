"""Finsam settings: every value comes from the environment, with defaults for a newcomer's machine."""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    return os.getenv(name, default).strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: str) -> int:
    return int(os.getenv(name, default))


def envsecret(name: str, default: str = "") -> str:
    """Read a secret from NAME, or from the file named by NAME_FILE (Docker/Kubernetes secrets)."""
    path = os.getenv(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.getenv(name, default)


# ---------------------------------------------------------------- Core
DEBUG = envbool("DEBUG", "True")
SECRET_KEY = envsecret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY måste sättas när DEBUG är av.")
    # A newcomer's machine: a random key kept in a git-ignored file, so logins survive restarts.
    _dev_key = BASE_DIR / ".dev-secret-key"
    if not _dev_key.exists():
        from django.core.management.utils import get_random_secret_key

        _dev_key.write_text(get_random_secret_key())
    SECRET_KEY = _dev_key.read_text().strip()
ALLOWED_HOSTS = [h for h in os.getenv("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.getenv("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "core.apps.FinsamAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "import_export",
    "simple_history",
    "axes",
    "core",
    "forbund",
    "insatser",
    "ekonomi",
    "statistik",
    "security",
    "rapportering",
    "konton",
    "utfall",
    "publicering",
    "synpunkter",
    "rapport",
    "revision",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Early: a view that cannot reach the database answers 503 (middleware faults: security.middleware.server_error).
    "security.middleware.DatabaseUnavailableMiddleware",
    # A NUL character anywhere in the request is a 400 before any view or query (PostgreSQL cannot store it).
    "core.middleware.NulTeckenMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the switch's cookie (set at /i18n/setlang/), Swedish otherwise; URLs carry no prefix.
    "core.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "security.middleware.NoStoreMiddleware",
    "security.sessions.IdleSessionMiddleware",
    # A form sent after the session ended comes back filled in once the user has logged in again.
    "security.sessions.UnsavedFormMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that a locked-out login is answered before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "finsam.urls"
WSGI_APPLICATION = "finsam.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                # LANGUAGE_CODE for <html lang>: the admin site's templates read it from the context.
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "security.sessions.session_timing",
                "forbund.context_processors.roller",
            ],
        },
        # No "loaders": Django then uses its cached template loader (each template is parsed once per process), in
        # production and, since Django 4.1, with DEBUG on too (it reloads a changed template in development).
    },
    {
        # The few templates that loop over thousands of cells (core/tabell.html, the table every page table is
        # rendered with, and the förbund dropdown) are Jinja2, included from the Django templates with
        # {% jinja "..." %} (core/templatetags/jinja.py). Measured for a table of 700 förbund × 11 columns: the Django
        # template language took ~10 times as long as Jinja2 (which was as fast as the HTML once built in Python).
        # Jinja2 autoescapes here (Django's backend turns it on) and caches compiled templates itself.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "core.jinja.environment"},
    },
]

# ---------------------------------------------------------------- Database
# No DATABASE_URL: an SQLite file next to manage.py, so a newcomer needs nothing else.
DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("CONN_MAX_AGE", "60"),
        conn_health_checks=True,
    )
}
# Querysets read with iterator() (a form's choices: inriktningar, målgrupper, län) are small: fetched in one round
# trip instead of a PostgreSQL cursor's three (DECLARE, FETCH, CLOSE); also what a transaction-pooling proxy needs.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------- Cache
# The national statistics are cached under the data version (core.dataversion), so the cache is never stale; it
# must be shared by every gunicorn worker (a per-process cache would compute each figure once per worker and hold a
# copy in each worker's memory). Default: files in CACHE_DIR (one machine). Several machines: CACHE_BACKEND=database
# (run `manage.py createcachetable` once). Tests use the local-memory cache (settings_test).
CACHE_DIR = Path(os.getenv("CACHE_DIR", BASE_DIR / "cache"))
CACHES = {
    "default": {
        "file": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": CACHE_DIR,
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
        "database": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "finsam_cache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }[os.getenv("CACHE_BACKEND", "file")]
}

# ---------------------------------------------------------------- Auth
AUTHENTICATION_BACKENDS = [
    # axes first: it refuses a locked-out login before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "forbund.backends.RollBackend",
    # An administratör may see and revoke API keys (never read them): security.admin.
    "security.backends.ApiNyckelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

# Brute force: after AXES_FAILURE_LIMIT failed logins for one username from one address, lock for a while.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", "15") / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = envbool("AXES_ENABLED", "True")

# ---------------------------------------------------------------- Sessions and API keys
# A session ends after SESSION_IDLE_MINUTES without a request (security.sessions.IdleSessionMiddleware moves the end)
# and at logout. Pages warn SESSION_WARNING_SECONDS before, with a button that keeps the session (static/js/session.js).
SESSION_IDLE_MINUTES = envint("SESSION_IDLE_MINUTES", "30")
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_WARNING_SECONDS = envint("SESSION_WARNING_SECONDS", "120")
# An API key stops working this many days after it was created; the user makes a new one under Mina API-nycklar.
API_TOKEN_DAGAR = envint("API_TOKEN_DAGAR", "90")

# ---------------------------------------------------------------- Language and time
LANGUAGE_CODE = "sv"
# Swedish is the default; English from the language switch in every page's header (locale/, README "Language").
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

# ---------------------------------------------------------------- Static files
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Uploaded files (Försäkringskassan's report templates, rapport.RapportMall); never served without a login check.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"
# Percentage points: "avrundade" = shares rounded to whole percent, then subtracted (the report's), or "exakta".
PROCENTENHETER = os.environ.get("PROCENTENHETER", "avrundade")

# ---------------------------------------------------------------- Security (production)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
# Production (DEBUG off) defaults to HTTPS only: redirect, a year of HSTS. Set SECURE_SSL_REDIRECT=false only when
# the proxy in front redirects itself, and SECURE_HSTS_* when the whole domain is ready for preload.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", str(not DEBUG))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_PROXY", "False") else None
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", str(not DEBUG))
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", str(not DEBUG))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy: scripts and styles only from our own static files (no inline code, no event handler
# attributes); a template that needs an inline block uses {{ csp_nonce }} (the admin does for a few styles).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# ---------------------------------------------------------------- REST API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "security.authentication.ExpiringTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PARSER_CLASSES": [
        "core.api.NulFriJSONParser",
        "core.api.NulFriFormParser",
        "core.api.NulFriMultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.api.Sidindelning",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "core.schema.FinsamSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Finsam API",
    "DESCRIPTION": "Uppföljning av samordningsförbund: insatser, ekonomi och statistik.",
    "VERSION": "1.0.0",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
}

# ---------------------------------------------------------------- History
# Old versions are for reading: a revert would bypass the services' rules (see core.admin_site.HistoryViewOnlyMixin).
SIMPLE_HISTORY_REVERT_DISABLED = True

# ---------------------------------------------------------------- Import/export
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# ---------------------------------------------------------------- Email
# SMTP from the environment (Django 6.1's MAILERS); the console in development.
MAILERS = {
    "default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if DEBUG and not os.getenv("EMAIL_HOST")
    else {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.getenv("EMAIL_HOST", "localhost"),
            "port": envint("EMAIL_PORT", "587"),
            "username": os.getenv("EMAIL_HOST_USER", ""),
            "password": envsecret("EMAIL_HOST_PASSWORD"),
            "use_tls": envbool("EMAIL_USE_TLS", "True"),
        },
    }
}
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "finsam@localhost")
# Addresses that also get the accessibility feedback (synpunkter), besides every administratör with an e-mail address.
ADMINS = [a.strip() for a in os.getenv("ADMINS", "").split(",") if a.strip()]

# ---------------------------------------------------------------- Finsam
# The registry's structure (förbund and memberships) is complete from this date: the shipped reference data is
# taken from the 2023 and 2024 reports. Pages showing an earlier date say the structure may be incomplete.
REGISTER_KOMPLETT_FRAN = os.getenv("REGISTER_KOMPLETT_FRAN", "2023-01-01")
# Reminders to förbund that have not submitted: days relative to the round's deadline (manage.py skicka_paminnelser,
# run daily), and the address links in e-mails start with.
# The first year whose reporting round locks by date without being set up (earlier years lock when approved).
RAPPORTERING_FRAN_AR = envint("RAPPORTERING_FRAN_AR", "2026")
PAMINNELSE_DAGAR = [int(d) for d in os.getenv("PAMINNELSE_DAGAR", "-14,-3,1").split(",") if d.strip()]
FINSAM_BAS_URL = os.getenv("FINSAM_BAS_URL", "http://127.0.0.1:8000")
# Published counts of people below this are hidden (docs/publicering.md); the open API's limit per client (IP).
PUBLICERING_TROSKEL = envint("PUBLICERING_TROSKEL", "5")
OPPEN_API_GRANS = os.getenv("OPPEN_API_GRANS", "600/minute")

# ---------------------------------------------------------------- Logging
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "WARNING")},
}
