"""SKP steps shared by the SKP, evaluation, organisation, award and document tests: an approved
plan, an evaluation awaiting the decision, and the decision, each through the services."""

from evaluasi.models import EvaluasiKinerja
from evaluasi.services import evaluations as ev
from evaluasi.services import skp as sk


def indicator_rows(teks="Persentase siswa tuntas", target="85", satuan="%"):
    return [{"teks": teks, "aspek": "kuantitas", "target_angka": target, "satuan": satuan}]


def approved_skp(s):
    guru, kepala = s["guru"], s["kepala"]
    rencana = sk.skp_start(pegawai=guru, tahun_kinerja_id=s["tahun_kinerja"].pk, user=guru.user)
    sk.rhk_add(
        rencana_id=rencana.pk,
        user=guru.user,
        jenis="utama",
        teks="Hasil belajar meningkat",
        indikator=indicator_rows(),
    )
    sk.rhk_add(
        rencana_id=rencana.pk,
        user=guru.user,
        jenis="tambahan",
        teks="Berbagi praktik baik",
        indikator=indicator_rows("Jumlah berbagi", "2", "kali"),
    )
    sk.skp_submit(rencana_id=rencana.pk, user=guru.user)
    sk.skp_approve(rencana_id=rencana.pk, user=kepala.user)
    return rencana


def decide(evaluasi, user, capaian, perilaku="sesuai", hasil=None, perilaku_overall=None):
    rhks = list(evaluasi.rencana.rhk.order_by("pk"))
    return ev.evaluation_decide(
        evaluasi_id=evaluasi.pk,
        user=user,
        capaian={rhk.pk: (c, "Bagus") for rhk, c in zip(rhks, capaian, strict=True)},
        perilaku=dict.fromkeys(ev.BERAKHLAK, perilaku),
        rating_hasil_kerja=hasil,
        rating_perilaku=perilaku_overall or perilaku,
    )


def submitted_evaluation(s):
    """The guru's evaluation of an approved SKP, put straight to "diajukan" (awaiting the decision)."""
    rencana = approved_skp(s)
    evaluasi = ev.evaluation_start(
        rencana_id=rencana.pk, periode_kinerja_id=s["periode_kinerja"].pk, user=s["guru"].user
    )
    EvaluasiKinerja.objects.filter(pk=evaluasi.pk).update(status="diajukan")
    return evaluasi


def draft_skp(s):
    """The guru's draft SKP with one RHK utama (one indicator: 85 %) and one RHK tambahan."""
    guru = s["guru"]
    rencana = sk.skp_start(pegawai=guru, tahun_kinerja_id=s["tahun_kinerja"].pk, user=guru.user)
    for jenis, teks, rows in (
        ("utama", "Hasil belajar meningkat", indicator_rows()),
        ("tambahan", "Berbagi praktik baik", indicator_rows("Jumlah berbagi", "2", "kali")),
    ):
        sk.rhk_add(rencana_id=rencana.pk, user=guru.user, jenis=jenis, teks=teks, indikator=rows)
    return rencana
