from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    name = "perhekeskus.core"
    label = "core"
    verbose_name = "Core"
    default_auto_field = "django.db.models.BigAutoField"


class StaffAdminConfig(admin_apps.AdminConfig):
    """Django admin on a site that asks for the second factor too (core/admin_site.py)."""

    default = False  # CoreConfig stays this module's default
    default_site = "perhekeskus.core.admin_site.StaffAdminSite"
