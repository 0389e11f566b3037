"""Test settings: the real database (SQLite file or PostgreSQL from DATABASE_URL), sync jobs."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = VAR_DIR / "test-private"  # noqa: F405

# Jobs run in the calling process so tests see their effect; the smoke test starts a real
# cluster with Q_SYNC=0.
Q_CLUSTER["sync"] = env.bool("Q_SYNC", default=True)  # noqa: F405

if DATABASE_IS_SQLITE:  # noqa: F405
    # A file, not :memory:, so a q cluster started by the smoke test sees the same database (the
    # fixture hands it the path); one per test process, so runs side by side never share one.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")  # noqa: F405
    }

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Each request (live-server threads included) closes its connection: PostgreSQL's default
# max_connections (100) would otherwise be exhausted by the concurrency tests.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
