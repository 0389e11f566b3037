from django.conf import settings
from django.core.management.base import BaseCommand

from evaluasi.services.retention import answers_purge


class Command(BaseCommand):
    help = (
        "Hapus jawaban 360 mentah (dan komentar) periode yang dipublikasikan lebih dari N tahun "
        "lalu; hasil agregat tetap disimpan."
    )

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=settings.RETENSI_JAWABAN_TAHUN)
        parser.add_argument("--dry-run", action="store_true", help="hanya tampilkan, tanpa hapus")

    def handle(self, *args, **options):
        purged = answers_purge(years=options["years"], dry_run=options["dry_run"])
        verb = "akan dihapus" if options["dry_run"] else "dihapus"
        for p in purged:
            self.stdout.write(
                f"{p.periode} (dipublikasikan {p.dipublikasikan:%d-%m-%Y}): "
                f"{p.jawaban} jawaban dan {p.komentar} komentar {verb}"
            )
        if not purged:
            self.stdout.write(f"Tidak ada periode yang melewati retensi {options['years']} tahun.")
