"""Workshop reminders (services/reminders.py): once, to confirmed registrants of soon-starting
workshops."""

from django.core import mail

from sosialisasi.tests.helpers import register


def test_reminders_go_once_to_confirmed_registrants_of_soon_starting_workshops(make_workshop):
    from django.core.management import call_command

    soon = make_workshop(capacity=1, starts=1)
    later = make_workshop(capacity=5, starts=7)
    confirmed = register(soon, 1).pendaftaran
    register(soon, 2)  # waiting list: no reminder
    register(later, 3)
    mail.outbox.clear()

    call_command("send_workshop_reminders", "--hari", "2")
    call_command("send_workshop_reminders", "--hari", "2")  # the daily job may run twice
    assert [m.to for m in mail.outbox] == [[confirmed.email]]
    assert mail.outbox[0].subject.startswith("Pengingat")
    assert mail.outbox[0].attachments[0][0] == "workshop.ics"
