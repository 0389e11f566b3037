"""Who may see an SKP and its evaluations: the pegawai, their pejabat penilai, that person's atasan,
and admins whose unit scope holds the pegawai. Anyone else gets a 404."""

from django.db.models import Prefetch, Q
from django.http import Http404

from evaluasi.models import (
    EvaluasiKinerja,
    IndikatorKinerja,
    Pegawai,
    PeriodePenilaian,
    RencanaHasilKerja,
    RencanaKerja,
    StatusEvaluasi,
    StatusPeriode,
    StatusSKP,
)

from .assessments import pegawai_of
from .roster import unit_scope_for


def _visible_filter(user) -> Q | None:
    """None: everything (Admin BKD). Otherwise the rows this user may read."""
    scope = unit_scope_for(user)
    if scope.everything:
        return None
    condition = Q(pk__in=[])
    own = pegawai_of(user)
    if own is not None:
        condition |= Q(pegawai=own) | Q(pejabat_penilai=own) | Q(pejabat_penilai__atasan=own)
        condition |= Q(pejabat_penilai__isnull=True, pegawai__atasan=own)
    if scope.root is not None:
        condition |= Q(pegawai__unit_kerja__path__startswith=scope.root.path)
    return condition


def rencana_visible_to(user):
    queryset = RencanaKerja.objects.select_related(
        "pegawai__unit_kerja", "pegawai__atasan", "pejabat_penilai__atasan", "periode"
    )
    condition = _visible_filter(user)
    return queryset if condition is None else queryset.filter(condition)


def rencana_detail(user, pk: int) -> RencanaKerja:
    rencana = (
        rencana_visible_to(user)
        .prefetch_related(
            Prefetch(
                "rhk",
                queryset=RencanaHasilKerja.objects.select_related("rhk_atasan").prefetch_related(
                    Prefetch("indikator", queryset=IndikatorKinerja.objects.order_by("pk"))
                ),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if rencana is None:
        raise Http404
    return rencana


def evaluasi_detail(user, pk: int) -> EvaluasiKinerja:
    evaluasi = (
        EvaluasiKinerja.objects.select_related("periode", "diputuskan_oleh")
        .filter(rencana__in=rencana_visible_to(user), pk=pk)
        .first()
    )
    if evaluasi is None:
        raise Http404
    evaluasi.rencana = rencana_detail(user, evaluasi.rencana_id)
    return evaluasi


def annual_periods():
    return PeriodePenilaian.objects.filter(jenis="tahunan").exclude(
        status=StatusPeriode.DIPUBLIKASIKAN
    )


def own_plans(pegawai: Pegawai):
    return (
        RencanaKerja.objects.filter(pegawai=pegawai)
        .select_related("periode", "pejabat_penilai")
        .prefetch_related("evaluasi__periode")
        .order_by("-periode__tahun")
    )


def reports_overview(pegawai: Pegawai):
    """Direct reports with their SKPs (all years), for "Bawahan Saya"; 2 queries."""
    reports = list(
        Pegawai.objects.filter(atasan=pegawai, aktif=True)
        .select_related("unit_kerja")
        .prefetch_related(
            Prefetch(
                "skp",
                queryset=RencanaKerja.objects.select_related("periode")
                .prefetch_related("evaluasi")
                .order_by("-periode__tahun"),
            )
        )
        .order_by("nama")
    )
    for report in reports:
        plans = list(report.skp.all())
        report.skp_terbaru = plans[0] if plans else None
        report.perlu_tindakan = sum(1 for p in plans if p.status == StatusSKP.DIAJUKAN) + sum(
            1 for p in plans for e in p.evaluasi.all() if e.status == StatusEvaluasi.DIAJUKAN
        )
    return reports


def evaluation_periods(tahun: int):
    """Periods an approved SKP of this year can be evaluated in: quarterly and annual."""
    return PeriodePenilaian.objects.filter(tahun=tahun).exclude(status=StatusPeriode.DIPUBLIKASIKAN)
