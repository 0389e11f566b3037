"""Registration mail (services/registration_mail.py, calendar.py): the confirmation
carries a valid ICS with the private link; the waiting list gets neither."""

from django.core import mail
from icalendar import Calendar

from sosialisasi.tests.helpers import ONLINE_LINK, register


def test_confirmation_email_carries_a_valid_ics_in_wib_with_the_private_link(
    make_workshop, committed
):
    workshop = make_workshop(capacity=1)
    with committed():
        register(workshop, 1)
    with committed():
        register(workshop, 2)
    confirmed, waitlisted = mail.outbox
    assert "Pendaftaran terkonfirmasi" in confirmed.subject
    name, content, mimetype = confirmed.attachments[0]
    assert (name, mimetype) == ("workshop.ics", "text/calendar")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["DTSTART"].dt.tzinfo) == "Asia/Jakarta"
    assert event["DTSTART"].dt == workshop.mulai.replace(microsecond=0)
    assert ONLINE_LINK in str(event["DESCRIPTION"])
    assert ONLINE_LINK in confirmed.body and "/pendaftaran/" in confirmed.body
    assert waitlisted.attachments == [] and ONLINE_LINK not in waitlisted.body
    assert "daftar tunggu nomor 1" in waitlisted.alternatives[0][0].lower()
