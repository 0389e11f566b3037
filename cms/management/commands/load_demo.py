from django.core.management.base import BaseCommand

from cms.demo import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME, demo_load
from evaluasi.demo import DEMO_ACCOUNTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Memuat data demo Provinsi Lampung (idempoten: aman dijalankan berulang kali)."

    def handle(self, *args, **options):
        report = demo_load()
        for label in report.created:
            self.stdout.write(self.style.SUCCESS(f"  dibuat: {label}"))
        for label in report.kept:
            self.stdout.write(f"  sudah ada: {label}")
        self.stdout.write(
            f"Akun admin demo: {DEMO_ADMIN_USERNAME} / {DEMO_ADMIN_PASSWORD} (hanya untuk demo)"
        )
        for label, row, _, _ in DEMO_ACCOUNTS:
            self.stdout.write(f"  {label}: NIP {row[0]} / {DEMO_PASSWORD}")
