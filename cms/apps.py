from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate

ROLE_APPS = ("wagtailadmin", "evaluasi", "sosialisasi")


def _ensure_roles(sender, **kwargs):
    from cms.roles import roles_ensure

    # auth's own post_migrate handler may not have created these apps' permissions yet.
    roles_ensure([apps.get_app_config(label) for label in ROLE_APPS])


class CmsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cms"
    verbose_name = "Situs"

    def ready(self):
        from cms.storage import wagtail_files_make_private

        post_migrate.connect(_ensure_roles, sender=self)
        wagtail_files_make_private()
