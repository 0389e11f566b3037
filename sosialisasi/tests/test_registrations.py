"""Workshop registration (services/registrations.py): windows, audience, duplicates, capacity and
the waiting list."""

import pytest
from django.core import mail

from evaluasi.demo_roster import GURU_DEMO
from evaluasi.models import Pegawai
from sosialisasi.models import StatusPendaftaran
from sosialisasi.services.registrations import (
    RegistrationRefused,
    registration_cancel,
    registration_create,
)
from sosialisasi.tests.helpers import register, visitor


@pytest.mark.parametrize(
    ("window", "message"),
    [
        ({"opens": 1}, "belum dibuka"),
        ({"opens": -3, "closes": -1}, "sudah ditutup"),
        ({"opens": -10, "closes": -5, "starts": -2}, "sudah selesai"),
    ],
)
def test_registration_window_is_enforced(make_workshop, window, message):
    workshop = make_workshop(**window)
    with pytest.raises(RegistrationRefused, match=message):
        register(workshop, 1)
    assert not workshop.pendaftaran.exists()


def test_restricted_workshop_accepts_only_its_opd(make_workshop):
    workshop = make_workshop(opd="DISDIK")
    outsider = Pegawai.objects.filter(unit_kerja__kode__startswith="BKD").first()
    with pytest.raises(
        RegistrationRefused, match="khusus untuk pegawai .*; unit Anda .* tidak termasuk"
    ):
        registration_create(workshop_id=workshop.pk, nip=outsider.nip)
    with pytest.raises(RegistrationRefused, match="khusus"):
        register(workshop, 1)  # a visitor outside the roster
    result = registration_create(workshop_id=workshop.pk, nip=GURU_DEMO[0])
    assert result.pendaftaran.pegawai.nip == GURU_DEMO[0]
    assert result.pendaftaran.instansi == "SMA Negeri 2 Bandar Lampung"  # filled from the roster


def test_duplicate_nip_returns_the_existing_registration(make_workshop, committed):
    workshop = make_workshop()
    with committed():
        first = registration_create(workshop_id=workshop.pk, nip=GURU_DEMO[0])
    with committed():
        again = registration_create(
            workshop_id=workshop.pk, nip=f" {GURU_DEMO[0][:8]} {GURU_DEMO[0][8:]} "
        )
    assert first.created and not again.created
    assert again.pendaftaran.pk == first.pendaftaran.pk
    assert workshop.pendaftaran.count() == 1
    assert len(mail.outbox) == 1


def test_double_submitted_form_and_double_confirmation_register_once(make_workshop, client):
    """A visitor's form mails a confirmation link (sosialisasi/tests/test_registration_identity.py);
    submitting twice and clicking twice still makes one registration and one status page."""
    import re

    workshop = make_workshop()
    data = visitor(7)
    first = client.post(f"{workshop.url}daftar/", data)
    second = client.post(f"{workshop.url}daftar/", data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"{workshop.url}daftar/terkirim/"
    assert not workshop.pendaftaran.exists()
    links = [re.search(r"(/pendaftaran/konfirmasi/\S+/)", m.body).group(1) for m in mail.outbox]
    assert len(links) == 2
    statuses = {client.post(link)["Location"] for link in links}
    assert len(statuses) == 1 and workshop.pendaftaran.count() == 1
    assert client.get(statuses.pop()).context["p"].email == "tamu7@contoh.id"


def test_full_workshop_waitlists_in_order_and_cancelling_promotes_the_first(
    make_workshop, committed
):
    workshop = make_workshop(capacity=2)
    regs = [register(workshop, n).pendaftaran for n in range(4)]
    assert [r.status for r in regs] == [
        "terkonfirmasi",
        "terkonfirmasi",
        "daftar_tunggu",
        "daftar_tunggu",
    ]
    mail.outbox.clear()

    with committed():
        registration_cancel(pendaftaran_id=regs[0].pk)
    statuses = dict(workshop.pendaftaran.values_list("email", "status"))
    assert statuses == {
        "tamu0@contoh.id": "dibatalkan",
        "tamu1@contoh.id": "terkonfirmasi",
        "tamu2@contoh.id": "terkonfirmasi",
        "tamu3@contoh.id": "daftar_tunggu",
    }
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["tamu2@contoh.id"].startswith("Kursi tersedia")
    assert subjects["tamu0@contoh.id"].startswith("Pendaftaran dibatalkan")

    registration_cancel(pendaftaran_id=regs[0].pk)  # cancelling twice changes nothing
    assert workshop.pendaftaran.filter(status=StatusPendaftaran.TERKONFIRMASI).count() == 2
