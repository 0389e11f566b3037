from django.apps import AppConfig


class SosialisasiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sosialisasi"
    verbose_name = "Sosialisasi"
