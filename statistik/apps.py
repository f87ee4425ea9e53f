from django.apps import AppConfig


class StatistikConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "statistik"
    verbose_name = "Statistik"
