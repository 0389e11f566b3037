"""Demo: the SMAN 2 teacher rated Butuh Perbaikan has a rencana pengembangan agreed with the kepala
sekolah (docs/skp.md, "Rencana pengembangan"); the teacher rated Kurang/Misconduct is left
without one, so the flow can be tried with the kepala sekolah's demo account."""

from datetime import timedelta

from django.utils import timezone

from .models import EvaluasiKinerja, RencanaPengembangan
from .selectors.skp_pengembangan import development_suggestions
from .services import skp_pengembangan as dev

TUJUAN = (
    "Menuntaskan remedial dan umpan balik tugas paling lambat 5 hari kerja, dan menyusun asesmen "
    "yang mengukur capaian peserta didik dengan jelas. Didampingi kepala sekolah setiap bulan."
)


def development_plan_demo_load(note) -> None:
    """Propose (as the kepala sekolah) and agree (as the teacher) a plan on the first decided
    evaluation with predikat Butuh Perbaikan, with the first suggested workshop and guide.
    Idempotent: skipped when that evaluation already has a plan or there is none."""
    evaluasi = (
        EvaluasiKinerja.objects.filter(predikat="butuh_perbaikan")
        .select_related("rencana__pegawai__user", "rencana__pejabat_penilai__user")
        .order_by("pk")
        .first()
    )
    if evaluasi is None or RencanaPengembangan.objects.filter(evaluasi=evaluasi).exists():
        note("Rencana pengembangan demo", False)
        return
    saran = development_suggestions(evaluasi)
    dev.development_plan_propose(
        evaluasi_id=evaluasi.pk,
        user=evaluasi.rencana.pejabat_penilai.user,
        tujuan=TUJUAN,
        halaman_ids=[p.pk for p in (saran.workshop[:1] + saran.panduan[:1])],
        tanggal_tinjau=timezone.localdate() + timedelta(days=90),
    )
    dev.development_plan_agree(evaluasi_id=evaluasi.pk, user=evaluasi.rencana.pegawai.user)
    note("Rencana pengembangan demo (1 guru, disepakati)", True)
