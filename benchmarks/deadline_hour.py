"""The deadline hour: many ASN log in, autosave answer by answer and submit, while admins watch
the completion screen — throughput, latency percentiles and error rate per kind of request.

    python benchmarks/deadline_hour.py            # embedded default: SQLite + file cache
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench REDIS_URL=redis://127.0.0.1:6379/5 \\
        python benchmarks/deadline_hour.py

Every demo rater (about 190) is one virtual ASN: a real login (password checked), the inbox, the
form, one autosave POST per statement as autosave.js sends them, "Periksa dan kirim" and the
confirmation. BENCH_CLIENTS of them run at once (default 50) with no think time — a compressed
deadline hour. BENCH_ADMINS admin sessions (default 2) reload the completion screen meanwhile.
Afterwards every assignment must be submitted with all its answers. The database is emptied.
"""

import os
import statistics
import threading
import time
from collections import defaultdict

import requests  # noqa: E402
from _harness import BASE, WORKERS, gunicorn  # noqa: E402
from submit_latency import form_fields, prepare  # noqa: I001  (sets up Django for this run)

CLIENTS = int(os.environ.get("BENCH_CLIENTS", 50))
ADMINS = int(os.environ.get("BENCH_ADMINS", 2))
PASSWORD = "uji-beban-2026"  # noqa: S105 (scratch database only)
samples: dict[str, list[tuple[float, bool]]] = defaultdict(list)
lock = threading.Lock()


def timed(label: str, call, ok=lambda r: r.status_code < 400):
    started = time.perf_counter()
    try:
        response = call()
        good = ok(response)
    except requests.RequestException:
        response, good = None, False
    with lock:
        samples[label].append((time.perf_counter() - started, good))
    return response


def rater(nip: str, pk: int) -> None:
    http = requests.Session()
    headers = {"Referer": BASE + "/"}
    page = http.get(f"{BASE}/akun/masuk/", timeout=60)
    token = page.cookies.get("csrftoken") or http.cookies.get("csrftoken")
    timed("login (POST, password checked)", lambda: http.post(
        f"{BASE}/akun/masuk/", data={"csrfmiddlewaretoken": token, "username": nip, "password": PASSWORD},
        headers=headers, allow_redirects=False, timeout=60,
    ), ok=lambda r: r.status_code == 302)  # fmt: skip
    timed("inbox (GET)", lambda: http.get(f"{BASE}/penilaian/", timeout=60))
    form = timed("form (GET)", lambda: http.get(f"{BASE}/penilaian/{pk}/", timeout=60))
    if form is None or form.status_code != 200:
        return
    token, answers = form_fields(form.text)
    for name, value in answers.items():
        timed("autosave, one answer (POST)", lambda n=name, v=value: http.post(
            f"{BASE}/penilaian/{pk}/simpan/", data={"csrfmiddlewaretoken": token, n: v},
            headers=headers, timeout=60,
        ))  # fmt: skip
    timed("submit: check (POST)", lambda: http.post(
        f"{BASE}/penilaian/{pk}/", data={"csrfmiddlewaretoken": token, "aksi": "kirim", **answers},
        headers=headers, allow_redirects=False, timeout=60,
    ), ok=lambda r: r.status_code == 302)  # fmt: skip
    timed("submit: confirm (POST)", lambda: http.post(
        f"{BASE}/penilaian/{pk}/kirim/", data={"csrfmiddlewaretoken": token},
        headers=headers, allow_redirects=False, timeout=60,
    ), ok=lambda r: r.status_code == 302)  # fmt: skip


def admin_watch(session_key: str, periode_id: int, stop: threading.Event) -> None:
    http = requests.Session()
    http.cookies.set("sessionid", session_key)
    while not stop.is_set():
        timed("admin: completion screen (GET)", lambda: http.get(
            f"{BASE}/admin/penilaian/periode/{periode_id}/kelengkapan/", timeout=60))  # fmt: skip
        stop.wait(1.0)


def admin_session() -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore

    user = User.objects.filter(groups__name="Admin BKD").first()
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key


def main() -> None:
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from django.db import connection

    from evaluasi.models import Jawaban, Penugasan

    raters = prepare()
    ids = [pk for _, pk, _ in raters]
    rows = list(
        Penugasan.objects.filter(pk__in=ids).values_list("pk", "penilai__nip", "periode_id")
    )
    # One hash for everyone: preparing must not take minutes; each login still checks it.
    User.objects.filter(username__in=[nip for _, nip, _ in rows]).update(
        password=make_password(PASSWORD)
    )
    periode_id = rows[0][2]
    admin_key = admin_session()
    cache = "Redis" if os.environ.get("REDIS_URL") else "file cache"
    print(f"Deadline hour on {connection.vendor} + {cache}: {len(rows)} ASN, {CLIENTS} at once, "
          f"{ADMINS} admins watching, gunicorn {WORKERS} workers")  # fmt: skip
    from concurrent.futures import ThreadPoolExecutor

    stop = threading.Event()
    with gunicorn():
        watchers = [threading.Thread(target=admin_watch, args=(admin_key, periode_id, stop))
                    for _ in range(ADMINS)]  # fmt: skip
        for w in watchers:
            w.start()
        started = time.perf_counter()
        with ThreadPoolExecutor(CLIENTS) as pool:
            list(pool.map(lambda row: rater(row[1], row[0]), rows))
        elapsed = time.perf_counter() - started
        stop.set()
        for w in watchers:
            w.join()

    total = sum(len(v) for v in samples.values())
    errors = sum(1 for v in samples.values() for _, good in v if not good)
    print(f"  {total} requests in {elapsed:.1f} s: {total / elapsed:.1f} req/s, "
          f"errors {errors} ({100 * errors / total:.2f} %)")  # fmt: skip
    for label, values in samples.items():
        latencies = [t for t, _ in values]
        q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
        bad = sum(1 for _, good in values if not good)
        print(f"  {label:<34} n={len(values):5d}  p50 {q[49] * 1000:6.0f} ms  "
              f"p95 {q[94] * 1000:6.0f} ms  p99 {q[98] * 1000:6.0f} ms  errors {bad}")  # fmt: skip
    submitted = Penugasan.objects.filter(pk__in=ids, dikirim__isnull=False).count()
    answers = Jawaban.objects.filter(penugasan_id__in=ids).count()
    print(f"  submitted {submitted} of {len(ids)} assignments; {answers} answers stored")


if __name__ == "__main__":
    main()
