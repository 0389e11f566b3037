"""Writing a validated plan: bulk inserts in dependency order, one transaction, no row-by-row."""

from collections.abc import Callable
from operator import attrgetter

from django.db import transaction

from evaluasi.models import Pegawai, PerubahanEmail, UnitKerja
from evaluasi.services.email_changes import pegawai_email_changes_record_bulk

from .inserts import rows_insert
from .plan import PEGAWAI_FIELDS, UNIT_FIELDS, Plan

BATCH = 2000
Progress = Callable[[int], None]


def _levels(records, key: str, parent_key: str) -> list[list]:
    """Group records so each one's parent (in the same list) sits in an earlier group: the roots
    (no parent, or a parent outside the list) first, then their children, and so on.

    Raises ValueError when a record is never reached (a cycle): a programmer error, as the plan
    drops cycles first."""
    get_key, get_parent = attrgetter(key), attrgetter(parent_key)
    keys = {get_key(record) for record in records}
    children: dict = {}
    roots = []
    for record in records:
        parent = get_parent(record)
        if parent and parent in keys:
            children.setdefault(parent, []).append(record)
        else:
            roots.append(record)
    groups = []
    level = roots
    while level:
        groups.append(level)
        level = [child for record in level for child in children.get(get_key(record), ())]
    if sum(map(len, groups)) != len(records):
        raise ValueError("A cycle reached the writer; the plan must drop cycles first.")
    return groups


# The stored columns of a new row, in insert order: the key, the compared fields of the plan
# (UNIT_FIELDS / PEGAWAI_FIELDS, so a field added there is written here too), then the references.
UNIT_INSERT = ("kode", *UNIT_FIELDS, "induk", "aktif", "eselon")
PEGAWAI_INSERT = ("nip", *PEGAWAI_FIELDS, "unit_kerja", "atasan", "aktif")


def _values_of(fields: tuple[str, ...]):
    """record -> tuple of its `fields` (attrgetter returns a bare value for a single field)."""
    get = attrgetter(*fields)
    return get if len(fields) > 1 else lambda record: (get(record),)


_unit_values = _values_of(UNIT_FIELDS)
_pegawai_values = _values_of(PEGAWAI_FIELDS)


def _apply_units(plan: Plan) -> None:
    ids = plan.unit_ids
    for group in _levels(plan.units_new, "kode", "kode_induk"):
        for start in range(0, len(group), BATCH):
            rows = [
                (r.kode, *_unit_values(r), ids.get(r.kode_induk), r.aktif, r.eselon or "")
                for r in group[start : start + BATCH]
            ]
            ids.update(rows_insert(UnitKerja, UNIT_INSERT, rows, key="kode"))
    UnitKerja.objects.bulk_update(
        [
            UnitKerja(
                id=pk,
                nama=r.nama,
                jenis=r.jenis,
                induk_id=ids.get(r.kode_induk),
                aktif=r.aktif,
                eselon=r.eselon or "",
            )
            for pk, r in plan.units_changed
        ],
        ["nama", "jenis", "induk", "aktif", "eselon"],
        batch_size=500,
    )
    if plan.units_new or plan.units_changed:
        UnitKerja.objects.paths_rebuild()


def _pegawai(record, *, unit_ids, pegawai_ids, pk=None) -> Pegawai:
    return Pegawai(
        id=pk,
        nip=record.nip,
        unit_kerja_id=unit_ids[record.kode_unit],
        atasan_id=pegawai_ids.get(record.nip_atasan) if record.nip_atasan else None,
        aktif=record.aktif,
        **{name: getattr(record, name) for name in PEGAWAI_FIELDS},
    )


def _apply_pegawai(plan: Plan, progress: Progress, oleh=None) -> None:
    done = 0
    unit_ids, pegawai_ids = plan.unit_ids, plan.pegawai_ids
    # A new pegawai's atasan is inserted in an earlier group, so atasan_id is known at insert time
    # and no second pass over the table is needed.
    for group in _levels(plan.pegawai_new, "nip", "nip_atasan"):
        group.sort(key=attrgetter("nip"))  # in key order the unique index is appended to, not split
        for start in range(0, len(group), BATCH):
            chunk = group[start : start + BATCH]
            rows = [
                (
                    r.nip,
                    *_pegawai_values(r),
                    unit_ids[r.kode_unit],
                    pegawai_ids.get(r.nip_atasan) if r.nip_atasan else None,
                    r.aktif,
                )
                for r in chunk
            ]
            pegawai_ids.update(rows_insert(Pegawai, PEGAWAI_INSERT, rows, key="nip"))
            done += len(chunk)
            progress(done)

    changed = plan.pegawai_changed
    for start in range(0, len(changed), BATCH):
        chunk = changed[start : start + BATCH]
        emails_before = dict(
            Pegawai.objects.filter(pk__in=[pk for pk, _ in chunk]).values_list("pk", "email")
        )
        pegawai_email_changes_record_bulk(
            changes=[(pk, r.nip, emails_before.get(pk, ""), r.email) for pk, r in chunk],
            oleh=oleh,
            sumber=PerubahanEmail.Sumber.IMPOR,
        )
        Pegawai.objects.bulk_update(
            [_pegawai(r, unit_ids=unit_ids, pegawai_ids=pegawai_ids, pk=pk) for pk, r in chunk],
            [*PEGAWAI_FIELDS, "unit_kerja", "atasan", "aktif"],
            batch_size=500,
        )
        done += len(chunk)
        progress(done)

    for start in range(0, len(plan.pegawai_deactivate), BATCH):
        Pegawai.objects.filter(id__in=plan.pegawai_deactivate[start : start + BATCH]).update(
            aktif=False
        )


def _apply_unit_heads(plan: Plan) -> None:
    """Store each changed unit head once every pegawai has an id."""
    UnitKerja.objects.bulk_update(
        [
            UnitKerja(
                id=plan.unit_ids[kode],
                kepala_id=plan.pegawai_ids.get(nip) if nip else None,
                kepala_pns_id=pns_id,
            )
            for kode, nip, pns_id in plan.unit_heads
        ],
        ["kepala", "kepala_pns_id"],
        batch_size=500,
    )


def roster_apply(plan: Plan, *, progress: Progress = lambda done: None, oleh=None) -> None:
    """Write `plan` in one transaction; every changed roster email is recorded as made by `oleh`
    (the uploader, a User or None). `progress` is called with the number of pegawai rows written
    so far. Returns None.

    Raises ValueError for a plan with errors: a programmer error (the pipeline never applies one),
    not a refusal shown to the user."""
    if plan.errors:
        raise ValueError("A plan with errors is never applied.")
    with transaction.atomic():
        _apply_units(plan)
        _apply_pegawai(plan, progress, oleh)
        _apply_unit_heads(plan)
