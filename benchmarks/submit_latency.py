"""Latency of autosave and submission of a 21-statement assessment under 50 concurrent raters.

    python benchmarks/submit_latency.py            # SQLite scratch database under var/bench/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python benchmarks/submit_latency.py

Loads the demo site, opens a fresh period with assignments generated for the demo roster, and gives
every rater a logged-in session (created directly, so password hashing is not timed). Then, with
BENCH_CLIENTS concurrent raters against gunicorn, it measures in the same run:
  floor     — GET /robots.txt (the stack without the database);
  baseline  — GET of the rater's inbox page (a read of the same rows);
  autosave  — POST of the whole form (21 answers) to the autosave endpoint;
  submit    — POST "Periksa dan kirim" with the answers, then the confirming POST.
and checks that every assignment ends submitted with all its answers. The database is emptied.
"""

import os
import re
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BENCH_DIR = ROOT / "var" / "bench"
BENCH_DIR.mkdir(parents=True, exist_ok=True)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{BENCH_DIR / 'penilaian.sqlite3'}")
os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.dev"
os.environ["DEBUG"] = "False"
os.environ["EMAIL_URL"] = "dummymail://"
os.environ.setdefault("Q_CLUSTER_NAME", "bench")

import django  # noqa: E402

django.setup()

import requests  # noqa: E402
from _harness import BASE, WORKERS, gunicorn, roster_empty, summary, timed_runs  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

CLIENTS = int(os.environ.get("BENCH_CLIENTS", 50))


def prepare() -> list[tuple[str, int, str]]:
    """(session key, assignment id, relationship) for one open assignment per rater."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from cms.accounts.services import account_for_pegawai
    from cms.demo import demo_load
    from evaluasi.models import Instrumen, Pegawai, Penugasan, PeriodePenilaian
    from evaluasi.services.assignments import assignments_generate

    call_command("migrate", verbosity=0)
    roster_empty()  # another benchmark may have left a 60,000-pegawai province here
    demo_load()
    PeriodePenilaian.objects.filter(nama="Benchmark").delete()
    now = timezone.now()
    periode = PeriodePenilaian.objects.create(
        nama="Benchmark", tahun=now.year,
        instrumen=Instrumen.objects.filter(nama__contains="BerAKHLAK").first(),
        dibuka_pada=now - timedelta(hours=1), ditutup_pada=now + timedelta(days=1),
    )  # fmt: skip
    assignments_generate(periode_id=periode.pk)  # in draf: assignments freeze once it opens
    PeriodePenilaian.objects.filter(pk=periode.pk).update(status="dibuka")
    raters = []
    seen = set()
    for tugas in Penugasan.objects.filter(periode=periode).order_by("?"):
        if tugas.penilai_id in seen:
            continue
        seen.add(tugas.penilai_id)
        user = account_for_pegawai(Pegawai.objects.get(pk=tugas.penilai_id))
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        raters.append((session.session_key, tugas.pk, tugas.hubungan))
    return raters


def form_fields(html: str) -> tuple[str, dict]:
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    answers = dict.fromkeys(sorted(set(re.findall(r'name="(p_\d+)"', html))), "4")
    return token, answers


def main():
    from django.db import connection

    from evaluasi.models import Jawaban, Penugasan

    raters = prepare()
    print(f"Assessment submission on {connection.vendor}: {len(raters)} raters, "
          f"{CLIENTS} concurrent, gunicorn {WORKERS} workers")  # fmt: skip
    sessions = []
    for key, _pk, _ in raters:
        http = requests.Session()
        http.cookies.set("sessionid", key)
        sessions.append(http)
    with gunicorn():
        prepared = {}

        def open_form(n):
            key, pk, _ = raters[n]
            html = sessions[n].get(f"{BASE}/penilaian/{pk}/", timeout=60).text
            prepared[n] = form_fields(html)

        timed_runs(open_form, len(raters), CLIENTS)  # warm-up and CSRF tokens, not reported

        def inbox(n):
            started = time.perf_counter()
            assert sessions[n].get(f"{BASE}/penilaian/", timeout=60).status_code == 200
            return time.perf_counter() - started

        def autosave(n):
            key, pk, _ = raters[n]
            token, answers = prepared[n]
            started = time.perf_counter()
            response = sessions[n].post(
                f"{BASE}/penilaian/{pk}/simpan/",
                data={"csrfmiddlewaretoken": token, **answers},
                headers={"Referer": BASE + "/"},
                timeout=60,
            )
            assert response.status_code == 200, response.text[:200]
            return time.perf_counter() - started

        def submit(n):
            key, pk, _ = raters[n]
            token, answers = prepared[n]
            url = f"{BASE}/penilaian/{pk}/"
            headers = {"Referer": BASE + "/"}
            started = time.perf_counter()
            first = sessions[n].post(url, data={"csrfmiddlewaretoken": token, "aksi": "kirim", **answers}, headers=headers, allow_redirects=False, timeout=60)  # fmt: skip
            assert first.status_code == 302 and first.headers["Location"].endswith("/kirim/"), (
                first.status_code
            )
            final = sessions[n].post(url + "kirim/", data={"csrfmiddlewaretoken": token}, headers=headers, allow_redirects=False, timeout=60)  # fmt: skip
            assert final.status_code == 302, final.status_code
            return time.perf_counter() - started

        def robots(n):
            started = time.perf_counter()
            assert sessions[n].get(f"{BASE}/robots.txt", timeout=60).status_code == 200
            return time.perf_counter() - started

        summary("floor: GET robots.txt (no database)", *timed_runs(robots, len(raters), CLIENTS))
        summary("baseline: GET inbox page", *timed_runs(inbox, len(raters), CLIENTS))
        summary("autosave (21 answers)", *timed_runs(autosave, len(raters), CLIENTS))
        summary("submit (save+check, confirm: 2 POSTs)", *timed_runs(submit, len(raters), CLIENTS))
    ids = [pk for _, pk, _ in raters]
    submitted = Penugasan.objects.filter(pk__in=ids, dikirim__isnull=False).count()
    answers = Jawaban.objects.filter(penugasan_id__in=ids).count()
    print(f"  submitted {submitted} of {len(ids)} assignments; {answers} answers stored")
    assert submitted == len(ids)


if __name__ == "__main__":
    main()
