"""An admin who controls someone's roster email does not get their account; links in account
emails name the public site, never the Host a request claimed (issue 16, finding 2)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from evaluasi.demo import DEMO_PASSWORD
from evaluasi.demo_roster import ADMIN_OPD_DISDIK, GURU_DEMO
from evaluasi.models import Pegawai, PerubahanEmail

PUBLIC = "https://kinerja.lampungprov.go.id"
EVIL = "phish.example"
GURU = GURU_DEMO[0]


@pytest.fixture(autouse=True)
def _public_site(settings):
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["*"]  # a permissive deployment: the Host header is anything


def _links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def test_activation_of_an_active_account_sends_nothing(roster, client):
    guru = Pegawai.objects.select_related("user").get(nip=GURU)
    assert guru.user.has_usable_password()
    response = client.post("/akun/aktivasi/", {"nip": GURU, "email": guru.email})
    assert response["Location"] == "/akun/aktivasi/terkirim/"  # the same answer as always
    assert mail.outbox == []
    guru.user.refresh_from_db()
    assert guru.user.check_password(DEMO_PASSWORD)


def test_activation_link_ignores_the_host_header(new_asn, client):
    client.post("/akun/aktivasi/", {"nip": new_asn.nip, "email": new_asn.email}, HTTP_HOST=EVIL)
    (message,) = mail.outbox
    assert [link.startswith(PUBLIC + "/akun/aktivasi/") for link in _links(message)] == [True]
    assert EVIL not in message.body


@pytest.mark.parametrize("url", ["/akun/lupa-sandi/", "/admin/password_reset/"])
def test_password_reset_link_ignores_the_host_header(roster, client, url):
    guru = get_user_model().objects.get(username=GURU)
    client.post(url, {"email": guru.email}, HTTP_HOST=EVIL)
    (message,) = mail.outbox
    links = _links(message)
    assert links and all(link.startswith(PUBLIC + "/") for link in links)
    assert EVIL not in message.body


def test_bulk_activation_links_ignore_the_host_header(roster, client):
    client.post("/admin/login/", {"username": ADMIN_OPD_DISDIK[0], "password": DEMO_PASSWORD})
    client.post("/admin/akun/aktivasi-massal/?status=PPPK", HTTP_HOST=EVIL)
    assert mail.outbox
    for message in mail.outbox:
        assert all(link.startswith(PUBLIC + "/akun/aktivasi/") for link in _links(message))


def _admin_edit_email(client, pegawai, email):
    form = {
        "nip": pegawai.nip,
        "nama": pegawai.nama,
        "gelar_depan": pegawai.gelar_depan,
        "gelar_belakang": pegawai.gelar_belakang,
        "status": pegawai.status,
        "golongan": pegawai.golongan,
        "jabatan": pegawai.jabatan,
        "jenis_jabatan": pegawai.jenis_jabatan,
        "unit_kerja": pegawai.unit_kerja_id,
        "nip_atasan": pegawai.atasan.nip if pegawai.atasan_id else "",
        "email": email,
        "no_hp": pegawai.no_hp,
        "aktif": "on",
    }
    return client.post(f"/admin/roster/pegawai/edit/{pegawai.pk}/", form)


def test_admin_email_change_is_recorded_told_to_the_old_address_and_opens_nothing(
    roster, client, django_capture_on_commit_callbacks
):
    guru = Pegawai.objects.get(nip=GURU)
    old = guru.email
    client.post("/admin/login/", {"username": ADMIN_OPD_DISDIK[0], "password": DEMO_PASSWORD})
    with django_capture_on_commit_callbacks(execute=True):
        assert _admin_edit_email(client, guru, "admin.opd@contoh.id").status_code == 302
    guru.refresh_from_db()
    assert guru.email == "admin.opd@contoh.id"

    change = PerubahanEmail.objects.get(pegawai=guru)
    assert (change.email_lama, change.email_baru, change.sumber) == (
        old,
        "admin.opd@contoh.id",
        "admin",
    )
    assert change.diubah_oleh.username == ADMIN_OPD_DISDIK[0] and change.waktu
    (notice,) = mail.outbox
    assert notice.to == [old]
    assert "admin.opd@contoh.id" in notice.body and ADMIN_OPD_DISDIK[0] in notice.body
    assert change.pemberitahuan_terkirim is not None
    mail.outbox.clear()

    # An unchanged save records nothing.
    with django_capture_on_commit_callbacks(execute=True):
        _admin_edit_email(client, guru, "admin.opd@contoh.id")
    assert PerubahanEmail.objects.filter(pegawai=guru).count() == 1 and mail.outbox == []

    # With the new address, neither activation nor a password reset reaches the account.
    client.post("/admin/logout/")
    client.post("/akun/aktivasi/", {"nip": GURU, "email": "admin.opd@contoh.id"})
    client.post("/akun/lupa-sandi/", {"email": "admin.opd@contoh.id"})
    assert mail.outbox == []
    guru.user.refresh_from_db()
    assert guru.user.check_password(DEMO_PASSWORD)


def test_an_account_email_changed_in_wagtails_user_admin_is_recorded_and_told(
    roster, client, django_capture_on_commit_callbacks
):
    """The account email is where a password reset goes: changed by an admin in Wagtail's user
    screen it was neither recorded nor told, so a reset to the new address took the account."""
    from django.contrib.auth.models import User

    guru = Pegawai.objects.get(nip=GURU)
    account = guru.user
    old = account.email = "rina.lama@contoh.id"
    account.save()
    superuser = User.objects.create_superuser("super", password="x-Sup3r-2026")
    client.force_login(superuser)
    form = {
        "username": account.username,
        "email": "pengambil@contoh.id",
        "first_name": account.first_name or "Rina",
        "last_name": account.last_name or "Marlina",
        "is_active": "on",
        "groups": list(account.groups.values_list("pk", flat=True)),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/users/edit/{account.pk}/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    change = PerubahanEmail.objects.get(email_baru="pengambil@contoh.id")
    assert (change.pegawai, change.email_lama, change.diubah_oleh) == (guru, old, superuser)
    (notice,) = mail.outbox
    assert notice.to == [old] and "pengambil@contoh.id" in notice.body
