"""Who may see an SKP and its evaluations: the pegawai, their pejabat penilai, that person's atasan,
and admins whose unit scope holds the pegawai. Anyone else gets a 404."""

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone

from evaluasi.models import (
    EvaluasiKinerja,
    HasilAspek,
    HasilPerilaku,
    IndikatorKinerja,
    JenisPeriodeKinerja,
    Pegawai,
    PeriodeKinerja,
    RencanaHasilKerja,
    RencanaKerja,
    StatusEvaluasi,
    StatusPeriode,
    StatusSKP,
    TahunKinerja,
)
from evaluasi.predikat import (
    needs_development_plan,
    outcome_of_indicator,
    rating_from_score,
    suggest_hasil_kerja,
)

from .assessments import pegawai_of
from .results_gate import periods_with_readable_results
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
    """The RencanaKerja (SKP) queryset `user` may read: all for Admin BKD; otherwise their own,
    those they are pejabat penilai of (before submission: whose pegawai reports to them), those
    whose pejabat penilai reports to them, and those of pegawai in their admin unit scope."""
    queryset = RencanaKerja.objects.select_related(
        "pegawai__unit_kerja", "pegawai__atasan", "pejabat_penilai__atasan", "tahun_kinerja"
    )
    condition = _visible_filter(user)
    return queryset if condition is None else queryset.filter(condition)


def rencana_detail(user, pk: int) -> RencanaKerja:
    """One SKP `pk` with its RHKs, their atasan RHK and indicators prefetched, if `user` may read it
    (`rencana_visible_to`). Raises Http404 otherwise (the same as an unknown id)."""
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
    """One EvaluasiKinerja `pk` with its SKP (as `rencana_detail`), if `user` may read that SKP.
    Raises Http404 otherwise (the same as an unknown id)."""
    evaluasi = (
        EvaluasiKinerja.objects.select_related("periode_kinerja__tahun_kinerja", "diputuskan_oleh")
        .filter(rencana__in=rencana_visible_to(user), pk=pk)
        .first()
    )
    if evaluasi is None:
        raise Http404
    evaluasi.rencana = rencana_detail(user, evaluasi.rencana_id)
    return evaluasi


def rhk_detail(user, pk: int) -> RencanaHasilKerja:
    """One RHK `pk`, with `.rencana` set to its SKP as `rencana_detail` reads it, if `user` may read
    that SKP. Raises Http404 otherwise (the same as an unknown id)."""
    rencana_id = (
        RencanaHasilKerja.objects.filter(pk=pk).values_list("rencana_id", flat=True).first()
    )
    if rencana_id is None:
        raise Http404
    rencana = rencana_detail(user, rencana_id)
    rhk = next((r for r in rencana.rhk.all() if r.pk == pk), None)
    if rhk is None:
        raise Http404
    rhk.rencana = rencana
    return rhk


def skp_years():
    """The performance years (TahunKinerja) an SKP may be started for: those whose annual
    evaluation window has not closed. Raises nothing."""
    closed = PeriodeKinerja.objects.filter(
        jenis=JenisPeriodeKinerja.TAHUNAN, ditutup_pada__lt=timezone.now()
    ).values("tahun_kinerja_id")
    return TahunKinerja.objects.exclude(pk__in=closed).order_by("tahun")


def own_plans(pegawai: Pegawai):
    """Every SKP of `pegawai`, newest year first, with period, pejabat penilai and evaluations
    joined: the "SKP Saya" list. Raises nothing."""
    return (
        RencanaKerja.objects.filter(pegawai=pegawai)
        .select_related("tahun_kinerja", "pejabat_penilai")
        .prefetch_related("evaluasi__periode_kinerja")
        .order_by("-tahun_kinerja__tahun")
    )


def reports_overview(pegawai: Pegawai):
    """Direct reports with their SKPs and published 360 reports, for "Bawahan Saya" (4 queries).
    Each report carries `laporan_360`, `skp_terbaru`, `perlu_tindakan` (steps waiting for the
    atasan) and `tanpa_rencana_pengembangan` (decided evaluations whose predikat needs a rencana
    pengembangan not yet agreed: PermenPANRB 6/2022, tindak lanjut)."""
    reports = list(
        Pegawai.objects.filter(atasan=pegawai, aktif=True)
        .select_related("unit_kerja")
        .prefetch_related(
            Prefetch(
                "skp",
                queryset=RencanaKerja.objects.select_related("tahun_kinerja")
                .prefetch_related(
                    # The plan joined: which decided evaluations still lack an agreed one.
                    Prefetch(
                        "evaluasi",
                        queryset=EvaluasiKinerja.objects.select_related(
                            "rencana_pengembangan", "periode_kinerja"
                        ).order_by("periode_kinerja__urutan"),
                    )
                )
                .order_by("-tahun_kinerja__tahun"),
            )
        )
        .order_by("nama")
    )

    published = {}
    for pegawai_id, periode_id, nama in HasilPerilaku.objects.filter(
        dinilai__in=reports, periode__status=StatusPeriode.DIPUBLIKASIKAN
    ).values_list("dinilai_id", "periode_id", "periode__nama"):
        published.setdefault(pegawai_id, []).append((periode_id, nama))
    for report in reports:
        report.laporan_360 = published.get(report.pk, [])
        plans = list(report.skp.all())
        report.skp_terbaru = plans[0] if plans else None
        report.perlu_tindakan = sum(1 for p in plans if p.status == StatusSKP.DIAJUKAN) + sum(
            1 for p in plans for e in p.evaluasi.all() if e.status == StatusEvaluasi.DIAJUKAN
        )
        report.tanpa_rencana_pengembangan = [
            e for p in plans for e in p.evaluasi.all() if _lacks_agreed_plan(e)
        ]
    return reports


def _lacks_agreed_plan(evaluasi: EvaluasiKinerja) -> bool:
    """Whether a decided evaluation needs a rencana pengembangan (`needs_development_plan`) and
    has none agreed yet (its plan joined by `select_related`)."""
    if not needs_development_plan(evaluasi.predikat):
        return False
    plan = getattr(evaluasi, "rencana_pengembangan", None)
    return plan is None or not plan.disepakati


def evaluation_periods(rencana: RencanaKerja):
    """The PeriodeKinerja an evaluation of `rencana` may be started in now: the periods of its
    year (periodic and annual) whose window is open. Raises nothing."""
    now = timezone.now()
    return PeriodeKinerja.objects.filter(
        tahun_kinerja_id=rencana.tahun_kinerja_id, dibuka_pada__lte=now, ditutup_pada__gte=now
    )


def next_evaluation_period(rencana: RencanaKerja) -> PeriodeKinerja | None:
    """The next period of `rencana`'s year whose evaluation window has not opened yet (the
    earliest opening), or None. Raises nothing."""
    return (
        PeriodeKinerja.objects.filter(
            tahun_kinerja_id=rencana.tahun_kinerja_id, dibuka_pada__gt=timezone.now()
        )
        .order_by("dibuka_pada", "urutan")
        .first()
    )


def year_history(evaluasi: EvaluasiKinerja) -> list[EvaluasiKinerja]:
    """The other evaluations of the same SKP in its year's periodic periods (PermenPANRB 6/2022:
    the annual evaluation looks back on the periodic ones), in period order, with their period
    joined: predikat, ratings and `diputuskan_pada` as stored. Whoever may read `evaluasi` may
    read these (the same SKP). Raises nothing."""
    return list(
        EvaluasiKinerja.objects.filter(
            rencana_id=evaluasi.rencana_id, periode_kinerja__jenis=JenisPeriodeKinerja.PERIODIK
        )
        .exclude(pk=evaluasi.pk)
        .select_related("periode_kinerja")
        .order_by("periode_kinerja__urutan")
    )


def latest_periodic_decision(evaluasi: EvaluasiKinerja) -> EvaluasiKinerja | None:
    """The last decided periodic evaluation of the same SKP (highest period), with its feedback
    per RHK prefetched: what the annual evaluation starts from. None when there is none."""
    return (
        EvaluasiKinerja.objects.filter(
            rencana_id=evaluasi.rencana_id,
            periode_kinerja__jenis=JenisPeriodeKinerja.PERIODIK,
            diputuskan_pada__isnull=False,
        )
        .exclude(pk=evaluasi.pk)
        .exclude(rating_hasil_kerja="")
        .select_related("periode_kinerja")
        .prefetch_related("umpan_balik")
        .order_by("-periode_kinerja__urutan")
        .first()
    )


def decision_suggestions(evaluasi: EvaluasiKinerja) -> tuple[dict, dict]:
    """What the atasan sees as suggestions before deciding:

    - per RHK: the majority outcome of its numeric indicators (realisasi against target, in the
      indicator's direction: for waktu, biaya or any indicator marked "makin rendah makin baik",
      coming in under the target exceeds it; `predikat.outcome_of_indicator`);
    - per BerAKHLAK value: the ratee's stored 360 mean from all others (self excluded; only
      groups that passed the anonymity rules), from the latest *published* period of the same
      year that has a result for them (results_gate), else nothing.
    """

    realisasi = {r.indikator_id: r for r in evaluasi.realisasi.all()}
    per_rhk = {}
    for rhk in evaluasi.rencana.rhk.all():
        outcomes = [
            outcome_of_indicator(
                float(i.target_angka) if i.target_angka is not None else None,
                float(realisasi[i.pk].realisasi_angka)
                if i.pk in realisasi and realisasi[i.pk].realisasi_angka is not None
                else None,
                lower_is_better=i.lebih_rendah,
            )
            for i in rhk.indikator.all()
        ]
        known = [(False, o) for o in outcomes if o is not None]
        per_rhk[rhk.pk] = suggest_hasil_kerja(known)

    per_value: dict[str, tuple[float, str]] = {}
    # Only a published period's stored results: the results gate (ASN and atasan read nothing
    # before publication, so reading this page around a rater's submission shows no change).
    latest = (
        periods_with_readable_results(admin=False)
        .filter(tahun=evaluasi.periode_kinerja.tahun_kinerja.tahun)
        .filter(
            pk__in=HasilPerilaku.objects.filter(dinilai=evaluasi.rencana.pegawai).values(
                "periode_id"
            )
        )
        .order_by("-ditutup_pada", "-pk")
        .first()
    )
    if latest is not None:
        for nama, score in HasilAspek.objects.filter(
            periode=latest, dinilai=evaluasi.rencana.pegawai, rerata_orang_lain__isnull=False
        ).values_list("aspek__nama", "rerata_orang_lain"):
            per_value[nama] = (round(score, 2), rating_from_score(score))
    return per_rhk, per_value
