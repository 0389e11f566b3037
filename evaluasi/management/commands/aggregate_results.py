from django.core.management.base import BaseCommand, CommandError

from evaluasi.models import AgregasiHasil, Pegawai, PeriodePenilaian
from evaluasi.services.aggregation_jobs import aggregation_job_run


class Command(BaseCommand):
    help = "Menghitung hasil penilaian 360 sebuah periode (seluruhnya, atau satu pegawai dengan --nip)."

    def add_arguments(self, parser):
        parser.add_argument("periode_id", type=int)
        parser.add_argument("--nip", default="", help="hitung ulang hanya pegawai ini")

    def handle(self, *args, **options):
        if not PeriodePenilaian.objects.filter(pk=options["periode_id"]).exists():
            raise CommandError("Periode tidak ditemukan.")
        if options["nip"] and not Pegawai.objects.filter(nip=options["nip"]).exists():
            raise CommandError("NIP tidak ditemukan.")
        job = AgregasiHasil.objects.create(periode_id=options["periode_id"], nip=options["nip"])
        count = aggregation_job_run(job.pk)
        job.refresh_from_db()
        self.stdout.write(f"{count} pegawai dihitung dalam {job.durasi:.2f} detik.")
