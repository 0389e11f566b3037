from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def _ensure_roles(sender, **kwargs):
    if sender.name != "evaluasi":
        return
    from evaluasi.services.roles import roles_ensure

    # Permissions are created by auth's own post_migrate handler, which may run after this one.
    roles_ensure([apps.get_app_config("evaluasi"), apps.get_app_config("wagtailadmin")])


class EvaluasiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "evaluasi"
    verbose_name = "Evaluasi Kinerja"

    def ready(self):
        post_migrate.connect(_ensure_roles, sender=self)
