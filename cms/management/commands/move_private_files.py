"""Move private files left in MEDIA_ROOT by older versions into PRIVATE_MEDIA_ROOT (same names).

    python manage.py move_private_files [--dry-run]

Run once after upgrading, before the proxy is switched to serve only the public folders
(docs/operasi.md, "Berkas pribadi"); running it again does nothing.
"""

from django.core.management.base import BaseCommand

from cms.storage import private_files_move


class Command(BaseCommand):
    help = "Pindahkan berkas pribadi dari MEDIA_ROOT ke PRIVATE_MEDIA_ROOT (nama tetap)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Hanya tampilkan, jangan pindahkan."
        )

    def handle(self, *args, dry_run=False, **options):
        result = private_files_move(dry_run=dry_run)
        verb = "Akan dipindahkan" if dry_run else "Dipindahkan"
        for name in result["moved"]:
            self.stdout.write(f"{verb}: {name}")
        for name in result["skipped"]:
            self.stderr.write(f"Dilewati (sudah ada di direktori pribadi): {name}")
        self.stdout.write(
            f"{verb} {len(result['moved'])} berkas; dilewati {len(result['skipped'])}."
        )
