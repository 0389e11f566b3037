"""Registrations admin (sosialisasi/viewsets.py, views): Admin OPD scoping, cancelling with
promotion, bulk actions."""

from evaluasi.demo_roster import ADMIN_BKD, ADMIN_OPD_DISDIK
from sosialisasi.models import Pendaftaran, SebabPromosi, WorkshopPage
from sosialisasi.tests.helpers import disdik_path, started


def test_admin_opd_sees_only_registrations_from_their_subtree(demo, login):
    client = login(ADMIN_OPD_DISDIK[0])
    listing = client.get("/admin/workshop/pendaftaran/")
    expected = Pendaftaran.objects.filter(
        pegawai__unit_kerja__path__startswith=disdik_path()
    ).count()
    assert listing.context["paginator"].count == expected > 0
    export_all = b"".join(
        client.get("/admin/workshop/pendaftaran/?export=csv").streaming_content
    ).decode()
    listed = {p.email for p in Pendaftaran.objects.all() if p.email in export_all}
    inside = set(
        Pendaftaran.objects.filter(pegawai__unit_kerja__path__startswith=disdik_path()).values_list(
            "email", flat=True
        )
    )
    assert listed == inside
    outsider = Pendaftaran.objects.exclude(
        pegawai__unit_kerja__path__startswith=disdik_path()
    ).first()
    assert client.get(f"/admin/workshop/pendaftaran/edit/{outsider.pk}/").status_code == 404
    export = b"".join(
        client.get("/admin/workshop/pendaftaran/?export=csv").streaming_content
    ).decode()
    assert outsider.email not in export


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
    # The seat's cause is recorded, and the registrations admin says it.
    assert first_waiting.dipromosikan_karena == SebabPromosi.PEMBATALAN_ADMIN
    assert first_waiting.dipromosikan_pada is not None
    listing = client.get(f"/admin/workshop/pendaftaran/?q={first_waiting.nip}").content.decode()
    assert "Pembatalan oleh admin" in listing
    assert any(m.to == [first_waiting.email] for m in mail.outbox)


def test_admin_opd_cannot_cancel_outside_scope(demo, login):
    client = login(ADMIN_OPD_DISDIK[0])
    outsider = (
        Pendaftaran.objects.exclude(pegawai__unit_kerja__path__startswith=disdik_path())
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

    # Days before the workshop nobody is marked present (a certificate carries jam pelajaran).
    response = client.post(url, {"aksi": "hadir", "pilih": [p.pk for p in confirmed]}, follow=True)
    assert "Presensi baru dapat dicatat mulai" in response.content.decode()
    assert not workshop.pendaftaran.filter(pk__in=[p.pk for p in confirmed], hadir=True).exists()

    # Promoting out of queue order needs a reason, and never overbooks: the workshop is full, so
    # nobody moves up.
    response = client.post(url, {"aksi": "promosikan", "pilih": [waiting[0].pk]}, follow=True)
    assert "Tuliskan alasan promosi" in response.content.decode()
    response = client.post(
        url,
        {"aksi": "promosikan", "pilih": [waiting[0].pk], "alasan": "Panitia inti"},
        follow=True,
    )
    assert "Kuota" in response.content.decode()
    waiting[0].refresh_from_db()
    assert waiting[0].status == "daftar_tunggu"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"aksi": "batal", "pilih": [confirmed[0].pk]})
    waiting[0].refresh_from_db()
    assert waiting[0].status == "terkonfirmasi"  # promoted automatically into the freed seat
    assert waiting[0].dipromosikan_karena == SebabPromosi.PEMBATALAN_ADMIN
    assert waiting[0].dipromosikan_oleh.username == ADMIN_BKD[0]

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

    started(workshop)
    client.post(url, {"aksi": "hadir", "pilih": [confirmed[1].pk]})
    assert workshop.pendaftaran.filter(pk=confirmed[1].pk, hadir=True).exists()
