"""Extra rater assignments from a spreadsheet (NIP penilai, NIP dinilai, hubungan, optional alasan):
plan, then apply.

The plan validates every row with the same rules as adding by hand (`assignments.assignment_check`:
the admin's scope, the roster, never the admin's own pegawai as rater, one message for an unknown NIP
and one outside the scope) and changes nothing; the admin sees it as a preview and confirms. A row
whose relationship does not follow from the roster needs a reason in its own Alasan cell. Once the
period is open the whole import needs a reason too (the freeze), and every added assignment is
recorded in `RiwayatPenugasan`. Applying re-checks the rows and inserts them in one transaction,
ignoring rows that already exist, so confirming twice adds nothing the second time.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from evaluasi.models import (
    AksiPenugasan,
    Hubungan,
    Pegawai,
    Penugasan,
    PeriodePenilaian,
    RiwayatPenugasan,
)
from evaluasi.nip import nip_normalise
from evaluasi.selectors import unit_scope_for

from .assignments import (
    AssignmentRefused,
    _own_pegawai,
    _record,
    assignment_check,
    change_allowed,
)
from .roster_import.columns import header_key
from .roster_import.errors import FileRefused
from .roster_import.files import table_rows
from .roster_import.limits import ImportLimits

HEADERS = {
    "nip_penilai": ("NIP Penilai", {"nippenilai", "penilai"}),
    "nip_dinilai": ("NIP Dinilai", {"nipdinilai", "dinilai", "nipyangdinilai"}),
    "hubungan": ("Hubungan", {"hubungan", "relasi", "sebagai"}),
}
OPTIONAL_HEADERS = {"alasan": ("Alasan", {"alasan", "keterangan", "alasanpengecualian"})}
RELATION_WORDS = {
    "diri": Hubungan.DIRI,
    "dirisendiri": Hubungan.DIRI,
    "atasan": Hubungan.ATASAN,
    "rekan": Hubungan.REKAN,
    "rekankerja": Hubungan.REKAN,
    "bawahan": Hubungan.BAWAHAN,
}
MAX_ROWS = 20_000


@dataclass
class PlannedRow:
    """One row of an assignment import that will be added: Excel row, rater, ratee, relation, label."""

    baris: int
    penilai_id: int
    dinilai_id: int
    hubungan: str
    label: str
    alasan: str = ""


@dataclass
class AssignmentImportPlan:
    """The preview of an assignment import: rows to add, refused rows, and rows that already exist."""

    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (Excel row, message)
    already: int = 0


def _header(rows) -> tuple[int, dict[str, int]]:
    for index, cells in enumerate(rows[:10]):
        keys = [header_key(c) for c in cells]
        found = {
            name: keys.index(k)
            for name, (_, spellings) in HEADERS.items()
            for k in keys
            if k in spellings
        }
        if len(found) == len(HEADERS):
            for name, (_, spellings) in OPTIONAL_HEADERS.items():
                for position, k in enumerate(keys):
                    if k in spellings:
                        found[name] = position
                        break
            return index, found
    raise FileRefused(
        "Judul kolom tidak ditemukan. Baris judul harus berisi: NIP Penilai, NIP Dinilai, Hubungan."
    )


NUMERIC_NIP = (
    "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang di Excel; format kolom NIP "
    "sebagai Teks, ketik ulang NIP-nya, lalu unggah lagi."
)


class _NumericNip(Exception):
    pass


def _cell(cells, index) -> str:
    value = cells[index] if index < len(cells) else ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value >= 1e15:  # beyond Excel's 15 significant digits: the NIP is already damaged
            raise _NumericNip
        value = int(value)
    return str(value or "").strip()


def assignment_import_plan(*, path: Path, filename: str, periode_id: int, user, alasan: str = ""):
    """Read and check the file; nothing is written. `FileRefused` for a file that cannot be used or
    a frozen period without `alasan`; row problems go to `plan.errors` as (Excel row, message)."""

    periode = PeriodePenilaian.objects.get(pk=periode_id)
    try:
        change_allowed(periode, alasan)
    except AssignmentRefused as refused:
        raise FileRefused(str(refused)) from None
    rows = table_rows(path, filename=filename, limits=ImportLimits.from_settings())
    start, columns = _header(rows)
    data = [(start + 2 + i, cells) for i, cells in enumerate(rows[start + 1 :]) if any(cells)]
    if len(data) > MAX_ROWS:
        raise FileRefused(f"Berkas berisi lebih dari {MAX_ROWS} baris penugasan; pecah berkasnya.")
    plan, parsed = AssignmentImportPlan(), []
    for number, cells in data:
        try:
            rater_nip = nip_normalise(_cell(cells, columns["nip_penilai"]))
            ratee_nip = nip_normalise(_cell(cells, columns["nip_dinilai"]))
        except _NumericNip:
            plan.errors.append((number, NUMERIC_NIP))
            continue
        reason = _cell(cells, columns["alasan"]) if "alasan" in columns else ""
        parsed.append((number, rater_nip, ratee_nip, _cell(cells, columns["hubungan"]), reason))
    nips = {nip for _, rater, ratee, _, _ in parsed for nip in (rater, ratee)}
    pegawai = {p.nip: p for p in Pegawai.objects.select_related("unit_kerja").filter(nip__in=nips)}
    existing = set(
        Penugasan.objects.filter(periode=periode).values_list("penilai_id", "dinilai_id")
    )
    scope, own = unit_scope_for(user), _own_pegawai(user)
    seen = set()
    for number, rater_nip, ratee_nip, relation_text, reason in parsed:
        relation = RELATION_WORDS.get(header_key(relation_text))
        if relation is None:
            plan.errors.append(
                (number, "Hubungan harus salah satu dari: diri, atasan, rekan, bawahan.")
            )
            continue
        rater, ratee = pegawai.get(rater_nip), pegawai.get(ratee_nip)
        try:
            assignment_check(
                penilai=rater, dinilai=ratee, nip_penilai=rater_nip, nip_dinilai=ratee_nip,
                hubungan=relation, scope=scope, own=own, alasan=reason,
            )  # fmt: skip
        except AssignmentRefused as refused:
            plan.errors.append((number, str(refused)))
            continue
        if (rater.pk, ratee.pk) in existing or (rater.pk, ratee.pk) in seen:
            plan.already += 1
            continue
        seen.add((rater.pk, ratee.pk))
        label = f"{rater.nama} menilai {ratee.nama} sebagai {Hubungan(relation).label.lower()}"
        if reason:
            label += f" (alasan: {reason})"
        plan.rows.append(PlannedRow(number, rater.pk, ratee.pk, relation, label, reason))
    return plan


def assignment_import_apply(
    *, periode_id: int, rows: list[tuple[int, int, str, str]], user, alasan: str = ""
) -> int:
    """Insert confirmed rows (rater id, ratee id, relation, row reason); every row re-checked (one
    refused row refuses the whole import), duplicates ignored, each addition recorded in the
    period's history with `alasan` and the row's reason. Returns the number of assignments added.

    Raises AssignmentRefused ("Impor dibatalkan, tidak ada yang disimpan: " and the reason) when
    the period no longer allows changes or any row is refused; nothing is then written."""
    try:
        return _apply(periode_id=periode_id, rows=rows, user=user, alasan=alasan)
    except AssignmentRefused as refused:
        raise AssignmentRefused(f"Impor dibatalkan, tidak ada yang disimpan: {refused}") from None


@transaction.atomic
def _apply(*, periode_id: int, rows: list[tuple[int, int, str, str]], user, alasan: str) -> int:

    periode = PeriodePenilaian.objects.select_for_update().get(pk=periode_id)
    alasan = change_allowed(periode, alasan)
    scope, own = unit_scope_for(user), _own_pegawai(user)
    people = Pegawai.objects.select_related("unit_kerja").in_bulk(
        {pk for rater, ratee, *_ in rows for pk in (rater, ratee)}
    )
    existing = set(
        Penugasan.objects.filter(periode=periode).values_list("penilai_id", "dinilai_id")
    )
    new, records = [], []
    for rater, ratee, relation, *rest in rows:
        reason = (rest[0] if rest else "") or ""
        if rater not in people or ratee not in people:
            continue
        luar = assignment_check(
            penilai=people[rater], dinilai=people[ratee], nip_penilai=people[rater].nip,
            nip_dinilai=people[ratee].nip, hubungan=relation, scope=scope, own=own, alasan=reason,
        )  # fmt: skip
        if (rater, ratee) in existing:
            continue
        existing.add((rater, ratee))
        new.append(
            Penugasan(periode=periode, penilai_id=rater, dinilai_id=ratee, hubungan=relation)
        )
        records.append(
            _record(
                periode, rater, ratee, relation, AksiPenugasan.DITAMBAH, user=user,
                alasan="; ".join(part for part in (alasan, reason.strip()) if part),
                nips={rater: people[rater].nip, ratee: people[ratee].nip}, luar=luar,
            )
        )  # fmt: skip
    Penugasan.objects.bulk_create(new, ignore_conflicts=True, batch_size=2000)
    RiwayatPenugasan.objects.bulk_create(records, batch_size=2000)
    return len(new)
