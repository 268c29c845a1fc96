from urllib.parse import urlencode

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from perhekeskus.core.auth import second_factor_done


class StaffAdminSite(admin.AdminSite):
    """Superusers sign in through the workspace, with both factors; a password alone opens nothing."""

    def has_permission(self, request) -> bool:
        return super().has_permission(request) and second_factor_done(request.user)

    def login(self, request, extra_context=None):
        wanted = request.GET.get("next") or reverse("admin:index")
        return redirect(f"{reverse('workspace:sign_in')}?{urlencode({'next': wanted})}")
