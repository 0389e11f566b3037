"""Monitoring an approved SKP (PermenPANRB 6/2022, pemantauan kinerja; docs/skp.md, "Pemantauan"):

- the pegawai records dated progress, with evidence, on any RHK at any time (`progress_add`);
- pegawai and pejabat penilai exchange continuous feedback on an RHK, a thread of dated messages
  (umpan balik berkelanjutan, `feedback_post`), each told to the other side;
- the pejabat penilai records each performance dialogue (dialog kinerja, `dialog_record`): its
  date, topics and agreed follow-up, told to the pegawai.

Only an approved ("disetujui") SKP is monitored. Who may read follows `selectors.skp`; who may
write is checked here again (`skp.is_owner`, `skp.is_penilai`).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from evaluasi.models import (
    CatatanProgres,
    DialogKinerja,
    RencanaHasilKerja,
    RencanaKerja,
    StatusSKP,
    UmpanBalikBerkelanjutan,
)

from . import skp_pantau_notifications
from .evaluations import bukti_problem, safe_link
from .skp import SkpRefused, is_owner, is_penilai

# Free text is bounded even though the columns are TextFields: a page must hold it.
TEKS_MAX = 2000


class MonitoringRefused(SkpRefused):
    """A monitoring step on an SKP is not allowed (also a `SkpRefused`); the message is shown to
    the user as is."""


def _locked(rencana_id: int) -> RencanaKerja:
    return (
        RencanaKerja.objects.select_for_update(of=("self",))
        .select_related("pegawai__user", "pegawai__atasan__user", "pejabat_penilai__user")
        .get(pk=rencana_id)
    )


def _approved(rencana_id: int) -> RencanaKerja:
    rencana = _locked(rencana_id)
    if rencana.status != StatusSKP.DISETUJUI:
        raise MonitoringRefused("Pemantauan kinerja dimulai setelah SKP disetujui atasan.")
    return rencana


def _rhk(rhk_id: int) -> RencanaHasilKerja:
    rhk = RencanaHasilKerja.objects.get(pk=rhk_id)
    rhk.rencana = _approved(rhk.rencana_id)
    return rhk


def _text(value: str, label: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise MonitoringRefused(f"{label} wajib diisi.", field=field)
    if len(value) > TEKS_MAX:
        raise MonitoringRefused(f"{label} paling banyak {TEKS_MAX} karakter.", field=field)
    if "\x00" in value:
        raise MonitoringRefused(f"{label} berisi karakter yang tidak diizinkan.", field=field)
    return value


@transaction.atomic
def progress_add(*, rhk_id: int, user, teks: str, tautan: str = "", berkas=None) -> CatatanProgres:
    """The pegawai records progress on their RHK `rhk_id`, now: `teks` (required, at most
    TEKS_MAX characters), an optional http(s) evidence link `tautan` and an optional evidence
    file `berkas` (an upload: PDF/PNG/JPG/DOCX/XLSX/PPTX at most 5 MB whose first bytes match
    the extension, `evaluations.bukti_problem`; stored in private storage). Returns the
    CatatanProgres. Nobody is notified (the atasan reads it on the SKP page).

    Raises MonitoringRefused when `user` is not the owner, the SKP is not approved, or a value is
    refused; RencanaHasilKerja.DoesNotExist for an unknown id. PermenPANRB 6/2022: pemantauan
    kinerja by the pegawai, at any time of the year."""
    rhk = _rhk(rhk_id)
    if not is_owner(user, rhk.rencana):
        raise MonitoringRefused("Hanya pemilik SKP yang dapat mencatat progres.")
    teks = _text(teks, "Catatan progres", "teks")
    tautan = (tautan or "").strip()
    if tautan and not safe_link(tautan):
        raise MonitoringRefused("Tautan harus diawali http:// atau https://.", field="tautan")
    if berkas:
        problem = bukti_problem(berkas)
        if problem:
            raise MonitoringRefused(problem, field="berkas")
    row = CatatanProgres(rhk=rhk, teks=teks, tautan=tautan, oleh=user)
    try:
        row.clean_fields(exclude=["rhk", "oleh", "berkas"])
    except ValidationError as error:
        field, problems = next(iter(error.message_dict.items()))
        raise MonitoringRefused(" ".join(problems), field=field) from None
    if berkas:
        row.berkas = berkas
    row.save()
    return row


@transaction.atomic
def feedback_post(*, rhk_id: int, user, teks: str) -> UmpanBalikBerkelanjutan:
    """Add a message `teks` (required, at most TEKS_MAX characters) to the feedback thread of RHK
    `rhk_id`, dated now, by the pegawai or their pejabat penilai; the other side is notified
    (`skp_pantau_notifications.feedback_posted`), never the author. Returns the message.

    Raises MonitoringRefused for anyone else (also the penilai's atasan and admins, who only
    read), an SKP not approved, or an empty or too long text; RencanaHasilKerja.DoesNotExist for
    an unknown id. PermenPANRB 6/2022: umpan balik berkelanjutan."""
    rhk = _rhk(rhk_id)
    if not (is_owner(user, rhk.rencana) or is_penilai(user, rhk.rencana)):
        raise MonitoringRefused(
            "Umpan balik berkelanjutan ditulis oleh pegawai dan pejabat penilainya."
        )
    pesan = UmpanBalikBerkelanjutan.objects.create(
        rhk=rhk, penulis=user, teks=_text(teks, "Pesan", "teks")
    )
    skp_pantau_notifications.feedback_posted(pesan, actor=user)
    return pesan


@transaction.atomic
def dialog_record(
    *, rencana_id: int, user, tanggal: date, topik: str, tindak_lanjut: str
) -> DialogKinerja:
    """The pejabat penilai records a performance dialogue on SKP `rencana_id`: its date
    `tanggal` (not after today in WIB, not before the year the SKP was approved), the topics discussed `topik` and the agreed follow-up
    `tindak_lanjut` (each required, at most TEKS_MAX characters). The pegawai is notified
    (`skp_pantau_notifications.dialog_recorded`). Returns the DialogKinerja.

    Raises MonitoringRefused when `user` is not the pejabat penilai, the SKP is not approved, or
    a value is refused; RencanaKerja.DoesNotExist for an unknown id. PermenPANRB 6/2022: dialog
    kinerja between atasan and pegawai."""
    rencana = _approved(rencana_id)
    if not is_penilai(user, rencana):
        raise MonitoringRefused("Dialog kinerja dicatat oleh pejabat penilai.")
    if not isinstance(tanggal, date):
        raise MonitoringRefused("Tanggal dialog wajib diisi.", field="tanggal")
    if tanggal > timezone.localdate():
        raise MonitoringRefused("Tanggal dialog tidak boleh setelah hari ini.", field="tanggal")
    # Monitoring follows the approval: a dialog before the year the SKP was approved is a typo
    # (the SKP's own year lives on its period, which this module does not read).
    approved = rencana.disetujui_pada
    if approved is not None and tanggal.year < timezone.localtime(approved).year:
        raise MonitoringRefused(
            f"Tanggal dialog paling awal 1 Januari {timezone.localtime(approved).year}.",
            field="tanggal",
        )
    dialog = DialogKinerja.objects.create(
        rencana=rencana,
        tanggal=tanggal,
        topik=_text(topik, "Topik", "topik"),
        tindak_lanjut=_text(tindak_lanjut, "Tindak lanjut", "tindak_lanjut"),
        dicatat_oleh=user,
    )
    skp_pantau_notifications.dialog_recorded(dialog, actor=user)
    return dialog
