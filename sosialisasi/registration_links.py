"""Signed links to a registrant's own page. They carry only the registration's id, signed, and do
not expire: what the page allows is decided by the workshop's state when it is opened (before the
event: status, calendar, online link, cancelling; afterwards: a read-only status and the certificate,
which must stay reachable for good)."""

from django.core import signing
from django.urls import reverse

from cms.errors import ActionRefused

SALT = "sosialisasi.pendaftaran"


class LinkRefused(ActionRefused):
    """A signed link is not accepted; the message is shown to the visitor as is."""


class LinkInvalid(LinkRefused):
    """Tampered, or issued for another purpose."""

    default_message = "Tautan tidak valid."


def registration_token(pendaftaran) -> str:
    """The signed token of `pendaftaran`'s own page: its id, nothing else (no expiry; see the
    module docstring)."""
    return signing.dumps({"p": pendaftaran.pk}, salt=SALT, compress=True)


def registration_url(pendaftaran, *, base_url: str = "") -> str:
    """The path of `pendaftaran`'s own status page (signed, see `registration_token`), prefixed with
    `base_url` (e.g. WAGTAILADMIN_BASE_URL for emails; "" for a relative link)."""
    return base_url.rstrip("/") + reverse(
        "sosialisasi:pendaftaran", args=[registration_token(pendaftaran)]
    )


def registration_calendar_url(pendaftaran, *, base_url: str = "") -> str:
    """The path of `pendaftaran`'s own calendar file (.ics), signed as `registration_url`."""
    return base_url.rstrip("/") + reverse(
        "sosialisasi:pendaftaran_kalender", args=[registration_token(pendaftaran)]
    )


def certificate_url(pendaftaran, *, base_url: str = "") -> str:
    """The path of `pendaftaran`'s own certificate PDF, signed as `registration_url` (it answers
    404 while the registrant is not marked present)."""
    return base_url.rstrip("/") + reverse(
        "sosialisasi:pendaftaran_sertifikat", args=[registration_token(pendaftaran)]
    )


def registration_id_from(token: str) -> int:
    """The registration id a status-page token stands for. Raises LinkInvalid (a LinkRefused with
    the page's message) for a tampered token or one signed for another purpose; the registration
    itself is not looked up. Tokens issued before links stopped expiring also carry an expiry
    ("e"); it is ignored, so the certificate links in old emails work again."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise LinkInvalid from None
    if not isinstance(data, dict) or not isinstance(data.get("p"), int):
        raise LinkInvalid
    return data["p"]


CHECKIN_SALT = "sosialisasi.presensi"


def checkin_url(pendaftaran, *, base_url: str = "") -> str:
    """What the QR code in a confirmation encodes: an admin page that checks this person in."""
    token = signing.dumps(pendaftaran.pk, salt=CHECKIN_SALT)
    return base_url.rstrip("/") + reverse("pendaftaran_workshop:scan", args=[token])


def checkin_id_from(token: str) -> int:
    """The registration id a check-in QR code's token stands for (no expiry). Raises LinkInvalid
    ("Kode QR tidak valid.") for a tampered token or one signed for another purpose."""
    try:
        return int(signing.loads(token, salt=CHECKIN_SALT))
    except signing.BadSignature:
        raise LinkInvalid("Kode QR tidak valid.") from None
