from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    name = "perhekeskus.core"
    label = "core"
    verbose_name = "Core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Django knows no Somali: without its language information `{% get_language_info %}` and the
        # admin's language lists fail for /so/ pages.
        from django.conf.locale import LANG_INFO

        LANG_INFO.setdefault("so", {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"})

        from django.core.signals import request_finished, request_started

        from perhekeskus.core import after_response, public_cache

        request_started.connect(public_cache.request_begin, dispatch_uid="public_cache_request_begin")
        request_started.connect(after_response.begin, dispatch_uid="after_response_begin")
        # The generation first: what is done after the response reads it anew.
        request_finished.connect(public_cache.request_finish, dispatch_uid="public_cache_request_finish")
        request_finished.connect(after_response.finish, dispatch_uid="after_response_finish")


class StaffAdminConfig(admin_apps.AdminConfig):
    """Django admin on a site that asks for the second factor too (core/admin_site.py)."""

    default = False  # CoreConfig stays this module's default
    default_site = "perhekeskus.core.admin_site.StaffAdminSite"
