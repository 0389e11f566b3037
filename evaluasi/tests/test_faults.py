"""Faults on PostgreSQL: a worker killed in the middle of an aggregation, and the database dropping a
connection in the middle of a submission. Neither loses a submitted or autosaved answer, nor
leaves half a result.

Both hold a row lock from the test's own connection so the other side stops at a known point
inside its transaction, then break that side: SIGKILL for the q cluster, `pg_terminate_backend`
for the web request's connection (what a PostgreSQL restart does to every open connection).
"""

import os
import signal
import threading
import time
from datetime import timedelta

import pytest
import requests
from django.db import connection, connections
from django.utils import timezone
from django_q.tasks import async_task

from evaluasi.models import AgregasiHasil, HasilPerilaku, Jawaban, Penugasan
from evaluasi.services.aggregation import aggregate
from evaluasi.services.aggregation_jobs import aggregation_job_run
from evaluasi.tests.factories import PegawaiFactory
from evaluasi.tests.ratings import rate, rater_statements, result_rows

pytestmark = [
    pytest.mark.smoke,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="row locks and pg_terminate_backend: the PostgreSQL pass runs these",
    ),
]


def _wait_for(predicate, seconds=60, what=""):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


def _blocked_on(fragment: str) -> list[int]:
    """PIDs of other backends waiting for a lock while running a statement containing `fragment`."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND pid <> pg_backend_pid() AND query ILIKE %s",
            [f"%{fragment}%"],
        )
        return [row[0] for row in cursor.fetchall()]


def _lock_in_second_connection(sql: str, params):
    """A separate connection (not the test's) that holds FOR UPDATE locks until released."""
    from django.db.backends.postgresql.base import DatabaseWrapper

    holder = DatabaseWrapper(connection.settings_dict.copy(), alias="lock-holder")
    holder.connect()
    holder.set_autocommit(False)
    with holder.cursor() as cursor:
        cursor.execute(sql, params)
    return holder


def test_worker_killed_mid_aggregation_leaves_previous_results_and_answers(
    opd, periode_dibuka, q_cluster
):
    boss = PegawaiFactory(unit_kerja=opd)
    ratee = PegawaiFactory(unit_kerja=opd, atasan=boss)
    for rater in [PegawaiFactory(unit_kerja=opd) for _ in range(3)]:
        rate(periode_dibuka, rater, ratee, "rekan", 4)
    aggregate(periode_id=periode_dibuka.pk)
    before = [row[1:] for row in result_rows()]
    answers = Jawaban.objects.count()
    summary = HasilPerilaku.objects.get(dinilai=ratee)

    # The job deletes the old rows, then stops at the summary row this connection holds.
    holder = _lock_in_second_connection(
        f"SELECT id FROM {HasilPerilaku._meta.db_table} WHERE id = %s FOR UPDATE",  # noqa: S608
        [summary.pk],
    )
    try:
        job = AgregasiHasil.objects.create(periode=periode_dibuka)
        async_task("evaluasi.tasks.aggregation_task", job.pk, sync=False)
        _wait_for(lambda: _blocked_on("DELETE"), what="the job to reach its DELETE")
        os.killpg(q_cluster.pid, signal.SIGKILL)  # a crash, not a graceful stop
        q_cluster.wait(timeout=20)
    finally:
        holder.rollback()
        holder.close()
    # The orphaned backend fails when it next talks to its dead client; its transaction rolls back.
    _wait_for(lambda: not _blocked_on("DELETE"), what="the orphaned transaction to end")
    time.sleep(0.5)
    assert [row[1:] for row in result_rows()] == before
    assert Jawaban.objects.count() == answers
    # Running it again (the admin's "Hitung hasil sekarang", or the nightly run) completes, and
    # the killed job, once past the queue's timeout, is shown as stopped rather than running.
    job.refresh_from_db()
    assert job.status == "berjalan"
    AgregasiHasil.objects.filter(pk=job.pk).update(mulai=timezone.now() - timedelta(hours=1))
    again = AgregasiHasil.objects.create(periode=periode_dibuka)
    assert aggregation_job_run(again.pk) == 1
    assert [row[1:] for row in result_rows()] == before
    job.refresh_from_db()
    assert job.status == "gagal" and job.pesan.startswith("Terhenti")


def test_connection_dropped_mid_submission_keeps_autosaved_answers(
    opd, periode_dibuka, live_server
):
    from cms.accounts.services import account_for_pegawai
    from evaluasi.demo import DEMO_PASSWORD

    boss = PegawaiFactory(unit_kerja=opd)
    rater = PegawaiFactory(unit_kerja=opd, atasan=boss)
    tugas = Penugasan.objects.create(
        periode=periode_dibuka, penilai=rater, dinilai=boss, hubungan="bawahan"
    )
    user = account_for_pegawai(rater)
    user.set_password(DEMO_PASSWORD)
    user.save()
    http = requests.Session()
    http.get(f"{live_server.url}/akun/masuk/")
    token = http.cookies["csrftoken"]
    headers = {"Referer": live_server.url + "/", "X-CSRFToken": token}
    login = http.post(
        f"{live_server.url}/akun/masuk/",
        data={"csrfmiddlewaretoken": token, "username": rater.nip, "password": DEMO_PASSWORD},
        headers=headers,
        allow_redirects=False,
    )
    assert login.status_code == 302
    token = http.cookies["csrftoken"]
    headers["X-CSRFToken"] = token
    statements = rater_statements(periode_dibuka, "bawahan")
    autosaved = {f"p_{s.pk}": "4" for s in statements}
    assert http.post(
        f"{live_server.url}/penilaian/{tugas.pk}/simpan/", data=autosaved, headers=headers
    ).ok

    # The submission changes every answer to 5; it stops at the answer row held here.
    first = Jawaban.objects.get(penugasan=tugas, pernyataan=statements[0])
    holder = _lock_in_second_connection(
        f"SELECT id FROM {Jawaban._meta.db_table} WHERE id = %s FOR UPDATE",  # noqa: S608
        [first.pk],
    )
    outcome = {}

    def submit():
        data = {"csrfmiddlewaretoken": token, "aksi": "kirim", **dict.fromkeys(autosaved, "5")}
        try:
            outcome["response"] = http.post(
                f"{live_server.url}/penilaian/{tugas.pk}/", data=data, headers=headers,
                allow_redirects=False, timeout=60,
            )  # fmt: skip
        except requests.RequestException as error:
            outcome["error"] = error

    worker = threading.Thread(target=submit)
    try:
        worker.start()
        _wait_for(lambda: _blocked_on("INSERT"), what="the submission to block")
        with connection.cursor() as cursor:
            for pid in _blocked_on("INSERT"):
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        worker.join(timeout=60)
    finally:
        holder.rollback()
        holder.close()
    assert outcome.get("error") or outcome["response"].status_code == 500
    # Nothing half-written: every autosaved answer is still there, unchanged, and not submitted.
    tugas.refresh_from_db()
    assert tugas.dikirim is None
    stored = dict(Jawaban.objects.filter(penugasan=tugas).values_list("pernyataan_id", "nilai"))
    assert stored == {s.pk: 4 for s in statements}

    # The rater tries again (the database is back): everything lands, once.
    connections.close_all()
    retry = http.post(
        f"{live_server.url}/penilaian/{tugas.pk}/",
        data={"csrfmiddlewaretoken": token, "aksi": "kirim", **dict.fromkeys(autosaved, "5")},
        headers=headers,
        allow_redirects=False,
    )
    assert retry.status_code == 302
    confirm = http.post(
        f"{live_server.url}/penilaian/{tugas.pk}/kirim/",
        data={"csrfmiddlewaretoken": token},
        headers=headers,
        allow_redirects=False,
    )
    assert confirm.status_code == 302
    tugas.refresh_from_db()
    assert tugas.dikirim is not None
    stored = dict(Jawaban.objects.filter(penugasan=tugas).values_list("pernyataan_id", "nilai"))
    assert stored == {s.pk: 5 for s in statements}
