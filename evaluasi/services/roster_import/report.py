"""Presenting an import's outcome: text lines (command) and an XLSX error report (admin)."""

from cms.spreadsheets import xlsx_table

COUNT_LABELS = {
    "unit_baru": "Unit baru",
    "unit_berubah": "Unit berubah",
    "unit_tetap": "Unit tidak berubah",
    "pegawai_baru": "Pegawai baru",
    "pegawai_berubah": "Pegawai berubah",
    "pegawai_tetap": "Pegawai tidak berubah",
    "pegawai_dinonaktifkan": "Pegawai akan/telah dinonaktifkan",
    "kesalahan": "Kesalahan",
    "atasan_turunan": "Atasan diturunkan dari struktur organisasi",
    "atasan_manual_beda": "Atasan manual dipertahankan (berbeda dari struktur)",
    "tidak_aktif": "Pegawai tidak aktif menurut berkas (kedudukan hukum)",
}
# Counts of the organisation rules, present only when non-zero.
SHOWN_WHEN_PRESENT = {"atasan_turunan", "atasan_manual_beda", "tidak_aktif"}


def counts_display(counts: dict) -> list[tuple[str, int]]:
    """(Indonesian label, number) for every count of an import (`counts`: key -> number, as
    `Plan`/the job stores them), in COUNT_LABELS order; a missing key counts 0, except the
    SHOWN_WHEN_PRESENT ones, which are left out when missing."""
    return [
        (label, counts.get(key, 0))
        for key, label in COUNT_LABELS.items()
        if key in counts or key not in SHOWN_WHEN_PRESENT
    ]


def outcome_lines(outcome) -> list[str]:
    """The plain-text lines of an import's outcome (`outcome`: a pipeline Outcome with status,
    message, rows, counts, warnings, errors and seconds) for the management command's output."""
    lines = [f"Status: {outcome.status}"]
    if outcome.message:
        lines.append(outcome.message)
    if outcome.counts:
        lines.append(f"Baris data dibaca: {outcome.rows}")
        lines += [f"  {label}: {value}" for label, value in counts_display(outcome.counts)]
    lines += [f"Peringatan: {warning}" for warning in outcome.warnings]
    lines += [
        f"Kesalahan: sheet '{e.sheet}', baris {e.row}, kolom '{e.column}': {e.message}"
        for e in outcome.errors
    ]
    lines.append(f"Durasi: {outcome.seconds:.2f} detik")
    return lines


def error_report_xlsx(errors: list[dict]) -> bytes:
    """The row errors of an import (`errors`: dicts with sheet, row, column, message, as
    `RowError.as_dict`) as an XLSX workbook the admin downloads; returns its bytes."""
    return xlsx_table(
        "Kesalahan",
        ["Sheet", "Baris", "Kolom", "Pesan"],
        ([e["sheet"], e["row"], e["column"], e["message"]] for e in errors),
        widths={"A": 14, "C": 16, "D": 100},
    )
