"""The SKP evaluation (services/evaluations.py): realisation, the decision and its predikat,
objections, and the private evidence files."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfReader

from evaluasi.models import (
    PeriodeKinerja,
    RencanaKerja,
    RiwayatSKP,
    StatusEvaluasi,
)
from evaluasi.services import evaluations as ev
from evaluasi.services import skp as sk
from evaluasi.tests.factories import admin_opd_account
from evaluasi.tests.skp_steps import approved_skp, decide, submitted_evaluation


def test_evaluation_predikat_objection_and_resolution(client, school):
    s = school
    guru, kepala, kadis = s["guru"], s["kepala"], s["kadis"]
    rencana = approved_skp(s)
    evaluasi = ev.evaluation_start(
        rencana_id=rencana.pk, periode_kinerja_id=s["periode_kinerja"].pk, user=guru.user
    )
    with pytest.raises(sk.SkpRefused, match="terisi 0 dari 2"):
        ev.realisasi_submit(evaluasi_id=evaluasi.pk, user=guru.user)
    client.force_login(guru.user)
    indicators = [i for rhk in rencana.rhk.order_by("pk") for i in rhk.indikator.all()]
    client.post(
        f"/skp/evaluasi/{evaluasi.pk}/",
        {
            "aksi": "realisasi",
            "ajukan": "1",
            f"angka_{indicators[0].pk}": "90,5",
            f"angka_{indicators[1].pk}": "3",
        },
    )
    evaluasi.refresh_from_db()
    assert evaluasi.status == StatusEvaluasi.DIAJUKAN

    with pytest.raises(sk.SkpRefused, match="pejabat penilai"):
        decide(evaluasi, kadis.user, ["di_atas", "di_atas"], hasil="di_atas")
    decide(evaluasi, kepala.user, ["di_atas", "di_atas"], perilaku="di_atas", hasil="di_atas")
    evaluasi.refresh_from_db()
    assert (evaluasi.saran_hasil_kerja, evaluasi.predikat) == ("di_atas", "sangat_baik")
    assert evaluasi.diputuskan_oleh == kepala.user

    pdf = client.get(f"/skp/evaluasi/{evaluasi.pk}/dokumen/")
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages)
    assert "DOKUMEN EVALUASI KINERJA PEGAWAI" in text and guru.nip in text and kepala.nip in text
    assert (
        "90,5 %" in text
        and "85 %" in text
        and "Sangat Baik" in text
        and "Hasil belajar meningkat" in text
    )

    ev.objection_file(
        evaluasi_id=evaluasi.pk, user=guru.user, alasan="Realisasi semester dua belum dihitung."
    )
    with pytest.raises(sk.SkpRefused, match="atasan pejabat penilai"):
        ev.objection_resolve(
            evaluasi_id=evaluasi.pk, user=kepala.user, dikabulkan=False, keputusan="x"
        )
    with pytest.raises(sk.SkpRefused, match="atasan pejabat penilai"):
        ev.objection_resolve(
            evaluasi_id=evaluasi.pk, user=s["stranger"].user, dikabulkan=False, keputusan="x"
        )
    ev.objection_resolve(
        evaluasi_id=evaluasi.pk, user=kadis.user, dikabulkan=True, keputusan="Dihitung ulang.",
        rating_hasil_kerja="di_atas", rating_perilaku="sesuai",
    )  # fmt: skip
    evaluasi.refresh_from_db()
    assert (evaluasi.status, evaluasi.predikat) == ("final", "baik")
    assert evaluasi.keberatan.predikat_sebelum == "sangat_baik"
    assert RiwayatSKP.objects.filter(evaluasi=evaluasi, aksi="keberatan dikabulkan").exists()


@pytest.mark.parametrize(
    ("capaian", "hasil", "perilaku", "predikat"),
    [
        (["di_bawah", "sesuai"], "di_bawah", "sesuai", "butuh_perbaikan"),
        (["sesuai", "sesuai"], "sesuai", "di_bawah", "kurang"),
    ],
)
def test_decision_stores_the_matrix_predikat(school, capaian, hasil, perilaku, predikat):
    s = school
    evaluasi = submitted_evaluation(s)
    decide(evaluasi, s["kepala"].user, capaian, perilaku=perilaku, hasil=hasil)
    evaluasi.refresh_from_db()
    assert evaluasi.predikat == predikat


def test_objection_window_and_admin_opd_resolution(school, opd):
    s = school
    evaluasi = submitted_evaluation(s)
    decide(evaluasi, s["kepala"].user, ["sesuai", "sesuai"], hasil="sesuai")
    evaluasi.refresh_from_db()
    late = evaluasi.diputuskan_pada + timedelta(days=15)
    with pytest.raises(sk.SkpRefused, match="sudah lewat"):
        ev.objection_file(evaluasi_id=evaluasi.pk, user=s["guru"].user, alasan="x", now=late)
    ev.objection_file(evaluasi_id=evaluasi.pk, user=s["guru"].user, alasan="Tidak sesuai.")
    admin = admin_opd_account(s["stranger"], opd)
    ev.objection_resolve(
        evaluasi_id=evaluasi.pk, user=admin, dikabulkan=False, keputusan="Sesuai bukti."
    )
    evaluasi.refresh_from_db()
    assert (evaluasi.status, evaluasi.predikat, evaluasi.keberatan.status) == (
        "final",
        "baik",
        "ditolak",
    )


def _started_evaluation(s):
    """The guru's evaluation on an approved SKP, and its first indicator."""
    rencana = approved_skp(s)
    evaluasi = ev.evaluation_start(
        rencana_id=rencana.pk, periode_kinerja_id=s["periode_kinerja"].pk, user=s["guru"].user
    )
    return evaluasi, rencana.rhk.order_by("pk").first().indikator.first()


def _save_evidence(s, evaluasi, indikator, berkas, angka="1"):
    """The guru saves a realisation with an evidence file."""
    return ev.realisasi_save(
        evaluasi_id=evaluasi.pk,
        user=s["guru"].user,
        indikator_id=indikator.pk,
        angka=angka,
        berkas=berkas,
    )


def test_evidence_files_are_private_checked_and_served_only_to_those_allowed(
    client, school, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    s = school
    evaluasi, indikator = _started_evaluation(s)
    fake = SimpleUploadedFile("bukti.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(sk.SkpRefused, match="tidak sesuai"):
        _save_evidence(s, evaluasi, indikator, fake)
    exe = SimpleUploadedFile("bukti.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(sk.SkpRefused, match="PDF"):
        _save_evidence(s, evaluasi, indikator, exe)
    real = SimpleUploadedFile("rapor.pdf", b"%PDF-1.4 rapor", content_type="application/pdf")
    row = _save_evidence(s, evaluasi, indikator, real, angka="88")
    assert str(settings.PRIVATE_MEDIA_ROOT) in row.bukti_berkas.path
    assert not (tmp_path / "media").exists()

    url = f"/skp/evaluasi/{evaluasi.pk}/bukti/{indikator.pk}/"
    for allowed in (s["guru"], s["kepala"], s["kadis"]):
        client.force_login(allowed.user)
        assert b"".join(client.get(url).streaming_content) == b"%PDF-1.4 rapor"
    for denied in (s["guru2"], s["stranger"]):
        client.force_login(denied.user)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_no_skp_for_a_published_period_and_a_bad_file_saves_no_row(
    client, school, settings, tmp_path
):
    from evaluasi.models import RealisasiIndikator

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    s = school
    rencana = approved_skp(s)
    evaluasi = ev.evaluation_start(
        rencana_id=rencana.pk, periode_kinerja_id=s["periode_kinerja"].pk, user=s["guru"].user
    )
    first, second = [rhk.indikator.first() for rhk in rencana.rhk.order_by("pk")]
    client.force_login(s["guru"].user)
    bad = SimpleUploadedFile("bukti.pdf", b"not a pdf", content_type="application/pdf")
    response = client.post(
        f"/skp/evaluasi/{evaluasi.pk}/",
        {
            "aksi": "realisasi",
            f"angka_{first.pk}": "90",
            f"angka_{second.pk}": "3",
            f"berkas_{second.pk}": bad,
        },
        follow=True,
    )
    assert "tidak sesuai dengan ekstensinya" in response.content.decode()
    assert not RealisasiIndikator.objects.filter(
        evaluasi=evaluasi
    ).exists()  # first row rolled back too

    # A year whose annual window has closed takes no new SKP.
    PeriodeKinerja.objects.filter(pk=s["periode_kinerja"].pk).update(
        ditutup_pada=timezone.now() - timedelta(days=1)
    )
    client.force_login(s["guru2"].user)
    client.post("/skp/", {"tahun_kinerja": s["tahun_kinerja"].pk})
    assert not RencanaKerja.objects.filter(pegawai=s["guru2"]).exists()


def test_an_oversized_evidence_file_is_refused_and_nothing_is_written(school, settings, tmp_path):
    from evaluasi.services.evaluations import MAX_BUKTI_BYTES

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    s = school
    evaluasi, indikator = _started_evaluation(s)
    big = SimpleUploadedFile(
        "besar.pdf", b"%PDF-1.4" + b"0" * MAX_BUKTI_BYTES, content_type="application/pdf"
    )
    with pytest.raises(sk.SkpRefused, match="5 MB"):
        _save_evidence(s, evaluasi, indikator, big)
    assert not evaluasi.realisasi.exists()
    assert not (tmp_path / "private").exists() or not any((tmp_path / "private").rglob("*.pdf"))
