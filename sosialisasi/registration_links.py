"""Signed links to a registrant's own page; they expire a day after the workshop ends."""

from datetime import timedelta

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from cms.errors import ActionRefused

SALT = "sosialisasi.pendaftaran"
GRACE = timedelta(days=1)


class LinkRefused(ActionRefused):
    """A signed link is not accepted; the message is shown to the visitor as is."""


class LinkInvalid(LinkRefused):
    """Tampered, or issued for another purpose."""

    default_message = "Tautan tidak valid."


class LinkExpired(LinkRefused):
    """Valid, but the workshop is long over."""

    default_message = "Tautan sudah kedaluwarsa."


def registration_token(pendaftaran) -> str:
    """The signed token of `pendaftaran`'s own page: its id and an expiry a day (GRACE) after the
    workshop ends."""
    expires = int((pendaftaran.workshop.selesai + GRACE).timestamp())
    return signing.dumps({"p": pendaftaran.pk, "e": expires}, salt=SALT, compress=True)


def registration_url(pendaftaran, *, base_url: str = "") -> str:
    """The path of `pendaftaran`'s own status page (signed, see `registration_token`), prefixed with
    `base_url` (e.g. WAGTAILADMIN_BASE_URL for emails; "" for a relative link)."""
    return base_url.rstrip("/") + reverse(
        "sosialisasi:pendaftaran", args=[registration_token(pendaftaran)]
    )


def registration_id_from(token: str) -> int:
    """The registration id a status-page token stands for. Raises LinkInvalid (tampered, or signed
    for another purpose) or LinkExpired (past the expiry), both LinkRefused with the page's
    message; the registration itself is not looked up."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise LinkInvalid from None
    if timezone.now().timestamp() > data["e"]:
        raise LinkExpired
    return int(data["p"])


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
