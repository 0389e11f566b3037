from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from evaluasi.demo import INSTRUMENTS_DIR
from evaluasi.models import Instrumen, Pegawai, PeriodePenilaian
from evaluasi.services.assignments import assignments_generate
from evaluasi.services.instruments import instrument_load
from evaluasi.services.scale_seed import answers_seed, roster_seed


class Command(BaseCommand):
    help = (
        "Mengisi basis data KOSONG dengan provinsi sintetis untuk benchmark: unit kerja, pegawai, "
        "periode tertutup dengan penugasan dan seluruh jawabannya. Jangan dijalankan pada data asli."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pegawai", type=int, default=60_000)
        parser.add_argument("--unit", type=int, default=2_000)
        parser.add_argument("--raters", type=int, default=8, help="penilai per pegawai (kira-kira)")

    def handle(self, *args, **options):
        if Pegawai.objects.exists():
            raise CommandError(
                "Basis data sudah berisi pegawai; seed_scale hanya untuk basis data kosong."
            )
        units, people = roster_seed(pegawai=options["pegawai"], units=options["unit"])
        instrumen = Instrumen.objects.filter(nama__contains="BerAKHLAK").order_by("-versi").first()
        if instrumen is None:
            instrumen = instrument_load(INSTRUMENTS_DIR / "berakhlak.json")[0]
        now = timezone.now()
        cap = max(1, (options["raters"] - 2) // 2 + 1)
        periode = PeriodePenilaian.objects.create(
            nama="Skala", tahun=now.year, instrumen=instrumen,
            dibuka_pada=now - timedelta(days=30), ditutup_pada=now - timedelta(days=1),
            maks_rekan=cap, maks_bawahan=cap,
        )  # fmt: skip
        generated = assignments_generate(periode_id=periode.pk)  # in draf, before the freeze
        PeriodePenilaian.objects.filter(pk=periode.pk).update(status="ditutup")
        periode.refresh_from_db()
        answers = answers_seed(periode_id=periode.pk)
        self.stdout.write(
            f"{units} unit, {people} pegawai, {generated.created} penugasan, {answers} jawaban "
            f"(periode {periode.pk})."
        )
