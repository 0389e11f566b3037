from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Cadangkan basis data dan berkas media (publik dan privat) ke satu berkas .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(Path(settings.BASE_DIR) / "var" / "cadangan"),
            help="folder tujuan (bawaan: var/cadangan)",
        )

    def handle(self, *args, **options):
        try:
            archive = backup_create(Path(options["output"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = archive.stat().st_size / 1_048_576
        self.stdout.write(self.style.SUCCESS(f"Cadangan dibuat: {archive} ({size:.1f} MB)"))
