from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_schedules(sender, **kwargs):
    from sosialisasi.services.reminders import reminder_schedule_ensure

    reminder_schedule_ensure()


def _capacity_published(sender, instance, **kwargs):
    # Every publish path sends page_published: the editor's "Terbitkan", scheduled publishing
    # (`publish_scheduled`), a workflow's approval, reverting. A raised or removed capacity reaches
    # the waiting list here; a publish that changed nothing about seats promotes nobody.
    from sosialisasi.services.registrations import waiting_list_fill

    waiting_list_fill(workshop_id=instance.pk)


class SosialisasiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sosialisasi"
    verbose_name = "Sosialisasi"

    def ready(self):
        from wagtail.signals import page_published

        from .models import WorkshopPage

        post_migrate.connect(_ensure_schedules, sender=self)
        page_published.connect(_capacity_published, sender=WorkshopPage)
