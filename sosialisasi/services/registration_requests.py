"""Registration by an anonymous visitor: a NIP or an email is a claim, not a key.

What a visitor types never reveals or changes anything about the person it belongs to
(docs/privasi.md "Identitas: NIP bukan kunci"):

- the request itself only validates the shape of the input and queues one job, whatever was typed,
  so every submission gets the same page after the same work (`registration_request`);
- the job (`registration_request_process`) decides whom to write to. A NIP found in the roster
  is answered at the roster's email only (the typed email and name are ignored); any other NIP,
  or no NIP, at the typed email (the form's ASN choice sends the NIP alone, so a NIP outside the
  roster is answered to nobody, with the same page). A person already registered gets their own status link again
  (at the address of the registration, or the roster's); anyone else gets a signed link that
  registers them when *they* confirm it (`registration_confirm`);
- mails to one address are limited per hour, so the form cannot be used to flood an inbox.

Logged-in ASN register with one click (`registrations.registration_create`); existing
registrations change only through the emailed link or by their logged-in owner.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django_q.tasks import async_task

from cms.errors import ActionRefused
from cms.ratelimit import rate_limited
from evaluasi.nip import nip_normalise
from evaluasi.selectors import pegawai_by_nip
from sosialisasi.models import Pendaftaran, StatusPendaftaran, WorkshopPage
from sosialisasi.registration_links import registration_url

from .registrations import RegistrationResult, registration_create

CONFIRM_SALT = "sosialisasi.pendaftaran.konfirmasi"
CONFIRM_MAX_AGE = 2 * 24 * 3600  # seconds: a confirmation link is valid for two days
SUBJECTS = {
    "konfirmasi": "Konfirmasi pendaftaran: {judul}",
    "sudah_terdaftar": "Tautan status pendaftaran Anda: {judul}",
    "bukan_sasaran": "Pendaftaran tidak dapat diproses: {judul}",
}


class ConfirmLinkInvalid(ActionRefused):
    """A confirmation link was tampered with, or is older than CONFIRM_MAX_AGE."""

    default_message = "Tautan konfirmasi tidak valid atau sudah kedaluwarsa."


def registration_request(
    *,
    workshop_id: int,
    nip: str = "",
    nama: str = "",
    instansi: str = "",
    email: str = "",
    no_hp: str = "",
) -> None:
    """Queue the handling of one anonymous registration form (cleaned data). Nothing else happens
    in the request, so its time and answer do not depend on who the NIP or email belongs to."""
    async_task(
        "sosialisasi.tasks.registration_request_task",
        workshop_id,
        {
            "nip": nip_normalise(nip),
            "nama": nama,
            "instansi": instansi,
            "email": email.strip(),
            "no_hp": no_hp,
        },
        task_name=f"permintaan-pendaftaran-{workshop_id}",
    )


def confirm_token(workshop_id: int, data: dict) -> str:
    """The signed, compressed token of a registration request: workshop id `workshop_id` and the
    request's `data` (nip, email, nama, instansi, no_hp), valid CONFIRM_MAX_AGE seconds."""
    return signing.dumps({"w": workshop_id, **data}, salt=CONFIRM_SALT, compress=True)


def confirm_url(workshop_id: int, data: dict) -> str:
    """The absolute confirmation link (WAGTAILADMIN_BASE_URL) mailed for a registration request; see
    `confirm_token`."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "sosialisasi:pendaftaran_konfirmasi", args=[confirm_token(workshop_id, data)]
    )


def confirm_data(token: str) -> dict:
    """The request a confirmation link stands for: {"w": workshop id, "nip", "email", ...}. Raises
    ConfirmLinkInvalid (an ActionRefused) for a tampered link or one older than CONFIRM_MAX_AGE
    (two days)."""
    try:
        return signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        raise ConfirmLinkInvalid from None


def _mail(kind: str, to: str, workshop: WorkshopPage, **context) -> bool:
    if rate_limited(
        "daftar-email",
        to.lower(),
        limit=settings.WORKSHOP_REGISTRATION_MAILS_PER_ADDRESS,
        window_seconds=3600,
    ):
        return False
    send_mail(
        subject=SUBJECTS[kind].format(judul=workshop.title),
        message=render_to_string(
            "sosialisasi/email/permintaan_pendaftaran.txt",
            {"kind": kind, "w": workshop, "workshop_url": workshop.full_url, **context},
        ),
        from_email=None,
        recipient_list=[to],
    )
    return True


def registration_request_process(*, workshop_id: int, data: dict) -> str:
    """Answer one anonymous registration request by email; returns what was done (for the job log:
    "konfirmasi", "sudah_terdaftar", "bukan_sasaran", "dibatasi", or why nothing was sent)."""
    workshop = WorkshopPage.objects.live().filter(pk=workshop_id).first()
    if workshop is None or workshop.pendaftaran_status() != "buka":
        return "ditutup"
    nip = data.get("nip", "")
    pegawai = pegawai_by_nip(nip) if nip else None
    if pegawai is not None:
        # The roster speaks for a roster NIP: only its email, its name, its unit.
        to = pegawai.email
        if not to:
            return "tanpa-email"
        data = {"nip": nip, "email": to}
        nama = pegawai.nama_lengkap
    else:
        to = data.get("email", "")
        nama = data.get("nama", "")
    registrations = Pendaftaran.objects.filter(workshop=workshop).exclude(
        status=StatusPendaftaran.DIBATALKAN
    )
    existing = (
        registrations.filter(nip=nip).first()
        if nip
        else registrations.filter(nip="", email__iexact=to).first()
    )
    if existing is not None:
        to = to if pegawai is not None else existing.email
        kind, context = (
            "sudah_terdaftar",
            {
                "nama": existing.nama,
                "status_url": registration_url(existing, base_url=settings.WAGTAILADMIN_BASE_URL),
            },
        )
    elif not workshop.untuk_pegawai(pegawai):
        kind, context = "bukan_sasaran", {"nama": nama}
    else:
        kind, context = "konfirmasi", {"nama": nama, "link": confirm_url(workshop.pk, data)}
    if not to:  # an ASN gives the NIP alone: a NIP outside the roster leaves no address
        return "tanpa-email"
    return kind if _mail(kind, to, workshop, **context) else "dibatasi"


def registration_confirm(*, token: str) -> RegistrationResult:
    """Register the person a confirmation link was sent to (idempotent: a second click returns the
    same registration); returns the RegistrationResult. Raises ConfirmLinkInvalid for a bad link,
    or RegistrationRefused (see `registrations.registration_create`) when the workshop no longer
    takes registrations or the person is outside its audience."""
    data = confirm_data(token)
    workshop_id = data.pop("w")
    return registration_create(workshop_id=workshop_id, **data)
