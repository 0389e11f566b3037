"""Writing a validated plan: bulk inserts in dependency order, one transaction, no row-by-row."""

from collections.abc import Callable

from django.db import transaction

from evaluasi.models import Pegawai, PerubahanEmail, UnitKerja
from evaluasi.services.email_changes import pegawai_email_changes_record_bulk

from .plan import PEGAWAI_FIELDS, Plan

BATCH = 2000
Progress = Callable[[int], None]


def _levels(records, key: str, parent_key: str) -> list[list]:
    """Group records so each one's parent (in the same list) sits in an earlier group."""
    by_key = {getattr(record, key): record for record in records}
    depth: dict = {}

    def level(record) -> int:
        chain = []
        node = record
        while node is not None and getattr(node, key) not in depth:
            chain.append(node)
            node = by_key.get(getattr(node, parent_key) or None)
        base = depth[getattr(node, key)] if node is not None else -1
        for item in reversed(chain):
            base += 1
            depth[getattr(item, key)] = base
        return depth[getattr(record, key)]

    groups: list[list] = []
    for record in records:
        index = level(record)
        while len(groups) <= index:
            groups.append([])
        groups[index].append(record)
    return groups


def _apply_units(plan: Plan) -> None:
    ids = plan.unit_ids
    for group in _levels(plan.units_new, "kode", "kode_induk"):
        created = UnitKerja.objects.bulk_create(
            [
                UnitKerja(
                    kode=r.kode,
                    nama=r.nama,
                    jenis=r.jenis,
                    induk_id=ids.get(r.kode_induk),
                    eselon=r.eselon or "",
                )
                for r in group
            ],
            batch_size=BATCH,
        )
        ids.update({unit.kode: unit.pk for unit in created})
    UnitKerja.objects.bulk_update(
        [
            UnitKerja(
                id=pk,
                nama=r.nama,
                jenis=r.jenis,
                induk_id=ids.get(r.kode_induk),
                aktif=True,
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
        for start in range(0, len(group), BATCH):
            chunk = group[start : start + BATCH]
            created = Pegawai.objects.bulk_create(
                [_pegawai(r, unit_ids=unit_ids, pegawai_ids=pegawai_ids) for r in chunk],
                batch_size=BATCH,
            )
            pegawai_ids.update({p.nip: p.pk for p in created})
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
    """Part B: store each changed unit head once every pegawai has an id."""
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
