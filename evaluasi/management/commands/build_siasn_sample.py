from django.core.management.base import BaseCommand

from evaluasi.demo_siasn import SIASN_SAMPLE, sample_rows, siasn_workbook


class Command(BaseCommand):
    help = (
        "Membuat ulang fixtures/roster/siasn-contoh.xlsx (contoh ekspor SIASN: Referensi UNOR dan "
        "Data Utama, nama fiktif) dari evaluasi.demo_siasn."
    )

    def handle(self, *args, **options):
        SIASN_SAMPLE.parent.mkdir(parents=True, exist_ok=True)
        siasn_workbook(*sample_rows()).save(SIASN_SAMPLE)
        self.stdout.write(f"Ditulis: {SIASN_SAMPLE}")
