"""Settings shared by every environment; everything deployable comes from the environment.

`DATABASE_URL` selects the database (SQLite under var/ by default), `REDIS_URL` switches the
django-q2 broker and the cache to Redis. See README "Configuration".
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me")
# Rotation: the previous key(s) here keep sessions and signed links valid until they lapse.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "cms",
    "sosialisasi",
    "evaluasi",
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.routable_page",
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
    "rest_framework",
    "corsheaders",
    "django_q",
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
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Wagtail's page screens and the page chooser's answer name only pages the user may see.
    "cms.middleware.WagtailPagesScopeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.middleware.SiteCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"


# --- Database -------------------------------------------------------------------------------
# SQLite is the embedded default. WAL lets readers run beside the one writer; IMMEDIATE takes the
# write lock at BEGIN so two processes (web + q cluster) queue on the busy timeout instead of
# failing mid-transaction with "database is locked".
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON",
}

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASE_IS_SQLITE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
if DATABASE_IS_SQLITE:
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# --- Cache and job queue -------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="asn"),
        }
    }
else:
    # A file cache is shared by the web process and the q cluster (rate limits, q stats).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# django-q2: `retry` must exceed `timeout`, or a slow task is handed to a second worker while the
# first is still running it. `max_attempts` bounds retries of a task that keeps failing.
Q_CLUSTER = {
    "name": env("Q_CLUSTER_NAME", default="asn-lampung"),
    "workers": env.int("Q_WORKERS", default=2),
    "timeout": env.int("Q_TIMEOUT", default=600),
    "retry": env.int("Q_RETRY", default=720),
    "max_attempts": env.int("Q_MAX_ATTEMPTS", default=3),
    "ack_failures": True,
    "save_limit": 1000,
    "queue_limit": 50,
    "catch_up": False,
    "label": "Antrean tugas",
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"
    Q_CLUSTER["poll"] = 1

# Wagtail's own background tasks (search index, reference index) stay in-process: they are short
# and our real queue is django-q2.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


# --- Accounts ---------------------------------------------------------------------------------
# ASN log in with their NIP as username; django-axes locks out repeated failures (login and the
# Wagtail admin login alike).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",  # lockout check + ModelBackend; first, as axes requires
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
# Wagtail's own front-end logins (login-restricted pages and document collections) use ours too.
WAGTAIL_FRONTEND_LOGIN_URL = "/akun/masuk/"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "/"
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3 * 24 * 3600)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/terkunci.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# How many reverse proxies stand in front of the app (nginx alone: 1). The client address that
# axes' lockouts and every rate limit key on is read through them (cms.ratelimit.client_ip);
# 0 means none and X-Forwarded-For is ignored. Wrong in either direction it is unsafe:
# docs/operasi.md section 10.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "cms.ratelimit.client_ip"
ACTIVATION_RATE_PER_IP = env.int("ACTIVATION_RATE_PER_IP", default=10)
ACTIVATION_RATE_PER_NIP = env.int("ACTIVATION_RATE_PER_NIP", default=3)
ACTIVATION_RATE_WINDOW = 3600
# One autosave per answer: 21 statements answered briskly stay far below this; a script does not.
AUTOSAVE_RATE_PER_MINUTE = env.int("AUTOSAVE_RATE_PER_MINUTE", default=120)
# Raw 360 answers are deleted this many years after publication; aggregated results stay.
RETENSI_JAWABAN_TAHUN = env.int("RETENSI_JAWABAN_TAHUN", default=5)
# A whole office behind one NAT may register together: generous, but bounded.
WORKSHOP_REGISTRATIONS_PER_IP = env.int("WORKSHOP_REGISTRATIONS_PER_IP", default=60)
# Registration emails (confirmation links, status links) to one address per hour: the public form
# must not become a way to flood someone's inbox.
WORKSHOP_REGISTRATION_MAILS_PER_ADDRESS = env.int(
    "WORKSHOP_REGISTRATION_MAILS_PER_ADDRESS", default=5
)
WORKSHOP_REMINDER_DAYS = env.int("WORKSHOP_REMINDER_DAYS", default=2)
# Days after the atasan's decision during which the pegawai may object.
SKP_KEBERATAN_HARI = env.int("SKP_KEBERATAN_HARI", default=14)
# Where a 360 report finds guides and workshops for the aspects to develop (cms wiring).
EVALUASI_REKOMENDASI = "cms.recommendations.for_topics"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)


# --- Roster import (docs/impor-roster.md) -------------------------------------------------------
ROSTER_IMPORT_LIMITS = {
    "max_bytes": env.int("ROSTER_IMPORT_MAX_MB", default=20) * 1024 * 1024,
    "max_rows": env.int("ROSTER_IMPORT_MAX_ROWS", default=200_000),
}


# --- Passwords ----------------------------------------------------------------------------------
# Argon2 first: memory-hard (OWASP's first choice) and, measured in benchmarks/deadline_hour.py,
# under half the CPU of Django's default PBKDF2 per login — logins were the deadline hour's
# bottleneck. Existing PBKDF2 hashes still verify and are re-hashed with Argon2 at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


# --- Language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# Wagtail ships its Indonesian catalogue as id_ID; "id" resolves to it through gettext's
# locale expansion, so the admin is Indonesian by default. English stays selectable per user.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]


# --- Static and media --------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static_collected")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Every file not meant for the public (roster uploads, evidence files, generated ZIPs and PDFs,
# Wagtail documents) lives outside MEDIA_ROOT in the "private" storage: no URL, served only by
# permission-checked views (cms/storage.py). MEDIA_ROOT holds only Wagtail images and avatars.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "cms.storage.PrivateStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


# --- Wagtail -----------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", default="Penilaian Kinerja ASN Provinsi Lampung")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# No Gravatar: it would send hashes of officers' email addresses to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The admin would fetch releases.wagtail.org from every browser; upgrades are ours to schedule.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_USER_LOGIN_FORM = "cms.forms.AdminLoginForm"
# Documents are streamed by Wagtail's serve view, which enforces collection privacy; their files
# have no URL of their own (cms/storage.py).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]

# The database backend picks Wagtail's PostgreSQL full-text backend automatically on PostgreSQL.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": env("SEARCH_CONFIG", default="simple"),
    }
}

WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100

# Other provincial and kabupaten sites may read the API from the browser: only the origins listed
# here, only under /api/, read-only.
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "OPTIONS"]

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}


# --- Email ---------------------------------------------------------------------------------
EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
globals().update(EMAIL_CONFIG)  # EMAIL_BACKEND, EMAIL_HOST, ... from one URL
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Penilaian Kinerja ASN <noreply@lampungprov.go.id>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL


# --- Security headers (tightened further in production.py) ----------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# django-csp 4. Styles allow 'unsafe-inline' (Wagtail's admin sets inline styles). Scripts are
# 'self' only; cms.middleware.SiteCSPMiddleware adds 'unsafe-inline' scripts for /admin/ alone,
# because Wagtail's InlinePanel and choosers still execute inline scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube.com", "https://www.youtube-nocookie.com"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Wagtail logs every page action and django-tasks every in-process task at INFO.
        "wagtail": {"level": env("WAGTAIL_LOG_LEVEL", default="WARNING")},
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
