"""Workshop registration: never overbook, never lose or duplicate, and a fair waiting list.

Every write locks the workshop row first (`select_for_update`; on SQLite the IMMEDIATE transaction
serialises writers), so counting confirmed seats and inserting happen as one step.

The fair queue (issue 19, README "Workshops"), owned by this module alone: a seat that becomes
free — a registrant cancels, an admin cancels, the capacity is raised or removed (a published page
revision, scheduled publishing included: `waiting_list_fill` on Wagtail's `page_published`, wired
in `sosialisasi.apps`) — goes to the waiting list in arrival order (`dibuat`, `id`), each promoted
person emailed ("dipromosikan"); a new registration is never confirmed while anyone waits. Seats
are offered automatically until the workshop starts; a seat freed later is the organiser's to give
(`registration_promote`, out of order only with a recorded reason). Each promotion records its
cause (`SebabPromosi`), time and, for an admin's action, the admin.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from cms.errors import ActionRefused
from evaluasi.nip import NipError, nip_normalise, nip_validate
from evaluasi.selectors import pegawai_by_nip
from sosialisasi.models import (
    Pendaftaran,
    SebabPromosi,
    StatusPendaftaran,
    WorkshopPage,
    registrations_owned_q,
)

from .registration_mail import registration_mail_later

STATUS_MESSAGES = {
    "belum": "Pendaftaran belum dibuka.",
    "tutup": "Pendaftaran sudah ditutup.",
    "selesai": "Workshop ini sudah selesai.",
}


class RegistrationRefused(ActionRefused):
    """A registration (or a promotion from the waiting list) is refused; the message is shown
    to the visitor or admin as is, `field` names the input it is about (nip, email, nama)."""


@dataclass
class RegistrationResult:
    """The registration, and whether this call created it (False: an existing one returned)."""

    pendaftaran: Pendaftaran
    created: bool


def _lock(workshop_id: int) -> WorkshopPage:
    # Only the workshop's own row (where `kapasitas` lives), not Wagtail's page row joined to it:
    # publishing saves the page row first and then this one, so locking both here, in the join's
    # order, deadlocked registrations against an editor's publish on PostgreSQL.
    return WorkshopPage.objects.select_for_update(of=("self",)).get(pk=workshop_id)


def _free_seats(workshop: WorkshopPage) -> int | None:
    """Seats not taken by confirmed registrations; None when the workshop has no cap."""
    if not workshop.kapasitas:
        return None
    confirmed = Pendaftaran.objects.filter(
        workshop=workshop, status=StatusPendaftaran.TERKONFIRMASI
    ).count()
    return max(0, workshop.kapasitas - confirmed)


def _offers_seats(workshop: WorkshopPage, now=None) -> bool:
    # A promotion email once the workshop is under way would come too late to act on: from the
    # start, a freed seat waits for the organiser (registration_promote, e.g. a waiting walk-in).
    return (now or timezone.now()) < workshop.mulai


def _waiting(workshop: WorkshopPage):
    return Pendaftaran.objects.filter(
        workshop=workshop, status=StatusPendaftaran.DAFTAR_TUNGGU
    ).order_by("dibuat", "id")


def _fill(workshop: WorkshopPage, *, karena: str, oleh=None) -> list[Pendaftaran]:
    """Give the locked workshop's free seats to the first waiting, in arrival order; email each."""
    if not _offers_seats(workshop):
        return []
    free = _free_seats(workshop)
    if free == 0:
        return []
    waiting = _waiting(workshop)
    promoted = list(waiting if free is None else waiting[:free])
    now = timezone.now()
    for pendaftaran in promoted:
        _promote(pendaftaran, karena=karena, oleh=oleh, now=now)
    return promoted


def _promote(pendaftaran: Pendaftaran, *, karena: str, oleh=None, alasan="", now=None) -> None:
    pendaftaran.status = StatusPendaftaran.TERKONFIRMASI
    pendaftaran.dipromosikan_karena = karena
    pendaftaran.dipromosikan_pada = now or timezone.now()
    pendaftaran.alasan_promosi = alasan
    pendaftaran.dipromosikan_oleh = oleh if oleh is not None and oleh.is_authenticated else None
    pendaftaran.save(
        update_fields=[
            "status",
            "dipromosikan_karena",
            "dipromosikan_pada",
            "alasan_promosi",
            "dipromosikan_oleh",
            "diubah",
        ]
    )
    registration_mail_later(pendaftaran.pk, "dipromosikan")


def _new_status(workshop: WorkshopPage) -> str:
    # Nobody new is confirmed while someone waits, even beside a free seat (one freed after the
    # start, which is the organiser's to give).
    if _waiting(workshop).exists():
        return StatusPendaftaran.DAFTAR_TUNGGU
    return (
        StatusPendaftaran.DAFTAR_TUNGGU
        if _free_seats(workshop) == 0
        else StatusPendaftaran.TERKONFIRMASI
    )


def _existing(workshop: WorkshopPage, nip: str, email: str) -> Pendaftaran | None:
    queryset = Pendaftaran.objects.filter(workshop=workshop)
    return (
        queryset.filter(nip=nip).first()
        if nip
        else queryset.filter(nip="", email__iexact=email).first()
    )


def registration_create(
    *,
    workshop_id: int,
    nip: str = "",
    nama: str = "",
    instansi: str = "",
    email: str = "",
    no_hp: str = "",
    user=None,
) -> RegistrationResult:
    """Register one person for workshop `workshop_id`; a repeated submit returns the existing
    registration unchanged (`created` False). `nip`: as typed (normalised; a roster NIP takes
    name, unit, and if not given email and phone from the roster); `nama`, `instansi`, `email`,
    `no_hp`: a visitor's own data; `user`: the logged-in account, if any. The seat is confirmed
    while the capacity lasts and nobody is waiting, else the registration joins the back of the
    waiting list (free seats go to those already waiting first); the email is queued on commit.

    Raises RegistrationRefused, with `field` where one input is at fault: a NIP of the wrong
    shape ("nip"), no email ("email") or name ("nama"), the registration window is not open, or a
    workshop for certain OPDs and a person outside them."""
    nip = nip_normalise(nip)
    if nip:
        try:
            nip_validate(nip, status="PPPK")  # the shape only: visitors may be PNS or PPPK
        except NipError as exc:
            raise RegistrationRefused(str(exc), field="nip") from None
    pegawai = pegawai_by_nip(nip) if nip else None
    if pegawai is not None:
        nama = pegawai.nama_lengkap
        instansi = pegawai.unit_kerja.nama
        email = email or pegawai.email
        no_hp = no_hp or pegawai.no_hp
    if not email:
        raise RegistrationRefused("Email wajib diisi untuk menerima konfirmasi.", field="email")
    if not nama:
        raise RegistrationRefused("Nama wajib diisi.", field="nama")

    try:
        with transaction.atomic():
            workshop = _lock(workshop_id)
            state = workshop.pendaftaran_status()
            if state != "buka":
                raise RegistrationRefused(STATUS_MESSAGES[state])
            if not workshop.untuk_pegawai(pegawai):
                raise RegistrationRefused(workshop.alasan_di_luar_sasaran(pegawai))
            existing = _existing(workshop, nip, email)
            if (
                existing is not None
                and pegawai is not None
                and not Pendaftaran.objects.filter(
                    registrations_owned_q(pegawai, user), pk=existing.pk
                ).exists()
            ):
                # Someone typed this NIP before it was in the roster, with another email: neither
                # hand that registration to the NIP's owner nor let them cancel it.
                raise RegistrationRefused(
                    "NIP ini sudah dipakai untuk pendaftaran lain di workshop ini, dengan email "
                    "yang berbeda dari email Anda di roster. Hubungi panitia workshop agar "
                    "pendaftaran itu diperiksa.",
                    field="nip",
                )
            if existing is not None and existing.status != StatusPendaftaran.DIBATALKAN:
                return RegistrationResult(existing, created=False)
            # A seat left free with people waiting (a capacity saved without publishing, say) is
            # theirs before it can be this newcomer's.
            _fill(workshop, karena=SebabPromosi.PENAMBAHAN_KAPASITAS)
            status = _new_status(workshop)
            if existing is not None:  # registering again after cancelling: back of the queue
                existing.status, existing.dibuat = status, timezone.now()
                existing.dipromosikan_karena, existing.dipromosikan_pada = "", None
                existing.alasan_promosi, existing.dipromosikan_oleh = "", None
                existing.save(
                    update_fields=[
                        "status",
                        "dibuat",
                        "dipromosikan_karena",
                        "dipromosikan_pada",
                        "alasan_promosi",
                        "dipromosikan_oleh",
                        "diubah",
                    ]
                )
                pendaftaran = existing
            else:
                pendaftaran = Pendaftaran.objects.create(
                    workshop=workshop,
                    pegawai=pegawai,
                    nip=nip,
                    nama=nama[:200],
                    instansi=instansi[:255],
                    email=email,
                    no_hp=no_hp[:20],
                    status=status,
                    user=user if user and user.is_authenticated else None,
                )
            registration_mail_later(
                pendaftaran.pk,
                "terkonfirmasi" if status == StatusPendaftaran.TERKONFIRMASI else "daftar_tunggu",
            )
            return RegistrationResult(pendaftaran, created=True)
    except IntegrityError:
        # Two submits of the same person raced past the lookup: the constraint kept one row.
        return RegistrationResult(
            _existing(WorkshopPage.objects.get(pk=workshop_id), nip, email), created=False
        )


def waiting_list_fill(*, workshop_id: int) -> list[Pendaftaran]:
    """Offer the free seats of workshop `workshop_id` to its waiting list in arrival order (after
    its capacity was raised or removed: called on every publish of the page). Returns the promoted
    registrations (each emailed "dipromosikan", cause "penambahan kapasitas"); none once the
    workshop has started. Raises WorkshopPage.DoesNotExist for an unknown id."""
    with transaction.atomic():
        workshop = _lock(workshop_id)
        return _fill(workshop, karena=SebabPromosi.PENAMBAHAN_KAPASITAS)


def registration_cancel(*, pendaftaran_id: int, admin=None) -> Pendaftaran:
    """Cancel registration `pendaftaran_id` (idempotent); a freed seat goes to the first on the
    waiting list, who is emailed, with the cause recorded: "pembatalan oleh admin" when `admin`
    (the user cancelling from the admin screens) is given, else "pembatalan oleh peserta".
    Attendance and the certificate code are cleared (a cancelled registration has no
    certificate). Returns the Pendaftaran. Raises RegistrationRefused when the registrant (no
    `admin`) cancels a registration already marked present; Pendaftaran.DoesNotExist for an
    unknown id."""
    with transaction.atomic():
        workshop_id = Pendaftaran.objects.values_list("workshop_id", flat=True).get(
            pk=pendaftaran_id
        )
        workshop = _lock(workshop_id)
        pendaftaran = Pendaftaran.objects.get(pk=pendaftaran_id)
        if pendaftaran.status == StatusPendaftaran.DIBATALKAN:
            return pendaftaran
        if admin is None and pendaftaran.hadir:  # checked under the lock: a check-in may race
            raise RegistrationRefused(
                "Anda sudah tercatat hadir di workshop ini; pembatalan hanya dapat dilakukan oleh "
                "panitia."
            )
        was_confirmed = pendaftaran.status == StatusPendaftaran.TERKONFIRMASI
        pendaftaran.status = StatusPendaftaran.DIBATALKAN
        # A cancelled registration holds no certificate: attendance and its code go with it (the
        # public verification then finds nothing), and a later registration starts afresh.
        pendaftaran.hadir, pendaftaran.hadir_pada = False, None
        pendaftaran.kode_sertifikat = pendaftaran.sertifikat_dikirim = None
        pendaftaran.save(
            update_fields=[
                "status",
                "hadir",
                "hadir_pada",
                "kode_sertifikat",
                "sertifikat_dikirim",
                "diubah",
            ]
        )
        registration_mail_later(pendaftaran.pk, "dibatalkan")
        if was_confirmed:
            cause = (
                SebabPromosi.PEMBATALAN_PESERTA if admin is None else SebabPromosi.PEMBATALAN_ADMIN
            )
            _fill(workshop, karena=cause, oleh=admin)
        return pendaftaran


def registration_promote(*, pendaftaran_id: int, alasan: str, admin=None) -> Pendaftaran:
    """An organiser confirms waiting registration `pendaftaran_id` out of queue order, into a free
    seat only (never overbooks), with `alasan` (why, required) recorded beside `admin` (the user)
    and shown in the registrations admin; the person is emailed. A registration that is not
    waiting is returned unchanged. Returns the Pendaftaran.

    Raises RegistrationRefused (`field` "alasan") when `alasan` is empty, and when the workshop is
    full; Pendaftaran.DoesNotExist for an unknown id."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise RegistrationRefused(
            "Tuliskan alasan promosi: peserta ini dinaikkan mendahului urutan daftar tunggu.",
            field="alasan",
        )
    with transaction.atomic():
        workshop_id = Pendaftaran.objects.values_list("workshop_id", flat=True).get(
            pk=pendaftaran_id
        )
        workshop = _lock(workshop_id)
        pendaftaran = Pendaftaran.objects.get(pk=pendaftaran_id)
        if pendaftaran.status != StatusPendaftaran.DAFTAR_TUNGGU:
            return pendaftaran
        if _free_seats(workshop) == 0:
            # Before the start a freed seat goes to the queue at once (_fill), so "make room
            # first" would never reach this person: say when an out-of-order promotion works.
            raise RegistrationRefused(
                f"Kuota {workshop.title} penuh. Sebelum workshop dimulai, setiap kursi yang kosong "
                "otomatis diberikan menurut urutan daftar tunggu; promosi di luar urutan hanya "
                "dapat dilakukan bila ada kursi kosong setelah workshop dimulai."
                if _offers_seats(workshop)
                else f"Kuota {workshop.title} penuh; tidak ada kursi kosong untuk promosi ini."
            )
        _promote(pendaftaran, karena=SebabPromosi.PROMOSI_MANUAL, oleh=admin, alasan=alasan)
        return pendaftaran
