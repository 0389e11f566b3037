"""The fair queue (services/registrations.py, issue 19 "Queue jumping"): a freed seat goes to the
waiting list in arrival order before anyone new, whatever freed it — a registrant's or an admin's
cancellation, a capacity raised or removed by publishing the page (now or scheduled); an organiser
promotes out of order only with a reason, into a free seat."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from sosialisasi.models import Pendaftaran, SebabPromosi, StatusPendaftaran, WorkshopPage
from sosialisasi.selectors import waiting_position
from sosialisasi.services.registrations import (
    RegistrationRefused,
    registration_cancel,
    registration_promote,
)
from sosialisasi.tests.helpers import register

CONFIRMED, WAITING = StatusPendaftaran.TERKONFIRMASI, StatusPendaftaran.DAFTAR_TUNGGU


def _full(make_workshop, seats, waiting):
    """A workshop of `seats` seats, all taken, and `waiting` people waiting (tamu0, tamu1, ...)."""
    workshop = make_workshop(capacity=seats)
    regs = [register(workshop, n).pendaftaran for n in range(seats + waiting)]
    assert [r.status for r in regs] == [CONFIRMED] * seats + [WAITING] * waiting
    mail.outbox.clear()
    return workshop, regs


def _publish_capacity(workshop, kapasitas, **revision):
    """What an editor does: change the capacity in the page editor and publish the revision."""
    page = WorkshopPage.objects.get(pk=workshop.pk)
    page.kapasitas = kapasitas
    for name, value in revision.items():
        setattr(page, name, value)
    page.save_revision().publish()


def _statuses(regs):
    fresh = dict(
        Pendaftaran.objects.filter(pk__in=[r.pk for r in regs]).values_list("pk", "status")
    )
    return [fresh[r.pk] for r in regs]


def _promotion_mails():
    return sorted(m.to[0] for m in mail.outbox if m.subject.startswith("Kursi tersedia"))


def test_raising_capacity_promotes_the_first_waiting_and_a_newcomer_waits(make_workshop, committed):
    """The issue's case: 20 seats, 6 waiting, capacity raised to 22."""
    workshop, regs = _full(make_workshop, 20, 6)
    with committed():
        _publish_capacity(workshop, 22)
    assert _statuses(regs[20:]) == [CONFIRMED] * 2 + [WAITING] * 4
    assert _promotion_mails() == ["tamu20@contoh.id", "tamu21@contoh.id"]
    promoted = Pendaftaran.objects.get(pk=regs[20].pk)
    assert promoted.dipromosikan_karena == SebabPromosi.PENAMBAHAN_KAPASITAS
    assert promoted.dipromosikan_pada is not None and promoted.alasan_promosi == ""

    newcomer = register(workshop, 99).pendaftaran
    assert newcomer.status == WAITING
    assert waiting_position(newcomer) == 5  # behind the four still waiting


def test_a_newcomer_never_takes_a_free_seat_from_those_waiting(make_workshop, committed):
    """A seat left free while people wait (here the capacity written without publishing) goes to
    the first waiting, not to the next person who registers."""
    workshop, regs = _full(make_workshop, 2, 2)
    WorkshopPage.objects.filter(pk=workshop.pk).update(kapasitas=3)
    with committed():
        newcomer = register(workshop, 50).pendaftaran
    assert newcomer.status == WAITING
    assert _statuses(regs[2:]) == [CONFIRMED, WAITING]
    assert _promotion_mails() == ["tamu2@contoh.id"]


def test_removing_the_capacity_promotes_everyone_waiting(make_workshop, committed):
    workshop, regs = _full(make_workshop, 2, 3)
    with committed():
        _publish_capacity(workshop, 0)
    assert _statuses(regs) == [CONFIRMED] * 5
    assert len(_promotion_mails()) == 3
    assert register(workshop, 9).pendaftaran.status == CONFIRMED  # nobody waits: no cap


def test_scheduled_publishing_of_a_larger_capacity_promotes(make_workshop, committed):
    """A revision scheduled to go live later promotes when `publish_scheduled` publishes it."""
    workshop, regs = _full(make_workshop, 2, 2)
    with committed():
        _publish_capacity(workshop, 3, go_live_at=timezone.now() + timedelta(hours=1))
    assert _statuses(regs[2:]) == [WAITING, WAITING]  # not live yet: nothing changes
    # The hour passes: the scheduled revision's time is now behind us.
    scheduled = WorkshopPage.objects.get(pk=workshop.pk).revisions.get(
        approved_go_live_at__isnull=False
    )
    past = timezone.now() - timedelta(minutes=1)
    scheduled.content["go_live_at"] = past.isoformat()
    scheduled.approved_go_live_at = past
    scheduled.save(update_fields=["content", "approved_go_live_at"])
    with committed():
        call_command("publish_scheduled")
    assert WorkshopPage.objects.get(pk=workshop.pk).kapasitas == 3
    assert _statuses(regs[2:]) == [CONFIRMED, WAITING]
    assert _promotion_mails() == ["tamu2@contoh.id"]


def test_a_registrants_cancellation_records_the_cause(make_workshop, committed):
    workshop, regs = _full(make_workshop, 2, 2)
    with committed():
        registration_cancel(pendaftaran_id=regs[1].pk)
    promoted = Pendaftaran.objects.get(pk=regs[2].pk)
    assert promoted.status == CONFIRMED
    assert promoted.dipromosikan_karena == SebabPromosi.PEMBATALAN_PESERTA
    assert promoted.dipromosikan_oleh is None
    # Cancelling a waiting registration frees no seat: nobody else moves.
    registration_cancel(pendaftaran_id=regs[3].pk)
    assert Pendaftaran.objects.filter(workshop=workshop, status=CONFIRMED).count() == 2


def test_registering_again_after_cancelling_goes_to_the_back_with_no_old_promotion(
    make_workshop,
):
    workshop, regs = _full(make_workshop, 1, 2)
    registration_cancel(pendaftaran_id=regs[0].pk)  # tamu1 promoted
    registration_cancel(pendaftaran_id=regs[1].pk)  # tamu2 promoted
    again = register(workshop, 1).pendaftaran
    assert again.status == WAITING and again.dipromosikan_karena == ""
    assert again.dipromosikan_pada is None


def test_manual_promotion_needs_a_reason_and_a_free_seat(
    make_workshop, committed, django_user_model
):
    workshop, regs = _full(make_workshop, 2, 3)
    admin = django_user_model.objects.create_user("panitia", password="x")
    for empty in ("", "   "):
        with pytest.raises(RegistrationRefused, match="alasan") as refused:
            registration_promote(pendaftaran_id=regs[3].pk, alasan=empty, admin=admin)
        assert refused.value.field == "alasan"
    with pytest.raises(RegistrationRefused, match="penuh"):
        registration_promote(pendaftaran_id=regs[3].pk, alasan="Narasumber pendamping")
    assert _statuses(regs[2:]) == [WAITING] * 3


def test_after_the_start_a_freed_seat_is_the_organisers_to_give(
    make_workshop, committed, django_user_model
):
    """Once the workshop is under way a promotion email would come too late: a freed seat is not
    offered automatically, newcomers still wait, and the organiser may give it — out of order,
    with a reason — to someone waiting who is there."""
    workshop, regs = _full(make_workshop, 2, 3)
    admin = django_user_model.objects.create_user("panitia", password="x")
    WorkshopPage.objects.filter(pk=workshop.pk).update(mulai=timezone.now() - timedelta(minutes=30))
    with committed():
        registration_cancel(pendaftaran_id=regs[0].pk, admin=admin)
    assert _statuses(regs[2:]) == [WAITING] * 3 and _promotion_mails() == []
    assert register(workshop, 60).pendaftaran.status == WAITING

    with committed():
        promoted = registration_promote(
            pendaftaran_id=regs[4].pk, alasan="  Hadir di lokasi  ", admin=admin
        )
    assert promoted.status == CONFIRMED
    assert promoted.dipromosikan_karena == SebabPromosi.PROMOSI_MANUAL
    assert promoted.alasan_promosi == "Hadir di lokasi"
    assert promoted.dipromosikan_oleh == admin
    assert _promotion_mails() == ["tamu4@contoh.id"]
    with pytest.raises(RegistrationRefused, match="penuh"):  # that was the only free seat
        registration_promote(pendaftaran_id=regs[2].pk, alasan="Hadir juga", admin=admin)


def test_no_seat_is_shown_free_to_newcomers_while_someone_waits(make_workshop, committed):
    """After the start a freed seat stays free for the organiser, yet a newcomer would only join
    the queue: the listing, the page and the API say the quota is full, not "Sisa 1 kursi"."""
    from sosialisasi.models import WorkshopIndexPage
    from sosialisasi.selectors import workshops_listing

    workshop, regs = _full(make_workshop, 2, 1)
    WorkshopPage.objects.filter(pk=workshop.pk).update(mulai=timezone.now() - timedelta(minutes=5))
    with committed():
        registration_cancel(pendaftaran_id=regs[0].pk)
    assert _statuses(regs[1:]) == [CONFIRMED, WAITING]
    page = WorkshopPage.objects.get(pk=workshop.pk)
    assert page.sisa_kursi == 0
    listing = workshops_listing(WorkshopIndexPage.objects.get(), {})
    listed = next(w for w in listing["mendatang"] if w.pk == workshop.pk)
    assert listed.sisa_kursi == 0

    with committed():
        registration_cancel(pendaftaran_id=regs[2].pk)  # the queue is empty again
    page = WorkshopPage.objects.get(pk=workshop.pk)
    assert page.sisa_kursi == 1
