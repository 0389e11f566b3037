from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from evaluasi.demo_roster import demo_pegawai, demo_units
from evaluasi.services.roster_template import roster_template_workbook

DEMO_ROSTER = Path(settings.BASE_DIR) / "fixtures" / "demo" / "roster-demo.xlsx"


class Command(BaseCommand):
    help = "Membuat ulang fixtures/demo/roster-demo.xlsx (deterministik) dari evaluasi.demo_roster."

    def handle(self, *args, **options):
        workbook = roster_template_workbook(units=demo_units(), pegawai=demo_pegawai())
        workbook.save(DEMO_ROSTER)
        self.stdout.write(f"Ditulis: {DEMO_ROSTER}")
