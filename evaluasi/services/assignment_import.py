"""Extra rater assignments from a spreadsheet (NIP penilai, NIP dinilai, hubungan): plan, then apply.

The plan validates every row against the roster and the admin's scope and changes nothing; the
admin sees it as a preview and confirms. Applying re-checks the rows and inserts them in one
transaction, ignoring rows that already exist, so confirming twice adds nothing the second time.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from evaluasi.models import Hubungan, Pegawai, Penugasan, PeriodePenilaian
from evaluasi.nip import nip_normalise

from .assignments import EDITABLE, NOT_EDITABLE, AssignmentRefused, _check_relation
from .roster_import.columns import header_key
from .roster_import.errors import FileRefused
from .roster_import.files import table_rows
from .roster_import.limits import ImportLimits

HEADERS = {
    "nip_penilai": ("NIP Penilai", {"nippenilai", "penilai"}),
    "nip_dinilai": ("NIP Dinilai", {"nipdinilai", "dinilai", "nipyangdinilai"}),
    "hubungan": ("Hubungan", {"hubungan", "relasi", "sebagai"}),
}
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
    baris: int
    penilai_id: int
    dinilai_id: int
    hubungan: str
    label: str


@dataclass
class AssignmentImportPlan:
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


def assignment_import_plan(*, path: Path, filename: str, periode_id: int, user):
    from evaluasi.selectors import unit_scope_for

    periode = PeriodePenilaian.objects.get(pk=periode_id)
    if periode.status not in EDITABLE:
        raise FileRefused(NOT_EDITABLE)
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
        parsed.append((number, rater_nip, ratee_nip, _cell(cells, columns["hubungan"])))
    nips = {nip for _, rater, ratee, _ in parsed for nip in (rater, ratee)}
    pegawai = {p.nip: p for p in Pegawai.objects.select_related("unit_kerja").filter(nip__in=nips)}
    existing = set(
        Penugasan.objects.filter(periode=periode).values_list("penilai_id", "dinilai_id")
    )
    scope = unit_scope_for(user)
    seen = set()
    for number, rater_nip, ratee_nip, relation_text in parsed:
        relation = RELATION_WORDS.get(header_key(relation_text))
        rater, ratee = pegawai.get(rater_nip), pegawai.get(ratee_nip)
        if rater is None or ratee is None:
            missing = rater_nip if rater is None else ratee_nip
            plan.errors.append((number, f"NIP {missing or '(kosong)'} tidak ada di data pegawai."))
            continue
        if relation is None:
            plan.errors.append(
                (number, "Hubungan harus salah satu dari: diri, atasan, rekan, bawahan.")
            )
            continue
        if not scope.allows_unit(ratee.unit_kerja):
            plan.errors.append((number, f"{ratee.nama} berada di luar unit kewenangan Anda."))
            continue
        try:
            _check_relation(rater, ratee, relation)
        except AssignmentRefused as refused:
            plan.errors.append((number, str(refused)))
            continue
        if (rater.pk, ratee.pk) in existing or (rater.pk, ratee.pk) in seen:
            plan.already += 1
            continue
        seen.add((rater.pk, ratee.pk))
        label = f"{rater.nama} menilai {ratee.nama} sebagai {Hubungan(relation).label.lower()}"
        plan.rows.append(PlannedRow(number, rater.pk, ratee.pk, relation, label))
    return plan


@transaction.atomic
def assignment_import_apply(*, periode_id: int, rows: list[tuple[int, int, str]], user) -> int:
    """Insert confirmed rows (rater id, ratee id, relation); re-checked, duplicates ignored."""
    from evaluasi.selectors import unit_scope_for

    periode = PeriodePenilaian.objects.select_for_update().get(pk=periode_id)
    if periode.status not in EDITABLE:
        raise AssignmentRefused(NOT_EDITABLE)
    scope = unit_scope_for(user)
    people = Pegawai.objects.select_related("unit_kerja").in_bulk(
        {pk for rater, ratee, _ in rows for pk in (rater, ratee)}
    )
    new = []
    for rater, ratee, relation in rows:
        if rater not in people or ratee not in people:
            continue
        if not scope.allows_unit(people[ratee].unit_kerja):
            raise AssignmentRefused("Ada pegawai yang dinilai di luar unit kewenangan Anda.")
        _check_relation(people[rater], people[ratee], relation)
        new.append(
            Penugasan(periode=periode, penilai_id=rater, dinilai_id=ratee, hubungan=relation)
        )
    before = Penugasan.objects.filter(periode=periode).count()
    Penugasan.objects.bulk_create(new, ignore_conflicts=True, batch_size=2000)
    return Penugasan.objects.filter(periode=periode).count() - before
