"""Registrations admin: Admin OPD scoping, exports, check-in, certificates and verification."""

from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from evaluasi.demo import DEMO_PASSWORD
from evaluasi.demo_roster import ADMIN_BKD, ADMIN_OPD_DISDIK
from sosialisasi.models import Pendaftaran, WorkshopPage
from sosialisasi.registration_links import registration_url
from sosialisasi.services.attendance import attendance_mark

PAST = "sosialisasi-penilaian-kinerja-angkatan-1"


@pytest.fixture
def login(client):
    def do(nip):
        assert (
            client.post("/admin/login/", {"username": nip, "password": DEMO_PASSWORD}).status_code
            == 302
        )
        return client

    return do


def test_admin_opd_sees_only_registrations_from_their_subtree(demo, login):
    client = login(ADMIN_OPD_DISDIK[0])
    listing = client.get("/admin/workshop/pendaftaran/")
    expected = Pendaftaran.objects.filter(
        pegawai__unit_kerja__path__startswith=_disdik_path()
    ).count()
    assert listing.context["paginator"].count == expected > 0
    export_all = b"".join(
        client.get("/admin/workshop/pendaftaran/?export=csv").streaming_content
    ).decode()
    listed = {p.email for p in Pendaftaran.objects.all() if p.email in export_all}
    inside = set(
        Pendaftaran.objects.filter(
            pegawai__unit_kerja__path__startswith=_disdik_path()
        ).values_list("email", flat=True)
    )
    assert listed == inside
    outsider = Pendaftaran.objects.exclude(
        pegawai__unit_kerja__path__startswith=_disdik_path()
    ).first()
    assert client.get(f"/admin/workshop/pendaftaran/edit/{outsider.pk}/").status_code == 404
    export = b"".join(
        client.get("/admin/workshop/pendaftaran/?export=csv").streaming_content
    ).decode()
    assert outsider.email not in export


def _disdik_path():
    from evaluasi.models import UnitKerja

    return UnitKerja.objects.get(kode="DISDIK").path


def test_checkin_marks_attendance_once_and_refuses_waitlisted(demo, login):
    client = login(ADMIN_BKD[0])
    workshop = WorkshopPage.objects.get(slug="memberi-umpan-balik-360")
    confirmed = workshop.pendaftaran.filter(status="terkonfirmasi").first()
    page = client.get(
        f"/admin/workshop/pendaftaran/checkin/{workshop.pk}/", {"q": confirmed.nama.split()[0]}
    )
    assert confirmed in page.context["rows"]
    client.post(
        f"/admin/workshop/pendaftaran/checkin/{workshop.pk}/",
        {"pendaftaran": confirmed.pk, "hadir": "1"},
    )
    confirmed.refresh_from_db()
    first_code = confirmed.kode_sertifikat
    assert confirmed.hadir and first_code
    assert attendance_mark(pendaftaran_id=confirmed.pk).kode_sertifikat == first_code  # idempotent

    waiting = workshop.pendaftaran.filter(status="daftar_tunggu").first()
    response = client.post(
        f"/admin/workshop/pendaftaran/checkin/{workshop.pk}/",
        {"pendaftaran": waiting.pk, "hadir": "1"},
    )
    assert response.status_code == 404  # the check-in list holds confirmed registrants only
    waiting.refresh_from_db()
    assert not waiting.hadir


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


def test_admin_opd_cannot_check_in_outside_scope(demo, login):
    client = login(ADMIN_OPD_DISDIK[0])
    workshop = WorkshopPage.objects.get(slug="memberi-umpan-balik-360")
    outsider = (
        workshop.pendaftaran.filter(status="terkonfirmasi")
        .exclude(pegawai__unit_kerja__path__startswith=_disdik_path())
        .first()
    )
    response = client.post(
        f"/admin/workshop/pendaftaran/checkin/{workshop.pk}/",
        {"pendaftaran": outsider.pk, "hadir": "1"},
    )
    assert response.status_code == 404
    outsider.refresh_from_db()
    assert not outsider.hadir


def test_qr_code_in_confirmation_checks_the_person_in(
    demo, login, django_capture_on_commit_callbacks
):
    import re

    from django.core import mail

    from sosialisasi.services.registrations import registration_create

    workshop = WorkshopPage.objects.get(slug="berakhlak-dalam-layanan-publik")
    with django_capture_on_commit_callbacks(execute=True):
        pendaftaran = registration_create(
            workshop_id=workshop.pk, nama="Tamu QR", instansi="Pemkab", email="qr@contoh.id"
        ).pendaftaran
    attachments = {name: content for name, content, _ in mail.outbox[-1].attachments}
    assert attachments["qr-presensi.png"].startswith(b"\x89PNG")

    from sosialisasi.registration_links import checkin_url

    url = checkin_url(pendaftaran)
    client = login(ADMIN_BKD[0])
    assert "Tamu QR" in client.get(url).content.decode()
    client.post(url)
    pendaftaran.refresh_from_db()
    assert pendaftaran.hadir
    assert client.get(re.sub(r"/scan/[^/]+/", "/scan/palsu/", url)).status_code == 404


def test_admin_cancel_promotes_the_first_waiting(demo, login, django_capture_on_commit_callbacks):
    from django.core import mail

    client = login(ADMIN_BKD[0])
    workshop = WorkshopPage.objects.get(slug="memberi-umpan-balik-360")
    confirmed = workshop.pendaftaran.filter(status="terkonfirmasi").first()
    first_waiting = (
        workshop.pendaftaran.filter(status="daftar_tunggu").order_by("dibuat", "id").first()
    )
    assert "Batalkan pendaftaran" in client.get("/admin/workshop/pendaftaran/").content.decode()
    assert (
        "Ya, batalkan"
        in client.get(f"/admin/workshop/pendaftaran/batal/{confirmed.pk}/").content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/workshop/pendaftaran/batal/{confirmed.pk}/")
    first_waiting.refresh_from_db()
    assert first_waiting.status == "terkonfirmasi"
    assert any(m.to == [first_waiting.email] for m in mail.outbox)


def test_admin_opd_cannot_cancel_outside_scope(demo, login):
    client = login(ADMIN_OPD_DISDIK[0])
    outsider = (
        Pendaftaran.objects.exclude(pegawai__unit_kerja__path__startswith=_disdik_path())
        .filter(status="terkonfirmasi")
        .first()
    )
    assert client.post(f"/admin/workshop/pendaftaran/batal/{outsider.pk}/").status_code == 404
    outsider.refresh_from_db()
    assert outsider.status == "terkonfirmasi"


def test_bulk_actions_on_selected_registrations(demo, login, django_capture_on_commit_callbacks):
    from django.core import mail

    client = login(ADMIN_BKD[0])
    workshop = WorkshopPage.objects.get(slug="memberi-umpan-balik-360")
    url = f"/admin/workshop/pendaftaran/kelola/{workshop.pk}/"
    confirmed = list(workshop.pendaftaran.filter(status="terkonfirmasi").order_by("id")[:2])
    waiting = list(workshop.pendaftaran.filter(status="daftar_tunggu").order_by("dibuat", "id")[:3])

    client.post(url, {"aksi": "hadir", "pilih": [p.pk for p in confirmed]})
    assert workshop.pendaftaran.filter(pk__in=[p.pk for p in confirmed], hadir=True).count() == 2

    # Promotion never overbooks: the workshop is full, so nobody moves up.
    response = client.post(url, {"aksi": "promosikan", "pilih": [waiting[0].pk]}, follow=True)
    assert "Kuota" in response.content.decode()
    waiting[0].refresh_from_db()
    assert waiting[0].status == "daftar_tunggu"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"aksi": "batal", "pilih": [confirmed[0].pk]})
    waiting[0].refresh_from_db()
    assert waiting[0].status == "terkonfirmasi"  # promoted automatically into the freed seat

    mail.outbox.clear()
    client.post(
        url,
        {
            "aksi": "email",
            "pilih": [waiting[1].pk, waiting[2].pk],
            "subjek": "Perubahan ruang",
            "pesan": "Workshop pindah ke Aula 2.",
        },
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([waiting[1].email, waiting[2].email])
    assert "Aula 2" in mail.outbox[0].body and "/pendaftaran/" in mail.outbox[0].body


def test_materials_appear_after_the_event_and_are_announced(demo, login, client):
    from django.core import mail
    from wagtail.documents import get_document_model

    from sosialisasi.models import MateriWorkshop

    past = WorkshopPage.objects.get(slug=PAST)
    upcoming = WorkshopPage.objects.get(slug="memberi-umpan-balik-360")
    document = get_document_model().objects.first()
    for workshop in (past, upcoming):
        MateriWorkshop.objects.create(page=workshop, dokumen=document, judul="Slide pemaparan")
    assert "Slide pemaparan" in client.get(past.url).content.decode()
    assert "Slide pemaparan" not in client.get(upcoming.url).content.decode()

    admin = login(ADMIN_BKD[0])
    mail.outbox.clear()
    admin.post(f"/admin/workshop/pendaftaran/kelola/{past.pk}/", {"aksi": "materi"})
    assert len(mail.outbox) == past.pendaftaran.filter(status="terkonfirmasi").count()
    assert mail.outbox[0].subject.startswith("Materi workshop tersedia")
