"""Admin OPD scope in the workshop admin's email and certificate actions (issue 15): the
"materi tersedia" email and the certificate ZIP reach only registrants in the acting admin's
units; Admin BKD gets everyone (docs/privasi.md, "Cakupan Admin OPD di workshop")."""

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from pypdf import PdfReader

from cms.roles import ADMIN_OPD
from evaluasi.demo_roster import ADMIN_BKD, ADMIN_OPD_DISDIK
from evaluasi.models import LingkupAdmin, Pegawai, UnitKerja
from sosialisasi.models import Pendaftaran, StatusPendaftaran
from sosialisasi.services.attendance import attendance_mark


def _people(kode, n):
    unit = UnitKerja.objects.get(kode=kode)
    return list(
        Pegawai.objects.filter(unit_kerja__path__startswith=unit.path, aktif=True)
        .exclude(email="")
        .order_by("nip")[:n]
    )


@pytest.fixture
def scoped(demo, make_workshop):
    """One finished workshop with attendees from Disdik (2), Dinkes (2) and one outsider without
    a pegawai record; Admin OPD accounts for Disdik (demo) and Dinkes (made here)."""
    workshop = make_workshop(capacity=20, opens=-10, closes=-5, starts=-2)
    rows = {"DISDIK": [], "DINKES": [], "LUAR": []}
    for kode in ("DISDIK", "DINKES"):
        people = _people(kode, 2)
        assert len(people) == 2
        for pegawai in people:
            rows[kode].append(
                Pendaftaran.objects.create(
                    workshop=workshop,
                    pegawai=pegawai,
                    nip=pegawai.nip,
                    nama=pegawai.nama,
                    email=pegawai.email,
                    status=StatusPendaftaran.TERKONFIRMASI,
                )
            )
    rows["LUAR"].append(
        Pendaftaran.objects.create(
            workshop=workshop,
            nama="Tamu Luar Instansi",
            email="tamu.luar@example.id",
            status=StatusPendaftaran.TERKONFIRMASI,
        )
    )
    for group in rows.values():
        for pendaftaran in group:
            attendance_mark(pendaftaran_id=pendaftaran.pk)
            pendaftaran.refresh_from_db()
    User = get_user_model()
    dinkes_admin = User.objects.create_user("admin-dinkes", password="x-123456")
    dinkes_admin.groups.add(Group.objects.get(name=ADMIN_OPD))
    LingkupAdmin.objects.create(user=dinkes_admin, unit_kerja=UnitKerja.objects.get(kode="DINKES"))
    admins = {
        "DISDIK": User.objects.get(username=ADMIN_OPD_DISDIK[0]),
        "DINKES": dinkes_admin,
        "BKD": User.objects.get(username=ADMIN_BKD[0]),
    }
    return workshop, rows, admins


def _emails(rows, *kodes):
    return sorted(p.email for kode in kodes for p in rows[kode])


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_materials_email_reaches_only_registrants_in_the_admins_scope(scoped, client):
    workshop, rows, admins = scoped
    url = f"/admin/workshop/pendaftaran/kelola/{workshop.pk}/"

    client.force_login(admins["DINKES"])
    mail.outbox.clear()
    page = client.post(url, {"aksi": "materi"}, follow=True)
    assert sorted(m.to[0] for m in mail.outbox) == _emails(rows, "DINKES")
    assert any("2 peserta" in m for m in _messages(page))

    client.force_login(admins["DISDIK"])
    mail.outbox.clear()
    client.post(url, {"aksi": "materi"})
    assert sorted(m.to[0] for m in mail.outbox) == _emails(rows, "DISDIK")

    client.force_login(admins["BKD"])
    mail.outbox.clear()
    page = client.post(url, {"aksi": "materi"}, follow=True)
    assert sorted(m.to[0] for m in mail.outbox) == _emails(rows, "DISDIK", "DINKES", "LUAR")
    assert any("5 peserta" in m for m in _messages(page))


def test_materials_email_with_nobody_in_scope_sends_nothing(scoped, client, make_workshop):
    workshop, rows, admins = scoped
    Pendaftaran.objects.filter(pk__in=[p.pk for p in rows["DINKES"]]).delete()
    client.force_login(admins["DINKES"])
    mail.outbox.clear()
    page = client.post(
        f"/admin/workshop/pendaftaran/kelola/{workshop.pk}/", {"aksi": "materi"}, follow=True
    )
    assert mail.outbox == []
    assert any("Tidak ada peserta" in m for m in _messages(page))


def _archive(client, url) -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200, response
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return {
        name: "".join(
            page.extract_text() for page in PdfReader(io.BytesIO(archive.read(name))).pages
        )
        for name in archive.namelist()
    }


def _who(texts: dict[str, str], rows) -> set[str]:
    """Which registrants (by pk) appear in the archive, by NIP or name in the PDF text."""
    everyone = [p for group in rows.values() for p in group]
    text = "\n".join(texts.values())
    return {p.pk for p in everyone if (p.nip and p.nip in text) or p.nama in text}


def test_certificate_zip_holds_only_attendees_in_the_admins_scope(scoped, client):
    workshop, rows, admins = scoped
    url = f"/admin/workshop/pendaftaran/checkin/{workshop.pk}/sertifikat/"

    client.force_login(admins["DISDIK"])
    client.post(url)
    disdik = _archive(client, url)
    assert len(disdik) == 2
    assert _who(disdik, rows) == {p.pk for p in rows["DISDIK"]}
    assert sorted(disdik) == sorted(f"sertifikat-{p.kode_sertifikat}.pdf" for p in rows["DISDIK"])

    # Dinkes' admin has built nothing yet: Disdik's archive is never served to them.
    client.force_login(admins["DINKES"])
    refused = client.get(url)
    assert refused.status_code != 200
    assert not hasattr(refused, "streaming_content")
    checkin = client.get(f"/admin/workshop/pendaftaran/checkin/{workshop.pk}/")
    assert checkin.context["archive_ready"] is False
    client.post(url)
    dinkes = _archive(client, url)
    assert _who(dinkes, rows) == {p.pk for p in rows["DINKES"]}

    # Disdik's archive is still Disdik's own after Dinkes built theirs.
    client.force_login(admins["DISDIK"])
    assert _who(_archive(client, url), rows) == {p.pk for p in rows["DISDIK"]}

    client.force_login(admins["BKD"])
    client.post(url)
    everything = _archive(client, url)
    assert _who(everything, rows) == {p.pk for group in rows.values() for p in group}
    assert len(everything) == 5


def test_admin_opd_without_a_scope_gets_no_certificate_zip(scoped, client):
    workshop, rows, admins = scoped
    url = f"/admin/workshop/pendaftaran/checkin/{workshop.pk}/sertifikat/"
    client.force_login(admins["BKD"])
    client.post(url)
    assert client.get(url).status_code == 200

    LingkupAdmin.objects.filter(user=admins["DINKES"]).delete()
    client.force_login(admins["DINKES"])
    client.post(url)
    refused = client.get(url)
    assert refused.status_code != 200
    assert not hasattr(refused, "streaming_content")
