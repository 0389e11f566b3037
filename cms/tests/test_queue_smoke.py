"""Smoke test: a real q cluster process picks up a real task from the configured broker.

ORM broker on SQLite in `make test`; Redis broker (REDIS_URL) on the PostgreSQL pass of CI.
"""

import uuid

import pytest
from django.db import connection
from django_q.tasks import async_task, result

# serialized_rollback: restore migration-created rows (Wagtail root, groups) for later tests.
pytestmark = [pytest.mark.smoke, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


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
