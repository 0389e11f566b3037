from django.core.management.base import BaseCommand

from sosialisasi.services.reminders import reminders_send


class Command(BaseCommand):
    help = "Mengirim email pengingat kepada peserta terkonfirmasi workshop yang segera dimulai."

    def add_arguments(self, parser):
        parser.add_argument("--hari", type=int, default=None, help="berapa hari sebelum workshop")

    def handle(self, *args, **options):
        sent = reminders_send(days_before=options["hari"])
        self.stdout.write(f"Pengingat terkirim: {sent}")
