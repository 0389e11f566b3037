"""Smoke test: a real q cluster process picks up a real task from the configured broker.

ORM broker on SQLite in `make test`; Redis broker (REDIS_URL) on the PostgreSQL pass of CI.
"""

import os
import signal
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.db import connection
from django_q.tasks import async_task, result

# serialized_rollback: restore migration-created rows (Wagtail root, groups) for later tests.
pytestmark = [pytest.mark.smoke, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _database_url_of_test_db():
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = db["USER"] or "postgres"
    auth = f"{user}:{db['PASSWORD']}" if db["PASSWORD"] else user
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def q_cluster():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": _database_url_of_test_db(),
        "Q_SYNC": "0",
        "Q_WORKERS": "1",
    }
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    yield proc
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def test_real_cluster_runs_an_enqueued_task(q_cluster):
    token = uuid.uuid4().hex
    task_id = async_task("cms.tasks.queue_ping", token, sync=False)

    outcome = result(task_id, wait=60_000)

    if outcome is None:
        q_cluster.terminate()
        output = q_cluster.communicate(timeout=20)[0].decode(errors="replace")
        pytest.fail(f"q cluster returned no result within 60 s; its output:\n{output[-3000:]}")
    assert outcome["token"] == token
    assert outcome["database"] == connection.vendor
