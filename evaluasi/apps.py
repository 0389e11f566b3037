from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_schedules(sender, **kwargs):
    from evaluasi.services.rater_reminders import rater_reminder_schedule_ensure

    rater_reminder_schedule_ensure()


class EvaluasiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "evaluasi"
    verbose_name = "Evaluasi Kinerja"

    def ready(self):
        post_migrate.connect(_ensure_schedules, sender=self)
