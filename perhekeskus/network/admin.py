from django.contrib import admin

from perhekeskus.core.admin import TrackedAdmin
from perhekeskus.network.models import (
    FamilyCentre,
    Municipality,
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
    list_display = ["code", "name_fi", "name_sv", "network", "population"]
    list_filter = ["network"]
    search_fields = ["code", "name_fi", "name_sv"]


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
