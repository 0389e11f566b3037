"""Workshop registration: never overbook, never lose or duplicate, promote from the waiting list.

Every write locks the workshop row first (`select_for_update`; on SQLite the IMMEDIATE transaction
serialises writers), so counting confirmed seats and inserting happen as one step.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from cms.errors import ActionRefused
from evaluasi.nip import NipError, nip_normalise, nip_validate
from evaluasi.selectors import pegawai_by_nip
from sosialisasi.models import Pendaftaran, StatusPendaftaran, WorkshopPage

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
    return WorkshopPage.objects.select_for_update().get(pk=workshop_id)


def _in_audience(workshop: WorkshopPage, pegawai) -> bool:
    units = list(workshop.untuk_opd.all())
    if not units:
        return True
    return pegawai is not None and any(
        pegawai.unit_kerja.path.startswith(unit.path) for unit in units
    )


def _new_status(workshop: WorkshopPage) -> str:
    if not workshop.kapasitas:
        return StatusPendaftaran.TERKONFIRMASI
    confirmed = Pendaftaran.objects.filter(
        workshop=workshop, status=StatusPendaftaran.TERKONFIRMASI
    ).count()
    return (
        StatusPendaftaran.TERKONFIRMASI
        if confirmed < workshop.kapasitas
        else StatusPendaftaran.DAFTAR_TUNGGU
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
    while the capacity lasts, else the registration waits; the email is queued on commit.

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
            if not _in_audience(workshop, pegawai):
                raise RegistrationRefused(workshop.alasan_di_luar_sasaran(pegawai))
            existing = _existing(workshop, nip, email)
            if existing is not None and existing.status != StatusPendaftaran.DIBATALKAN:
                return RegistrationResult(existing, created=False)
            status = _new_status(workshop)
            if existing is not None:  # registering again after cancelling: back of the queue
                existing.status, existing.dibuat = status, timezone.now()
                existing.save(update_fields=["status", "dibuat", "diubah"])
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


def _promote_first(workshop: WorkshopPage) -> Pendaftaran | None:
    if workshop.kapasitas and _new_status(workshop) != StatusPendaftaran.TERKONFIRMASI:
        return None
    first = (
        Pendaftaran.objects.filter(workshop=workshop, status=StatusPendaftaran.DAFTAR_TUNGGU)
        .order_by("dibuat", "id")
        .first()
    )
    if first is not None:
        first.status = StatusPendaftaran.TERKONFIRMASI
        first.save(update_fields=["status", "diubah"])
        registration_mail_later(first.pk, "dipromosikan")
    return first


def registration_cancel(*, pendaftaran_id: int) -> Pendaftaran:
    """Cancel registration `pendaftaran_id` (idempotent); a freed seat goes to the first on the
    waiting list, who is emailed. Returns the Pendaftaran. Raises Pendaftaran.DoesNotExist for an
    unknown id; never refuses."""
    with transaction.atomic():
        workshop_id = Pendaftaran.objects.values_list("workshop_id", flat=True).get(
            pk=pendaftaran_id
        )
        workshop = _lock(workshop_id)
        pendaftaran = Pendaftaran.objects.get(pk=pendaftaran_id)
        if pendaftaran.status == StatusPendaftaran.DIBATALKAN:
            return pendaftaran
        was_confirmed = pendaftaran.status == StatusPendaftaran.TERKONFIRMASI
        pendaftaran.status = StatusPendaftaran.DIBATALKAN
        pendaftaran.save(update_fields=["status", "diubah"])
        registration_mail_later(pendaftaran.pk, "dibatalkan")
        if was_confirmed:
            _promote_first(workshop)
        return pendaftaran


def registration_promote(*, pendaftaran_id: int) -> Pendaftaran:
    """An admin moves waiting registration `pendaftaran_id` up, only while a seat is free (never
    overbooks); a registration that is not waiting is returned unchanged. Returns the
    Pendaftaran. Raises RegistrationRefused when the workshop is full."""
    with transaction.atomic():
        workshop_id = Pendaftaran.objects.values_list("workshop_id", flat=True).get(
            pk=pendaftaran_id
        )
        workshop = _lock(workshop_id)
        pendaftaran = Pendaftaran.objects.get(pk=pendaftaran_id)
        if pendaftaran.status != StatusPendaftaran.DAFTAR_TUNGGU:
            return pendaftaran
        if _new_status(workshop) != StatusPendaftaran.TERKONFIRMASI:
            raise RegistrationRefused(
                f"Kuota {workshop.title} penuh; naikkan kapasitas atau batalkan peserta lain lebih dulu."
            )
        pendaftaran.status = StatusPendaftaran.TERKONFIRMASI
        pendaftaran.save(update_fields=["status", "diubah"])
        registration_mail_later(pendaftaran.pk, "dipromosikan")
        return pendaftaran
