from django.core.management.base import BaseCommand, CommandError

from cms.errors import ActionRefused
from evaluasi.models import PeriodePenilaian
from evaluasi.selectors.completion import below_threshold
from evaluasi.services.assignments import assignments_generate


class Command(BaseCommand):
    help = (
        "Membuat penugasan penilai (diri, atasan, rekan, bawahan) dari roster untuk satu periode "
        "(idempoten). Setelah periode dibuka, penugasan dibekukan: wajib --alasan, dan setiap "
        "penugasan baru dicatat di riwayat periode."
    )

    def add_arguments(self, parser):
        parser.add_argument("periode_id", type=int)
        parser.add_argument(
            "--alasan",
            default="",
            help="Alasan perubahan; wajib bila periode sudah dibuka (dicatat di riwayat).",
        )

    def handle(self, *args, **options):
        if not PeriodePenilaian.objects.filter(pk=options["periode_id"]).exists():
            raise CommandError(f"Periode {options['periode_id']} tidak ditemukan.")
        try:
            result = assignments_generate(
                periode_id=options["periode_id"], alasan=options["alasan"]
            )
        except ActionRefused as refused:
            raise CommandError(f"{refused.message} (gunakan --alasan)") from None
        self.stdout.write(
            f"Pegawai dinilai: {result.ratees}; penugasan baru: {result.created}; sudah ada: {result.existing}"
        )
        for relation, count in below_threshold(periode_id=options["periode_id"]).items():
            self.stdout.write(f"Di bawah ambang anonimitas ({relation}): {count} pegawai")
