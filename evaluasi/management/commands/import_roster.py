import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from evaluasi.models import ImporRoster
from evaluasi.services.roster_import import roster_import_file
from evaluasi.services.roster_import.mapping import MappingRefused, SheetColumns, saved_mappings
from evaluasi.services.roster_import.report import outcome_lines

EXIT_INVALID_ROWS = 1
EXIT_REFUSED = 2


class Command(BaseCommand):
    help = (
        "Impor roster (unit kerja dan pegawai) dari .xlsx, .xls, atau .csv. Keluar dengan kode 0 "
        "jika berhasil, 1 jika ada kesalahan baris (tidak ada yang disimpan), 2 jika berkas ditolak "
        "(termasuk judul kolom yang belum dipetakan)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas .xlsx, .xls, atau .csv")
        parser.add_argument("--dry-run", action="store_true", help="hanya periksa, jangan simpan")
        parser.add_argument(
            "--sync-full",
            action="store_true",
            help="nonaktifkan pegawai aktif di unit yang diimpor yang tidak ada di berkas",
        )
        parser.add_argument(
            "--pemetaan",
            metavar="NAMA",
            help="baca kolom berkas dengan pemetaan kolom tersimpan bernama NAMA (tanpa opsi "
            "ini, pemetaan tersimpan untuk judul kolom yang sama dipakai otomatis)",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {path}", returncode=EXIT_REFUSED)
        try:
            mappings = saved_mappings(name=options["pemetaan"] or None)
        except MappingRefused as refused:
            raise CommandError(str(refused), returncode=EXIT_REFUSED) from None
        outcome = roster_import_file(
            path,
            filename=path.name,
            dry_run=options["dry_run"],
            sync_full=options["sync_full"],
            mappings=mappings,
        )
        for line in outcome_lines(outcome):
            self.stdout.write(line)
        for name in dict.fromkeys(outcome.mappings_used):
            self.stdout.write(f"Pemetaan kolom dipakai: {name}")
        if outcome.waits_for_mapping:
            for data in outcome.sheet_columns:
                sheet = SheetColumns.from_dict(data)
                if not sheet.pemetaan:
                    self.stdout.write(
                        f"Sheet '{sheet.sheet}', judul kolom baris {sheet.header_row}: "
                        + ", ".join(sheet.headers)
                    )
            self.stdout.write(
                "Buat pemetaan kolomnya sekali di layar admin (Kepegawaian › Impor dari Excel), "
                "lalu jalankan lagi; atau sebutkan pemetaan tersimpan dengan --pemetaan NAMA."
            )
            sys.exit(EXIT_REFUSED)
        if outcome.status == ImporRoster.Status.DITOLAK:
            sys.exit(EXIT_REFUSED)
        if outcome.status == ImporRoster.Status.GAGAL_VALIDASI:
            sys.exit(EXIT_INVALID_ROWS)
