"""Certificates (services/certificates.py): only for attendees, verifiable, and in bulk as a job."""

from datetime import timedelta

from django.utils import timezone
from pypdf import PdfReader

from evaluasi.demo_roster import ADMIN_BKD
from sosialisasi.models import Pendaftaran, WorkshopPage
from sosialisasi.registration_links import registration_url
from sosialisasi.services.attendance import attendance_mark
from sosialisasi.tests.helpers import PAST


def test_certificate_only_for_attendees_and_verifiable(demo, client):
    workshop = WorkshopPage.objects.get(slug=PAST)
    WorkshopPage.objects.filter(pk=workshop.pk).update(
        selesai=timezone.now() + timedelta(hours=1)
    )  # links still valid
    registrations = Pendaftaran.objects.select_related("workshop").filter(workshop=workshop)
    attendee = registrations.filter(hadir=True).first()
    absent = registrations.filter(hadir=False, status="terkonfirmasi").first()

    pdf = client.get(registration_url(attendee) + "sertifikat.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(
        page.extract_text() for page in PdfReader(__import__("io").BytesIO(pdf.content)).pages
    )
    assert "SERTIFIKAT" in text and attendee.nip in text and attendee.kode_sertifikat in text
    assert client.get(registration_url(absent) + "sertifikat.pdf").status_code == 404

    verified = client.get(f"/sertifikat/{attendee.kode_sertifikat}/")
    assert verified.status_code == 200 and "Sertifikat asli" in verified.content.decode()
    forged = client.get("/sertifikat/AAAA-BBBB-CCCC/")
    assert forged.status_code == 404 and "tidak ditemukan" in forged.content.decode()


def test_bulk_certificates_run_as_a_job_and_download_as_zip(demo, login, settings, tmp_path):
    import io
    import zipfile

    settings.MEDIA_ROOT = tmp_path
    client = login(ADMIN_BKD[0])
    workshop = WorkshopPage.objects.get(slug=PAST)
    for pendaftaran in workshop.pendaftaran.filter(hadir=True):
        attendance_mark(pendaftaran_id=pendaftaran.pk)
    client.post(f"/admin/workshop/pendaftaran/checkin/{workshop.pk}/sertifikat/")
    archive = client.get(f"/admin/workshop/pendaftaran/checkin/{workshop.pk}/sertifikat/")
    names = zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))).namelist()
    assert len(names) == workshop.pendaftaran.filter(hadir=True).count() > 0
