from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Pulihkan basis data dan berkas media dari cadangan `manage.py backup`. MENGGANTI semua "
        "data saat ini; hentikan server web dan worker terlebih dahulu."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="berkas cadangan-*.tar.gz")
        parser.add_argument(
            "--yes", action="store_true", help="jangan bertanya (untuk skrip dan uji pemulihan)"
        )

    def handle(self, *args, **options):
        archive = Path(options["archive"])
        if not archive.is_file():
            raise CommandError(f"Berkas cadangan tidak ditemukan: {archive}")
        if not options["yes"]:
            answer = input("Semua data saat ini akan diganti. Ketik 'pulihkan' untuk lanjut: ")
            if answer.strip() != "pulihkan":
                raise CommandError("Dibatalkan; tidak ada yang diubah.")
        try:
            restored = backup_restore(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for label, n in restored.counts.items():
            self.stdout.write(f"  {label}: {n}")
        if restored.mismatches:
            raise CommandError(
                "Jumlah baris tidak sama dengan cadangan: " + "; ".join(restored.mismatches)
            )
        self.stdout.write(
            self.style.SUCCESS(f"Dipulihkan dari cadangan {restored.manifest['dibuat']}.")
        )
