"""iCalendar files for workshops (times in WIB, Asia/Jakarta)."""

from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

WIB = ZoneInfo("Asia/Jakarta")


def workshop_ics(workshops, *, private_for=None) -> bytes:
    """One calendar; the online link is included only in a confirmed registrant's own file."""
    calendar = Calendar()
    calendar.add("prodid", "-//BKD Provinsi Lampung//Penilaian Kinerja ASN//ID")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Workshop Penilaian Kinerja ASN")
    calendar.add("x-wr-timezone", "Asia/Jakarta")
    for workshop in workshops:
        event = Event()
        event.add("uid", f"workshop-{workshop.pk}@penilaian-kinerja.lampungprov.go.id")
        event.add("dtstamp", timezone.now())
        event.add("summary", workshop.title)
        event.add("dtstart", workshop.mulai.astimezone(WIB))
        event.add("dtend", workshop.selesai.astimezone(WIB))
        location = ", ".join(
            part for part in (workshop.tempat, workshop.alamat.replace("\n", ", ")) if part
        )
        description = strip_tags(workshop.ringkasan)
        if private_for is not None and workshop.tautan_daring:
            description += f"\n\nTautan pertemuan daring: {workshop.tautan_daring}"
            location = location or workshop.tautan_daring
        if location:
            event.add("location", location)
        event.add("description", description)
        event.add("url", workshop.full_url or "")
        calendar.add_component(event)
    calendar.add_missing_timezones()  # a VTIMEZONE for Asia/Jakarta, so every client shows WIB
    return calendar.to_ical()
