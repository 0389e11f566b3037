"""Configuration: production refuses unsafe starts; SQLite tolerates concurrent writers."""

import os
import subprocess
import sys
import threading

import pytest
from django.conf import settings
from django.db import connection, connections, transaction

BASE_DIR = settings.BASE_DIR
LONG_SECRET = "k3y-" + "x9Qw!zR4" * 8


def _manage(*args, env_overrides, drop=()):
    env = {**os.environ, **env_overrides}
    for name in drop:
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    values = {"SECRET_KEY": LONG_SECRET, "ALLOWED_HOSTS": "asn.lampungprov.go.id"}
    values.pop(missing)
    result = _manage(
        "check",
        env_overrides={**values, "DJANGO_SETTINGS_MODULE": "cms.settings.production"},
        drop=[missing],
    )
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_passes_deploy_checks():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": LONG_SECRET,
            "ALLOWED_HOSTS": "asn.lampungprov.go.id",
        },
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.skipif(not settings.DATABASE_IS_SQLITE, reason="SQLite-specific connection options")
@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_busy_timeout():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 10_000
    assert connection.transaction_mode == "IMMEDIATE"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_read_then_write_transactions_do_not_fail():
    """The web process and the q cluster both read-then-write; none may see "database is locked".

    With SQLite's default DEFERRED transactions, two writers that first read deadlock on the lock
    upgrade and one fails at once; IMMEDIATE makes the second wait on the busy timeout instead.
    """
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    errors, writers, rounds = [], 6, 15
    barrier = threading.Barrier(writers)

    def writer(n):
        try:
            barrier.wait()
            for i in range(rounds):
                with transaction.atomic():
                    count = Session.objects.count()
                    Session.objects.create(
                        session_key=f"w{n}-{i}-{count}",
                        session_data="x",
                        expire_date=timezone.now(),
                    )
        except Exception as exc:  # noqa: BLE001 - the test reports any failure
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Session.objects.count() == writers * rounds
