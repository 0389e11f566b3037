from django.core.management.base import BaseCommand, CommandError

from evaluasi.models import Pegawai
from evaluasi.services.scale_seed import roster_seed


class Command(BaseCommand):
    help = (
        "Mengisi basis data KOSONG dengan provinsi sintetis untuk benchmark "
        "(unit kerja dan pegawai). Jangan dijalankan pada data asli."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pegawai", type=int, default=60_000)
        parser.add_argument("--unit", type=int, default=2_000)

    def handle(self, *args, **options):
        if Pegawai.objects.exists():
            raise CommandError(
                "Basis data sudah berisi pegawai; seed_scale hanya untuk basis data kosong."
            )
        units, people = roster_seed(pegawai=options["pegawai"], units=options["unit"])
        self.stdout.write(f"{units} unit dan {people} pegawai dibuat.")
