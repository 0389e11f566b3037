"""ASN accounts: NIP login, lockout, activation by email, password reset, own profile only."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from evaluasi.demo import DEMO_PASSWORD
from evaluasi.demo_roster import GURU_DEMO, KEPALA_SMAN2
from evaluasi.models import Pegawai, UnitKerja

GURU = GURU_DEMO[0]


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/akun/\S+/)", message.body).group(1)


def test_login_with_nip_typed_with_spaces(roster, client):
    spaced = f"{GURU[:8]} {GURU[8:14]} {GURU[14]} {GURU[15:]}"
    response = client.post("/akun/masuk/", {"username": spaced, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    profile = client.get("/akun/")
    assert profile.context["pegawai"].nip == GURU


def test_wrong_password_says_so_in_indonesian(roster, client):
    response = client.post("/akun/masuk/", {"username": GURU, "password": "salah"})
    assert response.status_code == 200
    assert "NIP atau kata sandi salah" in response.content.decode()


def test_repeated_failures_lock_the_account_for_a_while(roster, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/akun/masuk/", {"username": GURU, "password": "salah"})
    locked = client.post("/akun/masuk/", {"username": GURU, "password": DEMO_PASSWORD})
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_profile_shows_only_own_data(roster, client):
    client.post("/akun/masuk/", {"username": GURU, "password": DEMO_PASSWORD})
    html = client.get("/akun/").content.decode()
    assert GURU in html
    assert KEPALA_SMAN2[0] not in html  # the atasan is named, their NIP is not shown
    assert client.get("/akun/?nip=" + KEPALA_SMAN2[0]).context["pegawai"].nip == GURU


def test_profile_requires_login(client, db):
    response = client.get("/akun/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/")


def test_activation_sends_a_link_that_sets_the_password_once(new_asn, client):
    response = client.post("/akun/aktivasi/", {"nip": new_asn.nip, "email": new_asn.email.upper()})
    assert response["Location"] == "/akun/aktivasi/terkirim/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [new_asn.email]
    link = _link(mail.outbox[0])

    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url,
        {"new_password1": "Lampung-Berakhlak-2026", "new_password2": "Lampung-Berakhlak-2026"},
    )
    assert done["Location"] == "/akun/"
    new_asn.refresh_from_db()
    assert new_asn.user.username == new_asn.nip
    assert new_asn.user.check_password("Lampung-Berakhlak-2026")

    client.post("/akun/keluar/")
    reused = client.get(link, follow=True)
    assert not reused.context["validlink"]
    assert "tidak berlaku lagi" in reused.content.decode()


def test_activation_does_not_reveal_unknown_nip_or_wrong_email(new_asn, client):
    wrong_email = client.post("/akun/aktivasi/", {"nip": new_asn.nip, "email": "orang@lain.id"})
    unknown = client.post("/akun/aktivasi/", {"nip": "199001012015011999", "email": "x@y.id"})
    assert wrong_email["Location"] == unknown["Location"] == "/akun/aktivasi/terkirim/"
    assert mail.outbox == []
    assert not get_user_model().objects.filter(username=new_asn.nip).exists()


def test_activation_is_rate_limited_per_nip(new_asn, client, settings):
    for _ in range(settings.ACTIVATION_RATE_PER_NIP):
        client.post("/akun/aktivasi/", {"nip": new_asn.nip, "email": new_asn.email})
    blocked = client.post("/akun/aktivasi/", {"nip": new_asn.nip, "email": new_asn.email})
    assert blocked.status_code == 429
    assert "Terlalu banyak permintaan" in blocked.content.decode()
    assert len(mail.outbox) == settings.ACTIVATION_RATE_PER_NIP


@pytest.mark.parametrize("url", ["/akun/lupa-sandi/", "/admin/password_reset/"])
def test_password_reset_mails_are_rate_limited_per_ip(roster, client, settings, url):
    """Both reset forms (ours by NIP email, Wagtail's for admin accounts) share one limit."""
    guru = Pegawai.objects.get(nip=GURU)
    for _ in range(settings.ACTIVATION_RATE_PER_IP):
        assert client.post(url, {"email": guru.email}).status_code == 302
    blocked = client.post(url, {"email": guru.email})
    assert blocked.status_code == 429
    assert "Terlalu banyak permintaan" in blocked.content.decode()
    assert len(mail.outbox) == settings.ACTIVATION_RATE_PER_IP
    other = "/admin/password_reset/" if url == "/akun/lupa-sandi/" else "/akun/lupa-sandi/"
    assert client.post(other, {"email": guru.email}).status_code == 429


def test_password_reset_by_email(roster, client):
    guru = Pegawai.objects.get(nip=GURU)
    client.post("/akun/lupa-sandi/", {"email": guru.email})
    assert len(mail.outbox) == 1
    assert "NIP " + GURU in mail.outbox[0].body
    page = client.get(_link(mail.outbox[0]), follow=True)
    assert page.context["validlink"]


def test_bulk_activation_is_scoped_and_runs_as_a_job(roster, client):
    from evaluasi.demo_roster import ADMIN_OPD_DISDIK

    client.post("/admin/login/", {"username": ADMIN_OPD_DISDIK[0], "password": DEMO_PASSWORD})
    preview = client.get("/admin/akun/aktivasi-massal/", {"status": "PPPK"})
    expected = Pegawai.objects.filter(
        status="PPPK",
        user__isnull=True,
        unit_kerja__path__startswith=UnitKerja.objects.get(kode="DISDIK").path,
    ).exclude(email="")
    emails = sorted(expected.values_list("email", flat=True))
    assert preview.context["count"] == len(emails) > 0

    client.post("/admin/akun/aktivasi-massal/?status=PPPK")
    assert sorted(m.to[0] for m in mail.outbox) == emails  # nobody outside Dinas Pendidikan


def test_asn_cannot_use_bulk_activation(roster, client):
    client.post("/akun/masuk/", {"username": GURU, "password": DEMO_PASSWORD})
    response = client.post("/admin/akun/aktivasi-massal/")
    assert response.status_code in (302, 403)
    assert mail.outbox == []
