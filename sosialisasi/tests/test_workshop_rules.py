"""Say the rules first, no surprises (issue 19, part 3): the audience, seats left and registration
window before any form; an ASN outside the audience told why and shown no form; a visitor asked
only for what the roster does not hold; refused forms keep what was typed; cancelling asks first."""

import re

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evaluasi.demo import DEMO_PASSWORD
from evaluasi.demo_roster import GURU_DEMO
from evaluasi.models import Pegawai, UnitKerja
from sosialisasi.models import StatusPendaftaran
from sosialisasi.registration_links import registration_url
from sosialisasi.tests.helpers import register

SENT = (
    "Jika data Anda sesuai, kami mengirim email berisi tautan konfirmasi ke alamat email yang "
    "tercatat di data kepegawaian (bagi ASN) atau ke alamat yang Anda tulis (bagi bukan ASN)."
)
FORM_ACTION = 'action="{url}daftar/"'


def _login(client, nip=GURU_DEMO[0]):
    response = client.post("/akun/masuk/", {"username": nip, "password": DEMO_PASSWORD})
    assert response.status_code == 302


def _bkd_pegawai_with_account():
    """A demo account outside Dinas Pendidikan (the Admin BKD is a roster pegawai of BKD)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pegawai__unit_kerja__kode__startswith="BKD").first()
    return user.pegawai


def _disdik() -> str:
    return UnitKerja.objects.get(kode="DISDIK").nama


def _has_form(html: str, workshop) -> bool:
    return FORM_ACTION.format(url=workshop.url) in html


# --- say the rules first ------------------------------------------------------------------------


def test_listing_shows_audience_seats_and_window_in_bounded_queries(make_workshop, client):
    open_to_all = make_workshop(capacity=3)
    register(open_to_all, 1)
    make_workshop(capacity=0, opd="DISDIK")

    def count() -> tuple[int, str]:
        client.get("/workshop/")  # warm the site root cache
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/workshop/")
        return len(captured), response.content.decode()

    before, html = count()
    assert "Terbuka untuk semua ASN dan umum" in html
    assert "Khusus ASN Dinas Pendidikan" in html
    assert "Sisa 2 dari 3 kursi" in html
    assert "Pendaftaran dibuka" in html and "ditutup" in html

    for n in range(6):
        opd = None if n % 3 == 0 else ("BKD" if n % 2 else "DISDIK")
        workshop = make_workshop(capacity=4, opd=opd)
        if opd is None:
            register(workshop, 10 + n)
    after, html = count()
    assert after == before, (before, after)
    assert html.count("Khusus ASN") == 5


def test_workshop_page_says_the_audience_before_the_form(make_workshop, client):
    workshop = make_workshop(opd="DISDIK")
    html = client.get(workshop.url).content.decode()
    rules = html.index("Khusus ASN Dinas Pendidikan")
    assert "NIP wajib" in html and html.index("NIP wajib") < html.index(
        FORM_ACTION.format(url=workshop.url)
    )
    assert rules < html.index(FORM_ACTION.format(url=workshop.url))
    # Only ASN of those OPDs can register: the form asks for the NIP alone.
    assert 'name="nip"' in html and 'name="email"' not in html and 'name="nama"' not in html
    assert "Saya bukan ASN" not in html

    open_page = client.get(make_workshop().url).content.decode()
    assert "Terbuka untuk semua ASN dan umum" in open_page


def test_asn_outside_the_audience_sees_why_and_no_form(make_workshop, client):
    workshop = make_workshop(opd="DISDIK")
    pegawai = _bkd_pegawai_with_account()
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(pegawai=pegawai)
    client.force_login(user)
    html = client.get(workshop.url).content.decode()
    why = (
        f"Workshop ini khusus untuk pegawai {_disdik()}; unit Anda "
        f"{pegawai.unit_kerja.nama} tidak termasuk"
    )
    assert why in html
    assert not _has_form(html, workshop)

    refused = client.post(f"{workshop.url}daftar/")
    assert why in refused.content.decode() and not workshop.pendaftaran.exists()


def test_asn_inside_the_audience_registers_with_one_click(make_workshop, client):
    workshop = make_workshop(opd="DISDIK")
    _login(client)
    html = client.get(workshop.url).content.decode()
    assert _has_form(html, workshop) and "tidak termasuk" not in html
    client.post(f"{workshop.url}daftar/")
    client.post(f"{workshop.url}daftar/")  # a double click
    assert workshop.pendaftaran.get().nip == GURU_DEMO[0]


def test_an_asn_gives_the_nip_only_and_a_visitor_their_own_data(make_workshop, client):
    workshop = make_workshop(capacity=5)
    html = client.get(workshop.url).content.decode()
    assert "Saya ASN Pemprov Lampung (punya NIP)" in html
    assert "Saya bukan ASN / tidak punya NIP" in html

    colleague = (
        Pegawai.objects.filter(aktif=True, unit_kerja__kode="SMAN2-BDL")
        .exclude(email="")
        .exclude(nip=GURU_DEMO[0])
        .first()
    )
    # An ASN's typed name/email (a no-JS browser sends every field) is ignored, not kept.
    answer = client.post(
        f"{workshop.url}daftar/",
        {"identitas": "asn", "nip": colleague.nip, "nama": "Palsu", "email": "lain@contoh.id"},
    )
    assert answer["Location"] == f"{workshop.url}daftar/terkirim/"
    (message,) = mail.outbox
    assert message.to == [colleague.email]

    # A visitor's NIP field (filled, then the choice changed) is not a claim to a roster NIP.
    mail.outbox.clear()
    client.post(
        f"{workshop.url}daftar/",
        {
            "identitas": "umum",
            "nip": colleague.nip,
            "nama": "Tamu Umum",
            "instansi": "Universitas Lampung",
            "email": "tamu@contoh.id",
        },
    )
    (message,) = mail.outbox
    assert message.to == ["tamu@contoh.id"]
    link = re.search(r"(/pendaftaran/konfirmasi/\S+/)", message.body).group(1)
    client.post(link)
    registration = workshop.pendaftaran.get()
    assert (registration.nip, registration.nama) == ("", "Tamu Umum")


def test_each_choice_is_validated_on_the_server_and_keeps_what_was_typed(make_workshop, client):
    workshop = make_workshop()
    no_nip = client.post(f"{workshop.url}daftar/", {"identitas": "asn", "nip": ""})
    html = no_nip.content.decode()
    assert no_nip.status_code == 400 and "Isi NIP Anda" in html
    assert re.search(r'value="asn"[^>]*checked', html)

    no_email = client.post(
        f"{workshop.url}daftar/", {"identitas": "umum", "nama": "Tamu Umum", "instansi": "Unila"}
    )
    html = no_email.content.decode()
    assert "Email wajib diisi" in html and 'value="Tamu Umum"' in html
    assert not mail.outbox


def test_opd_workshop_asks_for_the_nip_before_and_never_says_not_included_without_one(
    make_workshop, client
):
    workshop = make_workshop(opd="DISDIK")
    refused = client.post(
        f"{workshop.url}daftar/",
        {"identitas": "umum", "nama": "Tamu", "instansi": "X", "email": "tamu@contoh.id"},
    )
    html = refused.content.decode()
    assert "NIP Anda tidak termasuk" not in html
    assert "khusus untuk ASN Dinas Pendidikan" in html and "isi NIP Anda" in html
    assert not mail.outbox


# --- no surprises -------------------------------------------------------------------------------


def test_a_refused_form_keeps_what_was_typed_window_and_rate_limit(make_workshop, client, settings):
    data = {
        "identitas": "umum",
        "nama": "Tamu Teliti",
        "instansi": "Unila",
        "email": "teliti@contoh.id",
    }
    not_yet = make_workshop(opens=1)
    response = client.post(f"{not_yet.url}daftar/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Pendaftaran belum dibuka" in html and 'value="Tamu Teliti"' in html
    assert "isian Anda tetap di formulir ini" in html

    settings.WORKSHOP_REGISTRATIONS_PER_IP = 1
    workshop = make_workshop()
    client.post(f"{workshop.url}daftar/", data)
    limited = client.post(f"{workshop.url}daftar/", data | {"nama": "Tamu Kedua"})
    html = limited.content.decode()
    assert limited.status_code == 429
    assert "Terlalu banyak pendaftaran" in html and 'value="Tamu Kedua"' in html


def test_success_page_says_what_was_emailed(make_workshop, client):
    workshop = make_workshop()
    html = client.get(f"{workshop.url}daftar/terkirim/").content.decode()
    assert SENT in html
    assert "Periksa juga folder spam" in html and "tautan berlaku 2 hari" in html


def test_cancelling_asks_first_and_says_who_gets_the_seat(make_workshop, client, committed):
    workshop = make_workshop(capacity=1)
    seat = register(workshop, 1).pendaftaran
    waiting = register(workshop, 2).pendaftaran
    status_url = registration_url(seat)

    status = client.get(status_url).content.decode()
    assert 'name="aksi"' not in status  # no one-click cancel on the status page
    assert f'href="{status_url}batal/"' in status
    assert client.post(status_url, {"aksi": "batal"}).status_code == 405
    seat.refresh_from_db()
    assert seat.status == StatusPendaftaran.TERKONFIRMASI

    confirm = client.get(f"{status_url}batal/")
    html = confirm.content.decode()
    assert confirm.status_code == 200
    assert "kursi Anda akan ditawarkan kepada pendaftar pertama di daftar tunggu" in html
    assert waiting.nama not in html  # in general terms: nobody is named
    seat.refresh_from_db()
    assert seat.status == StatusPendaftaran.TERKONFIRMASI

    with committed():
        done = client.post(f"{status_url}batal/")
    assert done.status_code == 302 and done["Location"] == status_url
    seat.refresh_from_db()
    waiting.refresh_from_db()
    assert seat.status == StatusPendaftaran.DIBATALKAN
    assert waiting.status == StatusPendaftaran.TERKONFIRMASI
    assert "Pendaftaran Anda dibatalkan" in client.get(status_url).content.decode()


def test_cancelling_a_waiting_place_says_so(make_workshop, client):
    workshop = make_workshop(capacity=1)
    register(workshop, 1)
    waiting = register(workshop, 2).pendaftaran
    html = client.get(f"{registration_url(waiting)}batal/").content.decode()
    assert "keluar dari daftar tunggu" in html
    assert "kursi Anda akan ditawarkan" not in html


def test_opd_names_in_the_refusal_of_the_service(make_workshop):
    from sosialisasi.services.registrations import RegistrationRefused, registration_create

    workshop = make_workshop(opd="DISDIK")
    outsider = Pegawai.objects.filter(unit_kerja__kode__startswith="BKD").first()
    try:
        registration_create(workshop_id=workshop.pk, nip=outsider.nip)
    except RegistrationRefused as refused:
        assert str(refused) == (
            f"Workshop ini khusus untuk pegawai {_disdik()}; unit Anda "
            f"{outsider.unit_kerja.nama} tidak termasuk."
        )
    else:
        raise AssertionError("registered outside the audience")


def test_the_nip_alone_answers_the_same_whoever_it_names(make_workshop, client):
    """docs/privasi.md "Identitas: NIP bukan kunci", with the ASN choice: a registered roster NIP,
    an unregistered one and one outside the roster get the same page; only the roster's addresses
    hear anything, and nothing is registered."""
    from sosialisasi.services.registrations import registration_create

    workshop = make_workshop(capacity=5)
    registered = Pegawai.objects.get(nip=GURU_DEMO[0])
    registration_create(workshop_id=workshop.pk, nip=registered.nip)
    unregistered = (
        Pegawai.objects.filter(aktif=True, unit_kerja__kode="SMAN2-BDL")
        .exclude(email="")
        .exclude(nip=GURU_DEMO[0])
        .first()
    )
    mail.outbox.clear()
    answers = {
        client.post(f"{workshop.url}daftar/", {"identitas": "asn", "nip": nip})["Location"]
        for nip in (registered.nip, unregistered.nip, "198001012010011999")
    }
    assert answers == {f"{workshop.url}daftar/terkirim/"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([registered.email, unregistered.email])
    assert workshop.pendaftaran.count() == 1
