"""The 360 report as a PDF (services/report_document.py): charts and figures without rater names,
and the unit's reports as one ZIP."""

from evaluasi.models import PeriodePenilaian
from evaluasi.tests.factories import admin_opd_account
from evaluasi.tests.ratings import publish


def test_pdf_has_the_charts_and_figures_and_no_rater_names(client, periode_dibuka, rated):
    from io import BytesIO

    from pypdf import PdfReader

    boss, ratee, peers, reports = rated
    publish(periode_dibuka)
    client.force_login(ratee.user)
    response = client.get(f"/penilaian/hasil/{periode_dibuka.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    assert "LAPORAN PENILAIAN 360 DERAJAT" in text and ratee.nip in text
    assert "Rekan kerja 3 orang" in text and "2 penilaian tidak ditampilkan" in text
    assert (
        "Berorientasi Pelayanan" in text and "Semua penilai lain" in text
    )  # radar legend (SVG text)
    for person in [boss, *peers, *reports]:
        assert person.nama not in text
    client.force_login(peers[0].user)
    assert client.get(f"/penilaian/hasil/{periode_dibuka.pk}/{ratee.pk}/pdf/").status_code == 404


def test_bulk_report_pdfs_zip_for_the_unit(client, opd, periode_dibuka, rated, settings, tmp_path):
    import zipfile
    from io import BytesIO

    from evaluasi.models import EksporDokumen, HasilPerilaku

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    boss, ratee, peers, reports = rated
    admin = admin_opd_account(reports[1], opd)
    client.force_login(admin)
    dashboard = f"/admin/penilaian/periode/{periode_dibuka.pk}/dasbor/"
    refused = client.post(dashboard, follow=True).content.decode()
    assert "belum dapat dibaca" in refused and not EksporDokumen.objects.exists()  # still open
    PeriodePenilaian.objects.filter(pk=periode_dibuka.pk).update(status="hasil_dihitung")
    client.post(dashboard)
    ekspor = EksporDokumen.objects.get(jenis="laporan_360")
    expected = HasilPerilaku.objects.filter(periode=periode_dibuka).count()
    assert (ekspor.status, ekspor.jumlah) == ("selesai", expected)
    response = client.get(f"/admin/penilaian/periode/{periode_dibuka.pk}/ekspor/{ekspor.pk}/")
    archive = zipfile.ZipFile(BytesIO(b"".join(response.streaming_content)))
    assert (
        f"laporan-360-{ratee.nip}.pdf" in archive.namelist() and len(archive.namelist()) == expected
    )
