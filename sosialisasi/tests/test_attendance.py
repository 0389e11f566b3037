"""Check-in (services/attendance.py): once, never for the waiting list, never outside the admin's
scope, and by the QR code in the confirmation."""

from evaluasi.demo_roster import ADMIN_BKD, ADMIN_OPD_DISDIK
from sosialisasi.models import WorkshopPage
from sosialisasi.services.attendance import attendance_mark
from sosialisasi.tests.helpers import disdik_path, started


def test_checkin_marks_attendance_once_and_refuses_waitlisted(demo, login):
    client = login(ADMIN_BKD[0])
    workshop = WorkshopPage.objects.get(slug="memberi-umpan-balik-360")
    confirmed = workshop.pendaftaran.filter(status="terkonfirmasi").first()
    page = client.get(
        f"/admin/workshop/pendaftaran/checkin/{workshop.pk}/", {"q": confirmed.nama.split()[0]}
    )
    assert confirmed in page.context["rows"]
    # Days before the workshop: no attendance, so no certificate (and no jam pelajaran) yet.
    early = client.post(
        f"/admin/workshop/pendaftaran/checkin/{workshop.pk}/",
        {"pendaftaran": confirmed.pk, "hadir": "1"},
        follow=True,
    )
    assert "Presensi baru dapat dicatat mulai" in early.content.decode()
    confirmed.refresh_from_db()
    assert not confirmed.hadir and confirmed.kode_sertifikat is None

    started(workshop)
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


def test_admin_opd_cannot_check_in_outside_scope(demo, login):
    client = login(ADMIN_OPD_DISDIK[0])
    workshop = WorkshopPage.objects.get(slug="memberi-umpan-balik-360")
    outsider = (
        workshop.pendaftaran.filter(status="terkonfirmasi")
        .exclude(pegawai__unit_kerja__path__startswith=disdik_path())
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
    started(workshop, minutes=-90)  # check-in opens two hours before the start
    client = login(ADMIN_BKD[0])
    assert "Tamu QR" in client.get(url).content.decode()
    client.post(url)
    pendaftaran.refresh_from_db()
    assert pendaftaran.hadir
    assert client.get(re.sub(r"/scan/[^/]+/", "/scan/palsu/", url)).status_code == 404
