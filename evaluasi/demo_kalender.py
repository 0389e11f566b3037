"""Demo: the quarters of Dinas Pendidikan's performance year that have ended, evaluated for the
teachers whose annual evaluation the demo decides (PermenPANRB 6/2022: evaluasi periodik, then
tahunan), so the annual evaluation page shows the year's history."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import date_format

from cms.accounts.services import account_for_pegawai

from .models import EvaluasiKinerja, PeriodeKinerja
from .services import evaluations as ev

WIB = ZoneInfo("Asia/Jakarta")


def periodic_demo_load(note) -> None:
    """The ended quarters' evaluations (realisasi, the kepala sekolah's decision, accepted) of
    every teacher with a decided annual evaluation and no periodic one yet. Each quarter's window
    is opened only while its evaluation is started, then set back, as if it had been done in it."""
    annual = list(
        EvaluasiKinerja.objects.filter(periode_kinerja__jenis="tahunan")
        .exclude(predikat="")
        .select_related("rencana__pegawai", "rencana__pejabat_penilai", "periode_kinerja")
        .order_by("pk")
    )
    done = set(
        EvaluasiKinerja.objects.filter(periode_kinerja__jenis="periodik").values_list(
            "rencana_id", flat=True
        )
    )
    today = timezone.localdate()
    created = 0
    for evaluasi in annual:
        rencana = evaluasi.rencana
        if rencana.pk in done or rencana.pejabat_penilai is None:
            continue
        quarters = PeriodeKinerja.objects.filter(
            tahun_kinerja_id=rencana.tahun_kinerja_id, jenis="periodik", selesai__lt=today
        ).order_by("urutan")
        for periode in quarters:
            _quarter(evaluasi, periode)
            created += 1
    note(f"evaluasi periodik demo ({created} evaluasi triwulan)", bool(created))


def _quarter(annual: EvaluasiKinerja, periode: PeriodeKinerja) -> None:
    rencana = annual.rencana
    user = account_for_pegawai(rencana.pegawai)
    kepala_user = account_for_pegawai(rencana.pejabat_penilai)
    window = (periode.dibuka_pada, periode.ditutup_pada)
    now = timezone.now()
    PeriodeKinerja.objects.filter(pk=periode.pk).update(
        dibuka_pada=now - timedelta(minutes=5), ditutup_pada=now + timedelta(minutes=5)
    )
    try:
        evaluasi = ev.evaluation_start(
            rencana_id=rencana.pk, periode_kinerja_id=periode.pk, user=user
        )
    finally:
        PeriodeKinerja.objects.filter(pk=periode.pk).update(
            dibuka_pada=window[0], ditutup_pada=window[1]
        )
    # The annual evaluation's own spread; a teacher above expectation got there after a first
    # quarter on target (the results rose over the year).
    share = {"di_atas": 1.1, "sesuai": 1.0, "di_bawah": 0.8}[annual.rating_hasil_kerja or "sesuai"]
    if share > 1 and periode.urutan == 1:
        share = 1.0
    capaian = {}
    for rhk in rencana.rhk.all():
        for indikator in rhk.indikator.all():
            if indikator.target_angka is not None:
                target = float(indikator.target_angka)
                angka = (
                    round(target / share, 1) if indikator.lebih_rendah else round(target * share)
                )
                ev.realisasi_save(
                    evaluasi_id=evaluasi.pk, user=user, indikator_id=indikator.pk, angka=str(angka)
                )
            else:
                ev.realisasi_save(
                    evaluasi_id=evaluasi.pk,
                    user=user,
                    indikator_id=indikator.pk,
                    teks=f"Berjalan sesuai rencana hingga {date_text(periode.selesai)}.",
                )
        rating = "di_atas" if share > 1 else "sesuai" if share == 1 else "di_bawah"
        capaian[rhk.pk] = (rating, f"Catatan {periode.nama}: pertahankan dan tingkatkan.")
    ev.realisasi_submit(evaluasi_id=evaluasi.pk, user=user)
    perilaku = annual.rating_perilaku or "sesuai"
    ev.evaluation_decide(
        evaluasi_id=evaluasi.pk,
        user=kepala_user,
        capaian=capaian,
        perilaku=dict.fromkeys(ev.BERAKHLAK, perilaku),
        rating_hasil_kerja=ev.suggestion_for(evaluasi, {pk: r for pk, (r, _) in capaian.items()}),
        rating_perilaku=perilaku,
    )
    ev.evaluation_accept(evaluasi_id=evaluasi.pk, user=user)
    # Dated as if decided in the quarter's window: a week after it ended, 10.00 WIB.
    decided = datetime.combine(periode.selesai + timedelta(days=7), time(10), tzinfo=WIB)
    EvaluasiKinerja.objects.filter(pk=evaluasi.pk).update(diputuskan_pada=decided)


def date_text(day: date) -> str:
    """`day` as "31 Maret 2026"."""
    return date_format(day, "j F Y")
