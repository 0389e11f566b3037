from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_schedules(sender, **kwargs):
    from sosialisasi.services.reminders import reminder_schedule_ensure

    reminder_schedule_ensure()


class SosialisasiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sosialisasi"
    verbose_name = "Sosialisasi"

    def ready(self):
        post_migrate.connect(_ensure_schedules, sender=self)
