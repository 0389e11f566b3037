"""One import run: read → records → plan → (apply). Shared by the command, the admin and the job."""

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from evaluasi.models import ImporRoster, PemetaanKolom, UnitKerja

from .apply import roster_apply
from .errors import FileRefused, RowError
from .files import roster_file_read
from .limits import ImportLimits
from .mapping import MappingLookup, MappingNeeded, saved_mappings
from .plan import roster_plan
from .siasn_records import roster_records

STORED_ERRORS = 5000


@dataclass
class ImportOutcome:
    """The result of one roster import run: status, counts, row errors, warnings and changes."""

    status: str  # an ImporRoster.Status value
    counts: dict = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)
    deactivate_sample: list[dict] = field(default_factory=list)
    # The organisation's samples: {"atasan_turunan": [...], "atasan_manual_beda": [...], "tidak_aktif": [...]} samples
    structure: dict = field(default_factory=dict)
    rows: int = 0
    message: str = ""
    seconds: float = 0.0
    # The column-mapping step: sheets to map (status PERLU_PEMETAAN) or read through a saved
    # mapping (SheetColumns.as_dict), and the names of the saved mappings used.
    sheet_columns: list[dict] = field(default_factory=list)
    mappings_used: list[str] = field(default_factory=list)

    @property
    def waits_for_mapping(self) -> bool:
        return self.status == ImporRoster.Status.PERLU_PEMETAAN

    @property
    def ok(self) -> bool:
        return self.status in {ImporRoster.Status.PRATINJAU, ImporRoster.Status.SELESAI}


Stage = Callable[[str, int, int], None]


def _no_stage(label: str, done: int, total: int) -> None:
    return None


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while an import builds its hundreds of thousands of
    (acyclic) rows and records: it would rescan them again and again, a sixth of the import's
    time. Reference counting still frees everything; the collector runs again afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def roster_import_file(
    path: Path,
    *,
    filename: str,
    dry_run: bool,
    sync_full: bool = False,
    scope_unit: UnitKerja | None = None,
    limits: ImportLimits | None = None,
    stage: Stage = _no_stage,
    oleh=None,
    mappings: MappingLookup | None = None,
) -> ImportOutcome:
    """Import one file. With `dry_run` (or any row error) nothing is written.

    `mappings`: the saved column mappings to read unrecognised headers with (default: every
    saved `PemetaanKolom`, matched by header set; `saved_mappings(name=...)` for one by name).
    A file that needs a mapping ends with status PERLU_PEMETAAN and its sheets in
    `sheet_columns`, nothing written."""
    with _cyclic_gc_paused():
        return _import_file(
            path,
            filename=filename,
            dry_run=dry_run,
            sync_full=sync_full,
            scope_unit=scope_unit,
            limits=limits,
            stage=stage,
            oleh=oleh,
            mappings=mappings,
        )


def _import_file(
    path: Path,
    *,
    filename: str,
    dry_run: bool,
    sync_full: bool,
    scope_unit: UnitKerja | None,
    limits: ImportLimits | None,
    stage: Stage,
    oleh,
    mappings,
) -> ImportOutcome:
    started = time.perf_counter()
    limits = limits or ImportLimits.from_settings()
    mappings = mappings if mappings is not None else saved_mappings()
    stage("Membaca berkas", 0, 0)
    try:
        read = roster_file_read(Path(path), filename=filename, limits=limits, mappings=mappings)
    except MappingNeeded as needed:
        return ImportOutcome(
            status=ImporRoster.Status.PERLU_PEMETAAN,
            message=str(needed),
            sheet_columns=[sheet.as_dict() for sheet in needed.sheets],
            seconds=time.perf_counter() - started,
        )
    except FileRefused as refused:
        return ImportOutcome(
            status=ImporRoster.Status.DITOLAK,
            message=str(refused),
            seconds=time.perf_counter() - started,
        )

    total = read.row_count
    stage("Memeriksa baris", 0, total)
    errors: list[RowError] = []
    units, pegawai = roster_records(read.sheets, errors)
    stage("Mencocokkan dengan data yang ada", total, total)
    plan = roster_plan(
        units,
        pegawai,
        errors=errors,
        scope_path=scope_unit.path if scope_unit else None,
        sync_full=sync_full,
    )
    outcome = ImportOutcome(
        status=ImporRoster.Status.PRATINJAU,
        counts=plan.counts(),
        errors=plan.errors,
        warnings=read.warnings,
        changes=plan.changes,
        deactivate_sample=plan.deactivate_sample,
        structure={
            "atasan_turunan": plan.atasan_derived,
            "atasan_manual_beda": plan.atasan_kept,
            "tidak_aktif": plan.inactive_rows,
        },
        rows=total,
        sheet_columns=[sheet.as_dict() for sheet in read.mapped],
        mappings_used=[sheet.pemetaan for sheet in read.mapped],
    )
    if plan.errors:
        outcome.status = ImporRoster.Status.GAGAL_VALIDASI
        outcome.message = (
            f"{len(plan.errors)} kesalahan ditemukan; tidak ada data yang disimpan. "
            "Perbaiki berkas lalu unggah lagi."
        )
    elif not dry_run:
        writes = len(plan.pegawai_new) + len(plan.pegawai_changed)
        stage("Menyimpan", 0, writes)
        roster_apply(plan, progress=lambda done: stage("Menyimpan", done, writes), oleh=oleh)
        outcome.status = ImporRoster.Status.SELESAI
    outcome.seconds = time.perf_counter() - started
    return outcome


def _stage_recorder(impor_id: int) -> Stage:
    """Progress is written outside the import's transaction so the admin page can see it."""
    last = {"at": 0.0}

    def record(label: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - last["at"] < 0.5 and done not in (0, total):
            return
        last["at"] = now
        if transaction.get_connection().in_atomic_block:
            return  # inside the write transaction: the row would not be visible until commit
        ImporRoster.objects.filter(pk=impor_id).update(
            tahap=label, baris_selesai=done, baris_total=total
        )

    return record


def roster_import_job(impor_id: int, *, apply: bool) -> str:
    """Run a recorded import (preview when `apply` is False) and store its outcome on the row."""
    impor = ImporRoster.objects.select_related("lingkup_unit").get(pk=impor_id)
    ImporRoster.objects.filter(pk=impor_id).update(
        status=ImporRoster.Status.MENYIMPAN if apply else ImporRoster.Status.MEMERIKSA,
        tahap="Dimulai",
        baris_selesai=0,
    )
    try:
        outcome = roster_import_file(
            Path(impor.berkas.path),
            filename=impor.nama_berkas,
            dry_run=not apply,
            sync_full=impor.sinkronisasi_penuh,
            scope_unit=impor.lingkup_unit,
            stage=_stage_recorder(impor_id),
            oleh=impor.diunggah_oleh,
        )
    except Exception as exc:
        ImporRoster.objects.filter(pk=impor_id).update(
            status=ImporRoster.Status.GAGAL,
            pesan=f"Terjadi kesalahan sistem; tidak ada data yang disimpan. ({exc.__class__.__name__})",
            selesai=timezone.now(),
        )
        raise
    ImporRoster.objects.filter(pk=impor_id).update(
        status=outcome.status,
        tahap="",
        baris_total=outcome.rows,
        baris_selesai=outcome.rows,
        ringkasan=outcome.counts,
        perubahan={
            "berubah": outcome.changes,
            "dinonaktifkan": outcome.deactivate_sample,
            **outcome.structure,
        },
        kesalahan=[error.as_dict() for error in outcome.errors[:STORED_ERRORS]],
        peringatan=outcome.warnings,
        pesan=outcome.message,
        durasi_detik=round(outcome.seconds, 2),
        selesai=timezone.now()
        if (apply or not outcome.ok) and not outcome.waits_for_mapping
        else None,
        kolom_berkas=outcome.sheet_columns,
    )
    impor.pemetaan.set(PemetaanKolom.objects.filter(nama__in=outcome.mappings_used))
    return outcome.status
