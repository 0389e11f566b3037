"""The atasan derived from the organisation: the head of the pegawai's unit, climbing the induk
chain past vacant heads and past the pegawai themself (docs/impor-roster.md, "Atasan dari struktur
organisasi"). Pure in-memory lookups over what the planner has already read; no queries."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class UnitHead:
    """A unit's head as known before the file: its NIP (from `kepala`), the head's SIASN id as
    given (`kepala_pns_id`, possibly not resolved yet) and the unit's eselon."""

    nip: str = ""
    pns_id: str = ""
    eselon: str = ""


class Organisation:
    """Heads and parents of units from the file, falling back to the database.

    `file_units`: kode -> UnitRecord (with `kepala_nip`/`kepala_pns_id` None when the file does
    not say); `db_heads`: kode -> UnitHead; `parent_of`: kode -> kode of the induk or None;
    `nip_by_pns_id`: PNS_ID -> NIP for every pegawai known (database overlaid with the file);
    `is_active`: whether a NIP names an active pegawai after the import."""

    def __init__(
        self,
        *,
        file_units: dict,
        db_heads: dict[str, UnitHead],
        parent_of: Callable[[str], str | None],
        nip_by_pns_id: dict[str, str],
        is_active: Callable[[str], bool],
    ):
        self.file_units = file_units
        self.db_heads = db_heads
        self.parent_of = parent_of
        self.nip_by_pns_id = nip_by_pns_id
        self.is_active = is_active
        self._headed: dict[str, str] | None = None

    def head_given(self, kode: str) -> tuple[str, str] | None:
        """(head NIP or "", head PNS_ID or "") as the file gives it for unit `kode`; None when the
        file says nothing about the head (no such column, or the unit is not in the file)."""
        record = self.file_units.get(kode)
        if record is None:
            return None
        if record.kepala_nip is not None:
            return record.kepala_nip, ""
        if record.kepala_pns_id is not None:
            return self.nip_by_pns_id.get(record.kepala_pns_id, ""), record.kepala_pns_id
        return None

    def head_of(self, kode: str) -> str:
        """NIP of the head of unit `kode` after the import, "" when vacant or not known."""
        given = self.head_given(kode)
        if given is not None:
            return given[0]
        stored = self.db_heads.get(kode)
        if stored is None:
            return ""
        if stored.pns_id and stored.pns_id in self.nip_by_pns_id:
            return self.nip_by_pns_id[stored.pns_id]
        return stored.nip

    def eselon_of(self, kode: str) -> str:
        record = self.file_units.get(kode)
        if record is not None and record.eselon is not None:
            return record.eselon
        stored = self.db_heads.get(kode)
        return stored.eselon if stored else ""

    def derived_atasan(self, nip: str, kode_unit: str) -> str:
        """The atasan of pegawai `nip` placed in unit `kode_unit`: the active head of that unit;
        when the pegawai is that head or the unit has none, the head of the nearest induk whose
        head is someone else; "" at the top of the tree."""
        if not self._units_headed():  # no unit has a head (e.g. a file with NIP Atasan only)
            return ""
        seen = set()
        node = kode_unit
        while node and node not in seen:
            seen.add(node)
            head = self.head_of(node)
            if head and head != nip and self.is_active(head):
                return head
            node = self.parent_of(node)
        return ""

    def unit_headed_by(self, nip: str) -> str:
        """Kode of a unit whose head is `nip` ("" when none), for a Jabatan Struktural's eselon."""
        return self._units_headed().get(nip, "")

    def _units_headed(self) -> dict[str, str]:
        """Head NIP -> kode of the first unit (by kode) they head, computed once."""
        if self._headed is None:
            self._headed = {}
            for kode in sorted(set(self.db_heads) | set(self.file_units)):
                head = self.head_of(kode)
                if head:
                    self._headed.setdefault(head, kode)
        return self._headed
