from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from perhekeskus.core.admin import TrackedAdmin
from perhekeskus.network.models import (
    Coordinator,
    FamilyCentre,
    Invitation,
    Membership,
    Municipality,
    MunicipalityDirector,
    Network,
    Organization,
    PostalCode,
    ProviderKind,
)


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name_fi", "slug", "is_sample_data"]
    prepopulated_fields = {"slug": ["name_fi"]}


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = [
        "code", "name_fi", "name_sv", "network", "population", "children", "children_under_7", "population_year",
    ]  # fmt: skip
    list_filter = ["network"]
    search_fields = ["code", "name_fi", "name_sv"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "code",
                    "name_fi",
                    "name_sv",
                    "name_en",
                    "business_id",
                    "network",
                    "latitude",
                    "longitude",
                ]
            },
        ),
        (
            _("Population"),
            {
                # Typed here only where the yearly import has no figures: the fallback.
                "fields": [
                    "population",
                    "children",
                    "children_under_7",
                    "population_year",
                    "population_source",
                ],
                "description": _(
                    "The numbers of children come from Statistics Finland once a year (manage.py "
                    "import_population). Where they do not, enter them here with their year, and leave "
                    "the source empty."
                ),
            },
        ),
    ]


@admin.register(PostalCode)
class PostalCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fi", "municipality"]
    search_fields = ["code", "name_fi"]
    list_select_related = ["municipality"]


@admin.register(ProviderKind)
class ProviderKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fi", "ptv_organization_type"]


@admin.register(FamilyCentre)
class FamilyCentreAdmin(admin.ModelAdmin):
    list_display = ["name_fi", "municipality", "network"]
    list_select_related = ["municipality", "network"]


@admin.register(Organization)
class OrganizationAdmin(TrackedAdmin):
    list_display = ["name_fi", "kind", "municipality", "business_id"]
    list_filter = ["kind", "networks", "municipality"]
    search_fields = ["name_fi", "name_sv", "name_en", "business_id"]
    list_select_related = ["kind", "municipality"]
    autocomplete_fields = ["parent", "municipality"]
    filter_horizontal = ["networks"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role"]
    list_filter = ["role"]
    list_select_related = ["user", "organization"]
    search_fields = ["user__email", "organization__name_fi"]
    autocomplete_fields = ["organization"]
    raw_id_fields = ["user"]


@admin.register(Coordinator)
class CoordinatorAdmin(admin.ModelAdmin):
    list_display = ["user", "network"]
    list_select_related = ["user", "network"]
    raw_id_fields = ["user"]


@admin.register(MunicipalityDirector)
class MunicipalityDirectorAdmin(admin.ModelAdmin):
    """Appointed by a superuser: a director or committee secretary reads a municipality's report."""

    list_display = ["user", "municipality"]
    list_select_related = ["user", "municipality"]
    raw_id_fields = ["user"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only: invitations are sent from the workspace, where the e-mail with its link goes out."""

    list_display = ["email", "organization", "role", "expires_at", "accepted_at"]
    list_select_related = ["organization"]
    readonly_fields = ["email", "organization", "role", "invited_by", "expires_at", "accepted_at"]

    def has_add_permission(self, request) -> bool:
        return False
