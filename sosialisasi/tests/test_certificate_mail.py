"""Certificates reach people (services/attendance.py, registration_mail.py): marking attendance
emails the attendee their certificate link once; an organiser's release emails every attendee in
their scope not yet emailed; nobody else gets one."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from evaluasi.demo_roster import ADMIN_BKD, ADMIN_OPD_DISDIK
from sosialisasi.models import Pendaftaran, WorkshopPage
from sosialisasi.services.attendance import AttendanceRefused, attendance_mark
from sosialisasi.tests.helpers import PAST, disdik_path, register, started


def _certificate_mails():
    return [m for m in mail.outbox if m.subject.startswith("Sertifikat Anda")]


def test_marking_attendance_emails_the_certificate_link_once(make_workshop, committed, client):
    workshop = make_workshop(capacity=1)
    with committed():
        attendee = register(workshop, 1).pendaftaran
        waiting = register(workshop, 2).pendaftaran
    mail.outbox.clear()
    started(workshop)

    with committed():
        attendance_mark(pendaftaran_id=attendee.pk)
    (sent,) = _certificate_mails()
    attendee.refresh_from_db()
    assert sent.to == ["tamu1@contoh.id"] and workshop.title in sent.subject
    assert attendee.sertifikat_dikirim is not None
    assert attendee.kode_sertifikat in sent.body
    assert f"/sertifikat/{attendee.kode_sertifikat}/" in sent.body  # public verification
    html = sent.alternatives[0][0]
    assert "Unduh sertifikat" in html and attendee.kode_sertifikat in html
    link = re.search(r"https?://\S+/sertifikat\.pdf", sent.body).group(0)
    pdf = client.get(urlsplit(link).path)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"

    # Marked again, or unmarked and marked again: still one email.
    with committed():
        attendance_mark(pendaftaran_id=attendee.pk)
        attendance_mark(pendaftaran_id=attendee.pk, hadir=False)
        attendance_mark(pendaftaran_id=attendee.pk)
    assert len(_certificate_mails()) == 1

    # Nobody who is not marked present gets one (the waiting list cannot be marked present).
    with committed(), pytest.raises(AttendanceRefused):
        attendance_mark(pendaftaran_id=waiting.pk)
    assert len(_certificate_mails()) == 1


def test_release_emails_each_attendee_in_scope_not_yet_emailed(demo, login, committed):
    workshop = WorkshopPage.objects.get(slug=PAST)
    # The demo marked its attendees directly, as attendance taken before these emails existed.
    attendees = Pendaftaran.objects.filter(workshop=workshop, hadir=True)
    absent = Pendaftaran.objects.filter(workshop=workshop, hadir=False)
    in_disdik = attendees.filter(pegawai__unit_kerja__path__startswith=disdik_path())
    assert attendees.count() > in_disdik.count() > 0 and absent.exists()
    assert not attendees.filter(sertifikat_dikirim__isnull=False).exists()
    url = f"/admin/workshop/pendaftaran/kelola/{workshop.pk}/"

    client = login(ADMIN_OPD_DISDIK[0])
    assert "belum menerimanya" in client.get(url).content.decode()
    with committed():
        client.post(url, {"aksi": "sertifikat"})
    assert sorted(m.to[0] for m in _certificate_mails()) == sorted(
        in_disdik.values_list("email", flat=True)
    )

    client = login(ADMIN_BKD[0])
    with committed():
        client.post(url, {"aksi": "sertifikat"})
    assert len(_certificate_mails()) == attendees.count()  # the others, each once
    assert not attendees.filter(sertifikat_dikirim__isnull=True).exists()
    assert not absent.filter(sertifikat_dikirim__isnull=False).exists()

    with committed():
        response = client.post(url, {"aksi": "sertifikat"}, follow=True)
    assert "sudah menerima email sertifikat" in response.content.decode()
    assert len(_certificate_mails()) == attendees.count()
