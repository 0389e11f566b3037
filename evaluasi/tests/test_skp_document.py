"""The evaluation documents (services/skp_document.py): the bulk ZIP as a background job."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from evaluasi.tests.factories import EvaluasiKinerjaFactory, PegawaiFactory, admin_opd_account
from evaluasi.tests.skp_steps import decide, submitted_evaluation


def test_bulk_documents_zip_is_a_background_job_scoped_to_the_subtree(
    client, school, opd, settings, tmp_path
):
    import zipfile

    from evaluasi.models import EksporDokumen, JenisUnit, UnitKerja

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    s = school
    evaluasi = submitted_evaluation(s)
    decide(evaluasi, s["kepala"].user, ["sesuai", "sesuai"], hasil="sesuai")
    other = UnitKerja.objects.create(
        kode="LAIN", nama="Dinas Lain", jenis=JenisUnit.OPD, induk=opd.induk
    )
    outsider = PegawaiFactory(unit_kerja=other)
    EvaluasiKinerjaFactory(
        rencana__pegawai=outsider, periode_kinerja=s["periode_kinerja"], predikat="baik"
    )

    admin = admin_opd_account(s["stranger"], opd)
    client.force_login(admin)
    client.post(f"/admin/penilaian/periode/{s['periode'].pk}/distribusi/", {"aksi": "ekspor"})
    ekspor = EksporDokumen.objects.get()
    assert (ekspor.status, ekspor.jumlah, ekspor.selesai_jumlah) == ("selesai", 1, 1)
    response = client.get(f"/admin/penilaian/periode/{s['periode'].pk}/ekspor/{ekspor.pk}/")
    archive = zipfile.ZipFile(BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == [f"evaluasi-kinerja-{s['guru'].nip}.pdf"]
    text = PdfReader(BytesIO(archive.read(archive.namelist()[0]))).pages[0].extract_text()
    assert "Baik" in text and s["guru"].nip in text

    elsewhere = admin_opd_account(outsider, other)
    client.force_login(elsewhere)
    assert (
        client.get(f"/admin/penilaian/periode/{s['periode'].pk}/ekspor/{ekspor.pk}/").status_code
        == 404
    )


def test_signature_date_is_the_wib_date_of_a_decision_made_before_0700_wib(school):
    """A decision at 05.20 WIB on 1 December is 22.20 UTC on 30 November: the document is
    signed with the Indonesian date of the decision, 1 Desember 2026."""
    from datetime import UTC, datetime

    from evaluasi.models import EvaluasiKinerja
    from evaluasi.services.skp_document import evaluation_pdf

    s = school
    evaluasi = submitted_evaluation(s)
    decide(evaluasi, s["kepala"].user, ["sesuai", "sesuai"], hasil="sesuai")
    EvaluasiKinerja.objects.filter(pk=evaluasi.pk).update(
        diputuskan_pada=datetime(2026, 11, 30, 22, 20, tzinfo=UTC)
    )
    evaluasi.refresh_from_db()
    text = " ".join(
        page.extract_text() for page in PdfReader(BytesIO(evaluation_pdf(evaluasi))).pages
    )
    assert "1 Desember 2026" in text
    assert "30-11-2026" not in text and "30 November 2026" not in text


def test_the_document_records_an_upheld_objection_who_decided_it_and_when(school):
    from datetime import UTC, datetime

    from evaluasi.models import Keberatan
    from evaluasi.services import evaluations as ev
    from evaluasi.services.skp_document import evaluation_pdf

    s = school
    evaluasi = submitted_evaluation(s)
    decide(evaluasi, s["kepala"].user, ["sesuai", "sesuai"], hasil="sesuai")
    ev.objection_file(evaluasi_id=evaluasi.pk, user=s["guru"].user, alasan="Realisasi melampaui.")
    with pytest.raises(ev.EvaluationRefused, match="sudah diajukan"):
        ev.objection_file(evaluasi_id=evaluasi.pk, user=s["guru"].user, alasan="Lagi.")
    ev.objection_resolve(
        evaluasi_id=evaluasi.pk,
        user=s["kadis"].user,
        dikabulkan=True,
        keputusan="Realisasi melampaui target.",
        rating_hasil_kerja="di_atas",
        rating_perilaku="sesuai",
    )
    Keberatan.objects.filter(evaluasi=evaluasi).update(
        diputuskan_pada=datetime(2026, 12, 1, 23, 30, tzinfo=UTC)
    )
    evaluasi.refresh_from_db()
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(evaluation_pdf(evaluasi))).pages)
    flat = " ".join(text.split())
    assert "Keberatan dikabulkan oleh" in flat and s["kadis"].nama in flat
    assert "2 Desember 2026 06.30 WIB" in flat
    assert "Predikat sebelum keberatan: Baik" in flat
