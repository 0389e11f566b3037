"""Comparing the file with the roster: what is new, changed, unchanged or to deactivate.

Everything is resolved in memory against one read of the existing roster (a few tuples per row),
so supervisors and parent units may appear anywhere in the file or already be in the database.
"""

from dataclasses import dataclass, field

from evaluasi.models import Pegawai, UnitKerja

from .atasan import Organisation, UnitHead
from .columns import UNIT_SHEET, column_label
from .errors import RowError
from .records import PegawaiRecord, UnitRecord
from .siasn import jenis_jabatan_from_eselon

UNIT_FIELDS = ("nama", "jenis")
PEGAWAI_FIELDS = (
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "status",
    "golongan",
    "jabatan",
    "jenis_jabatan",
    "email",
    "no_hp",
    "pns_id",
    "cpns",
    "atasan_manual",
)
FIELD_LABELS = {
    "nama": "Nama",
    "gelar_depan": "Gelar Depan",
    "gelar_belakang": "Gelar Belakang",
    "status": "Status",
    "golongan": "Golongan",
    "jabatan": "Jabatan",
    "jenis_jabatan": "Jenis Jabatan",
    "email": "Email",
    "no_hp": "No HP",
    "unit": "Kode Unit",
    "atasan": "NIP Atasan",
    "induk": "Kode Induk",
    "jenis": "Jenis",
    "aktif": "Aktif",
    "pns_id": "PNS ID",
    "cpns": "CPNS",
    "atasan_manual": "Atasan ditetapkan manual",
    "eselon": "Eselon",
    "kepala": "Kepala Unit",
}
CHANGE_SAMPLE = 200
_DB_INDEX = {name: 2 + index for index, name in enumerate(PEGAWAI_FIELDS)}  # in load_pegawai rows


@dataclass
class Plan:
    """What a roster import would change: new, changed, unchanged and deactivated units and pegawai,
    and the row errors; nothing is written until it is applied."""

    units_new: list[UnitRecord] = field(default_factory=list)
    units_changed: list[tuple[int, UnitRecord]] = field(default_factory=list)
    units_unchanged: int = 0
    pegawai_new: list[PegawaiRecord] = field(default_factory=list)
    pegawai_changed: list[tuple[int, PegawaiRecord]] = field(default_factory=list)
    pegawai_unchanged: int = 0
    pegawai_deactivate: list[int] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)
    deactivate_sample: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    unit_ids: dict[str, int] = field(default_factory=dict)  # kode -> id, for the roster as read
    pegawai_ids: dict[str, int] = field(default_factory=dict)  # nip -> id
    # The organisation: the first CHANGE_SAMPLE pegawai whose atasan was derived, whose
    # hand-set atasan was kept although the derived one differs, and who are inactive in the file
    # (SIASN status); the counts are in `structure_counts`. `unit_heads`: (kode, head NIP or "",
    # head PNS_ID or "") of every unit whose stored head changes.
    atasan_derived: list[dict] = field(default_factory=list)
    atasan_kept: list[dict] = field(default_factory=list)
    inactive_rows: list[dict] = field(default_factory=list)
    structure_counts: dict = field(
        default_factory=lambda: {"atasan_turunan": 0, "atasan_manual_beda": 0, "tidak_aktif": 0}
    )
    unit_heads: list[tuple[str, str, str]] = field(default_factory=list)

    def counts(self) -> dict:
        return {
            "unit_baru": len(self.units_new),
            "unit_berubah": len(self.units_changed),
            "unit_tetap": self.units_unchanged,
            "pegawai_baru": len(self.pegawai_new),
            "pegawai_berubah": len(self.pegawai_changed),
            "pegawai_tetap": self.pegawai_unchanged,
            "pegawai_dinonaktifkan": len(self.pegawai_deactivate),
            "kesalahan": len(self.errors),
            # Only when something was derived, kept or inactive, so plain imports keep their
            # counts.
            **{key: value for key, value in self.structure_counts.items() if value},
        }


def _index_by(records, key: str, column: str, errors: list[RowError]) -> dict:
    """key -> record; a key seen twice is an error naming both rows (and both are dropped); errors
    name the sheet each row is on."""
    seen: dict = {}
    duplicated = set()
    for record in records:
        value = getattr(record, key)
        if value in seen:
            first = seen[value]
            errors.append(
                RowError(
                    record.sheet,
                    record.row,
                    column,
                    f"{value} sudah ada di {_where(first, record)}baris {first.row}.",
                )
            )
            duplicated.add(value)
        else:
            seen[value] = record
    for value in duplicated:
        first = seen.pop(value)
        errors.append(
            RowError(first.sheet, first.row, column, f"{value} muncul lebih dari sekali.")
        )
    return seen


def _where(first, record) -> str:
    """ "sheet 'X', " when `first` is on another sheet than `record`, else ""."""
    return "" if first.sheet == record.sheet else f"sheet '{first.sheet}', "


def _shown(value):
    """A compared value as the preview shows it: yes/no fields as Ya/Tidak, never True/False."""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    return value


def _find_cycles(starts, parent_of) -> list[list]:
    """Cycles in a graph where each node has at most one parent (atasan or unit induk)."""
    state: dict = {}  # 1 = on the current walk, 2 = finished
    cycles = []
    for start in starts:
        walk = []
        node = start
        while node is not None and state.get(node) is None:
            state[node] = 1
            walk.append(node)
            node = parent_of(node)
        if node is not None and state.get(node) == 1:
            cycles.append(walk[walk.index(node) :])
        for item in walk:
            state[item] = 2
    return cycles


class _Planner:
    def __init__(self, *, scope_path: str | None, sync_full: bool):
        self.scope_path = scope_path
        self.sync_full = sync_full
        self.plan = Plan()
        self.errors = self.plan.errors
        self.file_units: dict[str, UnitRecord] = {}
        self.file_pegawai: dict[str, PegawaiRecord] = {}
        self.db_pegawai: dict | None = None
        self._org: Organisation | None = None
        self.unit_parent_of = lambda kode: None  # set by plan_units

    # --- roster as it is ------------------------------------------------------------------
    def load_units(self):
        self.db_units = {
            row[1]: row
            for row in UnitKerja.objects.values_list(
                "id", "kode", "nama", "jenis", "induk_id", "aktif", "path"
            )
        }
        self.unit_kode_by_id = {row[0]: kode for kode, row in self.db_units.items()}
        self.plan.unit_ids = {kode: row[0] for kode, row in self.db_units.items()}
        self.db_heads = {
            kode: UnitHead(nip=nip or "", pns_id=pns_id, eselon=eselon)
            for kode, nip, pns_id, eselon in UnitKerja.objects.values_list(
                "kode", "kepala__nip", "kepala_pns_id", "eselon"
            )
        }

    def load_pegawai(self):
        rows = Pegawai.objects.values_list(
            "id", "nip", *PEGAWAI_FIELDS, "unit_kerja_id", "atasan_id", "aktif"
        )
        self.db_pegawai = {row[1]: row for row in rows.iterator(chunk_size=5000)}
        self.nip_by_id = {row[0]: nip for nip, row in self.db_pegawai.items()}
        self.plan.pegawai_ids = {nip: row[0] for nip, row in self.db_pegawai.items()}

    def in_scope_db_unit(self, kode: str) -> bool:
        return self.scope_path is None or self.db_units[kode][6].startswith(self.scope_path)

    # --- units ------------------------------------------------------------------------------
    def plan_units(self, records: list[UnitRecord]) -> None:
        self.file_units = _index_by(records, "kode", "Kode Unit", self.errors)
        induk_label = column_label(UNIT_SHEET, "kode_induk")
        for kode, record in list(self.file_units.items()):
            parent = record.kode_induk
            problem = None
            if parent == kode:
                problem = "Unit tidak boleh menjadi induk dirinya sendiri."
            elif parent and parent not in self.file_units and parent not in self.db_units:
                problem = f"Kode induk {parent} tidak ditemukan di berkas maupun di data unit."
            elif self.scope_path is not None and not parent and kode not in self.db_units:
                problem = "Unit baru harus berada di bawah unit dalam wewenang Anda."
            if problem:
                self.errors.append(RowError(record.sheet, record.row, induk_label, problem))
                del self.file_units[kode]

        def parent_of(kode):
            if kode in self.file_units:
                return self.file_units[kode].kode_induk or None
            row = self.db_units.get(kode)
            return self.unit_kode_by_id.get(row[4]) if row else None

        for cycle in _find_cycles(list(self.file_units), parent_of):
            rows = [self.file_units[k] for k in cycle if k in self.file_units]
            chain = " → ".join(
                f"{k} (baris {self.file_units[k].row})" if k in self.file_units else k
                for k in cycle
            )
            for record in rows:
                self.errors.append(
                    RowError(
                        record.sheet,
                        record.row,
                        induk_label,
                        f"Hubungan induk melingkar: {chain} → {cycle[0]}.",
                    )
                )
                self.file_units.pop(record.kode, None)

        if self.scope_path is not None:
            self._check_unit_scope()
        self.unit_parent_of = parent_of
        for kode, record in self.file_units.items():
            if record.eselon is None:  # the file does not say: keep the stored eselon
                stored = self.db_heads.get(kode)
                record.eselon = stored.eselon if stored else ""
            self._compare_unit(kode, record)

    def _check_unit_scope(self) -> None:
        """An Admin OPD's file stays inside their subtree: a unit already stored must be in it,
        and every unit's (new) induk must be too, so no unit is moved out of it; the subtree's own
        top unit keeps its induk. Offending rows become errors and are dropped, until none is left
        (a unit under a dropped one is dropped in turn)."""
        induk_label = column_label(UNIT_SHEET, "kode_induk")
        changed = True
        while changed:
            changed = False
            for kode, record in list(self.file_units.items()):
                problem = self._unit_scope_problem(kode, record)
                if problem:
                    column, message = problem
                    self.errors.append(
                        RowError(record.sheet, record.row, column or induk_label, message)
                    )
                    del self.file_units[kode]
                    changed = True

    def _unit_scope_problem(self, kode: str, record: UnitRecord) -> tuple[str, str] | None:
        """(column label or "" for Kode Induk, message) when unit row `record` leaves the scope."""
        stored = self.db_units.get(kode)
        if stored is not None and not self.in_scope_db_unit(kode):
            return "Kode Unit", "Unit ini di luar wewenang Anda."
        parent = record.kode_induk
        if stored is not None and stored[6] == self.scope_path:
            if parent != self.unit_kode_by_id.get(stored[4], ""):
                return "", (
                    "Unit ini unit teratas dalam wewenang Anda; unit induknya tidak dapat diubah "
                    "dari sini. Kosongkan perubahan Kode Induk atau hubungi Admin BKD."
                )
            return None
        if parent in self.file_units or (parent in self.db_units and self.in_scope_db_unit(parent)):
            return None
        if not parent:
            return "", "Isi Kode Induk dengan unit dalam wewenang Anda."
        return "", (
            f"Unit induk {parent} di luar wewenang Anda; unit hanya dapat ditempatkan di bawah "
            "unit dalam subtree Anda."
        )

    def _compare_unit(self, kode: str, record: UnitRecord) -> None:
        existing = self.db_units.get(kode)
        if existing is None:
            self.plan.units_new.append(record)
            return
        _, _, nama, jenis, induk_id, aktif, _ = existing
        before = {
            "nama": nama,
            "jenis": jenis,
            "induk": self.unit_kode_by_id.get(induk_id, ""),
            "aktif": aktif,
        }
        after = {
            "nama": record.nama,
            "jenis": record.jenis,
            "induk": record.kode_induk,
            "aktif": record.aktif,
        }
        self._compare_unit_head(kode, record, before, after)
        diff = [name for name in before if before[name] != after[name]]
        if diff:
            self.plan.units_changed.append((existing[0], record))
            self._sample_change(record.sheet, record.row, kode, record.nama, diff, before, after)
        else:
            self.plan.units_unchanged += 1

    def _compare_unit_head(self, kode: str, record: UnitRecord, before: dict, after: dict) -> None:
        stored = self.db_heads.get(kode) or UnitHead()
        before["eselon"], after["eselon"] = stored.eselon, record.eselon
        if record.kepala_nip is not None:
            before["kepala"], after["kepala"] = stored.nip, record.kepala_nip
        elif record.kepala_pns_id is not None:
            before["kepala"], after["kepala"] = stored.pns_id, record.kepala_pns_id

    # --- pegawai ----------------------------------------------------------------------------
    def unit_known(self, kode: str) -> bool:
        return kode in self.file_units or kode in self.db_units

    def unit_in_scope(self, kode: str) -> bool:
        if self.scope_path is None or kode in self.file_units:
            return True  # file units were scope-checked already
        return self.in_scope_db_unit(kode)

    def plan_pegawai(self, records: list[PegawaiRecord]) -> None:
        self.file_pegawai = _index_by(records, "nip", "NIP", self.errors)
        for nip, record in list(self.file_pegawai.items()):
            problem = self._pegawai_problem(nip, record)
            if problem:
                column, message = problem
                self.errors.append(RowError(record.sheet, record.row, column, message))
                del self.file_pegawai[nip]
        self._check_pns_ids()
        self._derive_atasan()

        def atasan_of(nip):
            if nip in self.file_pegawai:
                return self.file_pegawai[nip].nip_atasan or None
            row = self.db_pegawai.get(nip)
            return self.nip_by_id.get(row[-2]) if row else None

        for cycle in _find_cycles(list(self.file_pegawai), atasan_of):
            chain = " → ".join(
                f"{n} (baris {self.file_pegawai[n].row})" if n in self.file_pegawai else n
                for n in cycle
            )
            for nip in cycle:
                record = self.file_pegawai.pop(nip, None)
                if record:
                    self.errors.append(
                        RowError(
                            record.sheet,
                            record.row,
                            "NIP Atasan",
                            f"Rantai atasan melingkar: {chain} → {cycle[0]}.",
                        )
                    )

        for nip, record in self.file_pegawai.items():
            self._compare_pegawai(nip, record)
        if self.sync_full:
            self._plan_deactivation()

    def _pegawai_problem(self, nip: str, record: PegawaiRecord):
        if not self.unit_known(record.kode_unit):
            return (
                "Kode Unit",
                f"Kode unit {record.kode_unit} tidak ditemukan di berkas maupun di data unit. "
                "Tambahkan unitnya di sheet Unit Kerja (untuk ekspor SIASN: unggah Referensi UNOR "
                "lebih dulu).",
            )
        if not self.unit_in_scope(record.kode_unit):
            return "Kode Unit", f"Unit {record.kode_unit} di luar wewenang Anda."
        existing = self.db_pegawai.get(nip)
        if existing is not None and self.scope_path is not None:
            current_unit = self.unit_kode_by_id.get(existing[-3])
            if current_unit and not self.in_scope_db_unit(current_unit):
                return (
                    "NIP",
                    "Pegawai ini terdaftar di unit di luar wewenang Anda; hubungi Admin BKD.",
                )
        atasan = record.nip_atasan
        if atasan:
            if atasan == nip:
                return "NIP Atasan", "Pegawai tidak boleh menjadi atasan dirinya sendiri."
            if atasan not in self.file_pegawai:
                row = self.db_pegawai.get(atasan)
                if row is None:
                    return (
                        "NIP Atasan",
                        f"Atasan dengan NIP {atasan} tidak ditemukan di berkas maupun di data pegawai.",
                    )
                # Only a new link is refused: an export re-imported keeps the links it shows.
                if not row[-1] and (existing is None or existing[-2] != row[0]):
                    return "NIP Atasan", f"Atasan dengan NIP {atasan} sudah nonaktif."
        return None

    def _compare_pegawai(self, nip: str, record: PegawaiRecord) -> None:
        existing = self.db_pegawai.get(nip)
        if existing is None:
            self.plan.pegawai_new.append(record)
            return
        values = dict(zip(PEGAWAI_FIELDS, existing[2 : 2 + len(PEGAWAI_FIELDS)], strict=True))
        for name in record.absent:  # no column in the file: the stored value stays
            if name != "golongan" or record.status == values["status"]:
                setattr(record, name, values[name])
        before = values | {
            "unit": self.unit_kode_by_id.get(existing[-3], ""),
            "atasan": self.nip_by_id.get(existing[-2], ""),
            "aktif": existing[-1],
        }
        after = {name: getattr(record, name) for name in PEGAWAI_FIELDS} | {
            "unit": record.kode_unit,
            "atasan": record.nip_atasan,
            "aktif": record.aktif,
        }
        diff = [name for name in before if before[name] != after[name]]
        if diff:
            self.plan.pegawai_changed.append((existing[0], record))
            self._sample_change(record.sheet, record.row, nip, record.nama, diff, before, after)
        else:
            self.plan.pegawai_unchanged += 1

    def _plan_deactivation(self) -> None:
        imported_units = {record.kode_unit for record in self.file_pegawai.values()}
        for nip, row in self.db_pegawai.items():
            if (
                row[-1]
                and nip not in self.file_pegawai
                and self.unit_kode_by_id.get(row[-3]) in imported_units
            ):
                self.plan.pegawai_deactivate.append(row[0])
                if len(self.plan.deactivate_sample) < CHANGE_SAMPLE:
                    self.plan.deactivate_sample.append(
                        {"nip": nip, "nama": row[2], "unit": self.unit_kode_by_id.get(row[-3])}
                    )

    # --- the organisation: PNS ID, unit heads, derived atasan ---------------------------------
    def _field(self, row, name: str):
        """Field `name` of a stored pegawai row (as `load_pegawai` reads it)."""
        return row[_DB_INDEX[name]]

    def _check_pns_ids(self) -> None:
        """A PNS_ID names one pegawai: twice in the file, or already another NIP's, is an error."""
        owner = {self._field(row, "pns_id"): nip for nip, row in self.db_pegawai.items()}
        owner.pop("", None)
        seen: dict[str, PegawaiRecord] = {}
        for nip, record in list(self.file_pegawai.items()):
            pns_id = record.pns_id
            if not pns_id:
                continue
            problem = None
            if pns_id in seen:
                problem = f"PNS ID {pns_id} sudah dipakai di baris {seen[pns_id].row}."
            elif owner.get(pns_id, nip) != nip and owner[pns_id] not in self.file_pegawai:
                problem = f"PNS ID {pns_id} sudah tercatat untuk pegawai NIP {owner[pns_id]}."
            if problem:
                self.errors.append(RowError(record.sheet, record.row, "PNS ID", problem))
                del self.file_pegawai[nip]
            else:
                seen[pns_id] = record

    def _is_active(self, nip: str) -> bool:
        record = self.file_pegawai.get(nip)
        if record is not None:
            return record.aktif
        row = self.db_pegawai.get(nip)
        return bool(row and row[-1])

    def _organisation(self) -> Organisation:
        if self._org is None:
            nip_by_pns_id = {
                self._field(row, "pns_id"): nip for nip, row in self.db_pegawai.items()
            }
            nip_by_pns_id |= {r.pns_id: nip for nip, r in self.file_pegawai.items() if r.pns_id}
            nip_by_pns_id.pop("", None)
            self._org = Organisation(
                file_units=self.file_units,
                db_heads=self.db_heads,
                parent_of=self.unit_parent_of,
                nip_by_pns_id=nip_by_pns_id,
                is_active=self._is_active,
            )
        return self._org

    def _pegawai_sample(self, nip: str) -> dict:
        record = self.file_pegawai.get(nip)
        if record is not None:
            return {"nip": nip, "nama": record.nama}
        row = self.db_pegawai.get(nip)
        return {"nip": nip, "nama": row[2] if row else ""}

    def _derive_atasan(self) -> None:
        """Fill each row's atasan that no NIP Atasan cell gives: a hand-set one is kept (and listed
        when the derived one differs), otherwise the organisation's (Organisation.derived_atasan);
        a Jabatan Struktural gets its jenis from the eselon of the unit it heads."""
        org = self._organisation()
        counts = self.plan.structure_counts
        for nip, record in self.file_pegawai.items():
            existing = self.db_pegawai.get(nip)
            if record.pns_id is None:
                record.pns_id = self._field(existing, "pns_id") if existing else ""
            if record.struktural and not record.jenis_jabatan:
                headed = org.unit_headed_by(nip) or record.kode_unit
                record.jenis_jabatan = jenis_jabatan_from_eselon(org.eselon_of(headed))
            if not record.aktif:
                counts["tidak_aktif"] += 1
                if len(self.plan.inactive_rows) < CHANGE_SAMPLE:
                    self.plan.inactive_rows.append(
                        {"row": record.row, "nip": nip, "nama": record.nama}
                        | {"unit": record.kode_unit, "kedudukan": record.kedudukan}
                    )
            derived = org.derived_atasan(nip, record.kode_unit)
            if record.nip_atasan:  # a NIP Atasan cell
                stored = self.nip_by_id.get(existing[-2], "") if existing else None
                if record.nip_atasan == stored:  # unchanged (an export imported back): as it was
                    record.atasan_manual = self._field(existing, "atasan_manual")
                else:  # typed: set by hand, unless it is what the organisation gives anyway
                    record.atasan_manual = record.nip_atasan != derived
                continue
            if existing is not None and self._field(existing, "atasan_manual"):
                kept = self.nip_by_id.get(existing[-2], "")
                record.nip_atasan, record.atasan_manual = kept, True
                if derived != kept:
                    counts["atasan_manual_beda"] += 1
                    if len(self.plan.atasan_kept) < CHANGE_SAMPLE:
                        self.plan.atasan_kept.append(
                            {"row": record.row, "nip": nip, "nama": record.nama}
                            | {"tetap": self._pegawai_sample(kept) if kept else None}
                            | {"turunan": self._pegawai_sample(derived) if derived else None}
                        )
                continue
            record.nip_atasan, record.atasan_manual = derived, False
            if derived:
                counts["atasan_turunan"] += 1
                if len(self.plan.atasan_derived) < CHANGE_SAMPLE:
                    self.plan.atasan_derived.append(
                        {"row": record.row, "nip": nip, "nama": record.nama}
                        | {"unit": record.kode_unit, "atasan": self._pegawai_sample(derived)}
                    )

    def plan_heads(self) -> None:
        """Which units' stored head changes: heads the file gives (Kepala Unit NIP or SIASN's
        PEMIMPIN_PNS_ID), and stored PEMIMPIN_PNS_IDs that a pegawai of this file now resolves.
        A Kepala Unit NIP that names nobody is an error on the unit row."""
        if self.db_pegawai is None:
            self.load_pegawai()
        org = self._organisation()
        known = self.file_pegawai.keys() | self.db_pegawai.keys()
        for kode, record in self.file_units.items():
            given = org.head_given(kode)
            if given is None:
                continue
            nip, pns_id = given
            stored = self.db_heads.get(kode) or UnitHead()
            problem = None
            if record.kepala_nip is not None and nip and nip not in known:
                problem = (
                    f"Kepala unit dengan NIP {nip} tidak ditemukan di berkas maupun di data "
                    "pegawai."
                )
            elif nip and nip != stored.nip and not self._pegawai_in_scope(nip):
                problem = (
                    f"Kepala unit dengan NIP {nip} terdaftar di unit di luar wewenang Anda; "
                    "kepala unit harus pegawai dalam subtree Anda (hubungi Admin BKD)."
                )
            if problem:
                self.errors.append(
                    RowError(record.sheet, record.row, self._head_label(record), problem)
                )
                continue
            if record.kepala_nip is not None:
                pns_id = stored.pns_id if nip == stored.nip else ""
            if (nip, pns_id) != (stored.nip, stored.pns_id):
                self.plan.unit_heads.append((kode, nip, pns_id))
        for kode, stored in self.db_heads.items():
            if kode in self.file_units or not stored.pns_id:
                continue
            if self.scope_path is not None and not self.in_scope_db_unit(kode):
                continue  # an Admin OPD's file never changes a unit outside their subtree
            nip = org.nip_by_pns_id.get(stored.pns_id, "")
            if nip and nip != stored.nip:
                self.plan.unit_heads.append((kode, nip, stored.pns_id))

    def _pegawai_in_scope(self, nip: str) -> bool:
        """Whether pegawai `nip` is the Admin OPD's to name: a row of this file (already checked
        for scope) or stored in a unit of their subtree; always True for Admin BKD."""
        if self.scope_path is None or nip in self.file_pegawai:
            return True
        row = self.db_pegawai.get(nip)
        unit = self.unit_kode_by_id.get(row[-3]) if row else None
        return unit is not None and self.in_scope_db_unit(unit)

    def _head_label(self, record: UnitRecord) -> str:
        """The column that names the head of unit row `record`: Kepala Unit, or SIASN's
        PEMIMPIN_PNS_ID."""
        if record.kepala_nip is not None:
            return column_label(UNIT_SHEET, "kepala_nip")
        return "PEMIMPIN_PNS_ID"

    def _sample_change(self, sheet, row, key, nama, diff, before, after) -> None:
        if len(self.plan.changes) >= CHANGE_SAMPLE:
            return
        self.plan.changes.append(
            {
                "sheet": sheet,
                "row": row,
                "key": key,
                "nama": nama,
                "fields": [
                    {
                        "field": FIELD_LABELS[name],
                        "before": _shown(before[name]),
                        "after": _shown(after[name]),
                    }
                    for name in diff
                ],
            }
        )


def roster_plan(
    units: list[UnitRecord],
    pegawai: list[PegawaiRecord],
    *,
    errors: list[RowError],
    scope_path: str | None = None,
    sync_full: bool = False,
) -> Plan:
    """Compare the parsed `units` and `pegawai` records with the roster in the database: what is
    new, changed, unchanged and (with `sync_full`, for an import of the whole roster) to
    deactivate. `errors`: the row errors found while parsing, carried into the plan;
    `scope_path`: the materialised path of the Admin OPD's unit (rows outside it become errors),
    None for the whole province. Returns the Plan (nothing is written); its `errors` are sorted
    units first, by row."""
    planner = _Planner(scope_path=scope_path, sync_full=sync_full)
    planner.errors.extend(errors)
    planner.load_units()
    planner.plan_units(units)
    if pegawai or sync_full:
        planner.load_pegawai()
        planner.plan_pegawai(pegawai)
    if pegawai or any(
        u.kepala_nip is not None or u.kepala_pns_id for u in planner.file_units.values()
    ):
        planner.plan_heads()
    unit_sheets = {UNIT_SHEET} | {record.sheet for record in units}
    planner.plan.errors.sort(key=lambda error: (error.sheet not in unit_sheets, error.row))
    return planner.plan
