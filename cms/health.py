"""`/sehat/`: a health check for load balancers and monitoring.

200 when the database and the cache answer, 503 otherwise — the body says which part failed.
The django-q2 clusters alive are reported too; `?pekerja=1` also requires at least one (for a
monitor of the workers rather than a load balancer, which should not drop web nodes because the
queue is down).
"""

import time

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_q.status import Stat


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _cache() -> str:
    token = str(time.monotonic_ns())
    cache.set("sehat:uji", token, 10)
    if cache.get("sehat:uji") != token:
        raise RuntimeError("nilai yang ditulis tidak terbaca kembali")
    return "ok"


def _workers() -> int:

    return len(Stat.get_all())


@require_GET
@never_cache
def health(request):
    report, healthy = {}, True
    for name, check in (("basis_data", _database), ("cache", _cache)):
        started = time.perf_counter()
        try:
            report[name] = check()
        except Exception as error:  # any failure is the answer, not a crash of the check
            report[name], healthy = f"gagal: {error.__class__.__name__}", False
        report[f"{name}_ms"] = round((time.perf_counter() - started) * 1000, 1)
    try:
        report["pekerja"] = _workers()
    except Exception as error:
        report["pekerja"] = f"gagal: {error.__class__.__name__}"
    if request.GET.get("pekerja") and not (
        isinstance(report["pekerja"], int) and report["pekerja"] > 0
    ):
        healthy = False
    report["status"] = "ok" if healthy else "gangguan"
    return JsonResponse(report, status=200 if healthy else 503)
