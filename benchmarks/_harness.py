"""Shared by the HTTP benchmarks: a loopback gunicorn, a threaded client and latency summaries."""

import os
import signal
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
PORT = int(os.environ.get("BENCH_PORT", 8765))
BASE = f"http://127.0.0.1:{PORT}"
WORKERS = os.environ.get("BENCH_WORKERS", "4")


@contextmanager
def gunicorn():
    """gunicorn on 127.0.0.1 with the current environment; stopped on exit."""
    try:
        requests.get(BASE + "/", timeout=1)
    except requests.RequestException:
        pass
    else:
        raise RuntimeError(f"something already listens on {BASE}; stop it or set BENCH_PORT")
    env = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1"}
    command = [sys.executable, "-m", "gunicorn", "cms.wsgi:application", "--bind", f"127.0.0.1:{PORT}",
               "--workers", WORKERS, "--env", "DJANGO_SETTINGS_MODULE=cms.settings.dev"]  # fmt: skip
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited (is port {PORT} taken by another server?)")
            try:
                if requests.get(BASE + "/robots.txt", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def timed_runs(fn, requests_count: int, clients: int) -> tuple[float, list[float]]:
    """Call fn(0..requests_count-1), `clients` at a time; fn returns one latency in seconds."""
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        latencies = list(pool.map(fn, range(requests_count)))
    return time.perf_counter() - started, latencies


def summary(label: str, seconds: float, latencies: list[float]) -> None:
    q = statistics.quantiles(latencies, n=100)
    print(
        f"  {label:<38} {len(latencies) / seconds:7.1f} req/s   p50 {q[49] * 1000:6.0f} ms   "
        f"p95 {q[94] * 1000:6.0f} ms   p99 {q[98] * 1000:6.0f} ms"
    )


def roster_empty() -> None:
    """Remove every period, pegawai and unit from the scratch database (benchmarks share one)."""
    from evaluasi.models import EvaluasiKinerja, Pegawai, PeriodePenilaian, RencanaKerja, UnitKerja

    EvaluasiKinerja.objects.all().delete()  # SKP rows protect their period (a demo left them)
    RencanaKerja.objects.all().delete()
    PeriodePenilaian.objects.all().delete()
    Pegawai.objects.update(atasan=None)
    Pegawai.objects.all().delete()
    UnitKerja.objects.update(induk=None)
    UnitKerja.objects.all().delete()


def django_bootstrap(sqlite_name: str) -> Path:
    """Settings for a benchmark: DATABASE_URL if given, else a scratch SQLite file under var/bench/."""
    import django

    bench_dir = ROOT / "var" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{bench_dir / sqlite_name}")
    os.environ["DEBUG"] = "False"  # no query log growing in memory
    django.setup()
    return bench_dir
