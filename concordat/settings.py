"""Settings, driven by the environment.

SQLite in ``var/`` is the zero-setup default; set ``DATABASE_URL`` for PostgreSQL.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("CONCORDAT_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
# Development defaults, refused by concordat.wsgi and `check --deploy` when DEBUG is off
# (concordat/operations/checks.py).
DEVELOPMENT_KEYS = {
    "SECRET_KEY": "dev-only-insecure-key-change-me-in-production-0123456789",
    "REGISTER_HASH_KEY": "dev-only-register-key-change-me",
}
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_KEYS["SECRET_KEY"])
# Keyed hash of NHS numbers: a separate secret so rotating SECRET_KEY never orphans the register.
REGISTER_HASH_KEY = os.environ.get("REGISTER_HASH_KEY", DEVELOPMENT_KEYS["REGISTER_HASH_KEY"])
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks_db",
    "concordat.audit",
    "concordat.areas",
    "concordat.accounts",
    "concordat.notifications",
    "concordat.questionnaires",
    "concordat.returns",
    "concordat.imports",
    "concordat.analysis",
    "concordat.register",
    "concordat.commitments",
    "concordat.reminders",
    "concordat.public",
    "concordat.api",
    "concordat.govuk",
    "concordat.synthetic",
    "concordat.operations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "concordat.accounts.uploads.UploadSizeMiddleware",  # before anything reads a body (issue 11)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "concordat.accounts.middleware.IdleSessionMiddleware",
    "concordat.accounts.middleware.ForcePasswordChangeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "concordat.urls"
WSGI_APPLICATION = "concordat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "concordat.accounts.context_processors.navigation",
                "concordat.notifications.context_processors.support",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'concordat.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        # With persistent connections, check each one before a request reuses it: a restarted database
        # costs a reconnect, not an error page.
        conn_health_checks=env_bool("CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh clone has no var/: SQLite creates the file but not its folder, and Django's start-up
    # checks open the database before any command could make it.
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            # Take the write lock at BEGIN: two writers queue for up to `timeout` seconds instead of the
            # second failing with "database is locked" when it upgrades from reading to writing.
            "transaction_mode": "IMMEDIATE",
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SQLITE_TEST_NAME", "")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
PASSWORD_HASHERS = (
    ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if env_bool("CONCORDAT_FAST_HASHER")
    # Argon2id (accounts/hashers.py); PBKDF2 hashes from before still verify, and are upgraded on sign-in.
    else [
        "concordat.accounts.hashers.OwaspArgon2idHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
)
LOGIN_URL = "accounts:login"
# The hello-world view `concordat bench load` compares pages with (operations/views.py); off everywhere else.
BENCH_FLOOR_VIEW = env_bool("BENCH_FLOOR_VIEW", False)
# Declares the database disposable: the benchmarks may add scaled synthetic areas (synthetic/rounds.py).
CONCORDAT_THROWAWAY_DB = env_bool("CONCORDAT_THROWAWAY_DB", False)
LOGIN_REDIRECT_URL = "accounts:landing"  # each role lands on its own work
LOGOUT_REDIRECT_URL = "public:home"

# The client's address: behind TRUSTED_PROXY_COUNT reverse proxies, each appending to X-Forwarded-For, it is
# that many entries from the right (entries further left are whatever the client sent). 0: REMOTE_ADDR.
# Used by the sign-in lockout and every rate limit (concordat/accounts/limits.py).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "concordat.accounts.limits.client_address"
RATELIMIT_IP_META_KEY = "concordat.accounts.limits.client_address"
# django-axes: lock a username at one address after 5 failures for 30 minutes, and a username at every
# address once it has AXES_USERNAME_FAILURE_LIMIT failures from all of them (a guess spread over many
# addresses); the national team can unlock either.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_USERNAME_FAILURE_LIMIT = int(os.environ.get("AXES_USERNAME_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = "concordat.accounts.limits.lockout_parameters"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# However busy, a session ends this long after signing in: 12 hours, so that nobody who signs in at the
# start of a long working day (deadline day above all) is signed out before its end. Idle ones end sooner.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(60 * 60 * 12)))
# Idle sessions (concordat/accounts/middleware.py): the second factor is forgotten after
# TWO_FACTOR_IDLE_SECONDS without a request (register pages ask for a code again), and the person is
# signed out after SESSION_IDLE_SECONDS. Managing accounts and roles asks for a code again when the
# session's code is older than TWO_FACTOR_STEP_UP_SECONDS, however busy the session.
SESSION_IDLE_SECONDS = int(os.environ.get("SESSION_IDLE_SECONDS", str(30 * 60)))
TWO_FACTOR_IDLE_SECONDS = int(os.environ.get("TWO_FACTOR_IDLE_SECONDS", str(15 * 60)))
TWO_FACTOR_STEP_UP_SECONDS = int(os.environ.get("TWO_FACTOR_STEP_UP_SECONDS", str(15 * 60)))
# HTTPS=true when the service is reached only over HTTPS (directly or behind a TLS-terminating proxy
# that sets X-Forwarded-Proto): secure cookies, redirect to HTTPS, and HSTS for a year.
HTTPS = env_bool("HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS or env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Each can also be set on its own (for example HSTS_SECONDS=0 while trying HTTPS out).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", str(365 * 24 * 60 * 60) if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", HTTPS)
# A refused form (a stale page, cookies off) gets a GOV.UK page saying what to do, not Django's.
CSRF_FAILURE_VIEW = "concordat.accounts.views.csrf_failure"
# Load balancers probe /healthz over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, g:ia"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "files"},
    },
    "staticfiles": {
        "BACKEND": os.environ.get("STATICFILES_BACKEND", "whitenoise.storage.CompressedStaticFilesStorage")
    },
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# Uploaded evidence is never served from a public URL: the returns app streams it after an access check.
MEDIA_URL = "/_never_public_/"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# Refused from the headers, before the body is stored: the largest document (20 MB) and the form around it.
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(21 * 1024 * 1024)))
FILE_UPLOAD_HANDLERS = [
    "concordat.accounts.uploads.LimitedUploadHandler",  # a body sent without a length stops at the limit
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Bounds on reading a document (decision 0105): the defaults are concordat.imports.reading.limits.Limits;
# DOCUMENT_LIMIT_<NAME> in the environment overrides one, e.g. DOCUMENT_LIMIT_SECONDS=30.
DOCUMENT_LIMITS = {
    key.removeprefix("DOCUMENT_LIMIT_").lower(): value
    for key, value in os.environ.items()
    if key.startswith("DOCUMENT_LIMIT_")
}

# The demo (DEBUG, no worker running) reads uploads at once; the reading is still in the bounded child.
_DEFAULT_TASKS = (
    "django.tasks.backends.immediate.ImmediateBackend" if DEBUG else "django_tasks_db.DatabaseBackend"
)
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", _DEFAULT_TASKS)}}

# Production serving: `concordat serve` (gunicorn), `concordat worker`, /healthz (docs/deploying.md).
WEB_BIND = os.environ.get("WEB_BIND", "127.0.0.1:8000")
WEB_WORKERS = int(os.environ.get("WEB_WORKERS", "0")) or 2 * (os.cpu_count() or 1) + 1
WEB_THREADS = int(os.environ.get("WEB_THREADS", "1"))
WEB_TIMEOUT = int(os.environ.get("WEB_TIMEOUT", "60"))
WEB_GRACEFUL_TIMEOUT = int(os.environ.get("WEB_GRACEFUL_TIMEOUT", "30"))
WEB_KEEPALIVE = int(os.environ.get("WEB_KEEPALIVE", "5"))
WEB_MAX_REQUESTS = int(os.environ.get("WEB_MAX_REQUESTS", "1000"))
# Load the URLconf, compile the templates and build the latest national reports when concordat.wsgi is
# loaded, before the workers fork (concordat/warming.py).
WEB_WARM = env_bool("WEB_WARM", not DEBUG)
WORKER_HEARTBEAT_SECONDS = float(os.environ.get("WORKER_HEARTBEAT_SECONDS", "10"))
WORKER_STALE_SECONDS = float(os.environ.get("WORKER_STALE_SECONDS", "60"))
HEALTHZ_REQUIRE_WORKER = env_bool("HEALTHZ_REQUIRE_WORKER", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Service-wide facts shown in templates.
SERVICE_NAME = "Concordat"
SUPPORT_EMAIL = os.environ.get("SUPPORT_EMAIL", "concordat-support@example.org")

# Email (concordat/notifications, docs/decisions/0009-email-through-the-worker.md). Messages are
# queued as rows and sent by the worker. EMAIL_CHANNEL=django sends through Django's email API (the
# default mailer): SMTP when EMAIL_HOST is set, otherwise files in var/mail (the demo); EMAIL_BACKEND
# overrides either. EMAIL_CHANNEL=notify sends through GOV.UK Notify with NOTIFY_API_KEY and one
# email template (NOTIFY_TEMPLATE_ID) whose subject is ((subject)) and whose body is ((body)).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
EMAIL_CHANNEL = os.environ.get("EMAIL_CHANNEL", "django")


def _mailer() -> dict[str, object]:
    """Django 6.1's MAILERS entry from the environment (the EMAIL_* names are environment variables)."""
    host = os.environ.get("EMAIL_HOST", "")
    backend = os.environ.get(
        "EMAIL_BACKEND",
        "django.core.mail.backends.smtp.EmailBackend"
        if host
        else "django.core.mail.backends.filebased.EmailBackend",
    )
    if backend.endswith("smtp.EmailBackend"):
        options: dict[str, object] = {
            "host": host or "localhost",
            "port": int(os.environ.get("EMAIL_PORT", "587")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", not env_bool("EMAIL_USE_SSL")),
            "use_ssl": env_bool("EMAIL_USE_SSL", False),
            "timeout": int(os.environ.get("EMAIL_TIMEOUT", "20")),
        }
    elif backend.endswith("filebased.EmailBackend"):
        options = {"file_path": os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))}
    else:
        options = {}
    return {"BACKEND": backend, "OPTIONS": options}


MAILERS = {"default": _mailer()}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Concordat <concordat@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_TEMPLATE_ID = os.environ.get("NOTIFY_TEMPLATE_ID", "")
# The bearer token Notify sends with delivery receipts (POST /emails/notify/receipts/); unset refuses them.
NOTIFY_CALLBACK_TOKEN = os.environ.get("NOTIFY_CALLBACK_TOKEN", "")
# How long an invitation or password-reset link works.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60

# The REST API (concordat/api): requests per token, and per address for open data, in a fixed window counted
# in the default cache (django-ratelimit). Share the cache between processes for the limit to hold across
# them.
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "600/m")
OPEN_DATA_RATE_LIMIT = os.environ.get("OPEN_DATA_RATE_LIMIT", "300/m")

# Rate limits on the pages that cost the most (concordat/accounts/limits.py), per signed-in person (per
# address for sign-in), counted in the default cache like the API's. Over the limit: a 429 page.
RATE_LIMITS = {
    "sign_in": os.environ.get("SIGN_IN_RATE_LIMIT", "30/m"),
    "upload": os.environ.get("UPLOAD_RATE_LIMIT", "120/h"),
    "import": os.environ.get("IMPORT_RATE_LIMIT", "120/h"),
    "report": os.environ.get("REPORT_RATE_LIMIT", "60/h"),
    "enrolment_link": os.environ.get("ENROLMENT_LINK_RATE_LIMIT", "5/h"),
}
