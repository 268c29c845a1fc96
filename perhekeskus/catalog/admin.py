from django.contrib import admin

from perhekeskus.catalog.models import (
    Category,
    Contact,
    Delivery,
    DeliveryMode,
    Language,
    LifeSituation,
    Location,
    OpeningRule,
    Schedule,
    ScheduleException,
    Service,
    ServiceType,
)
from perhekeskus.core.admin import TrackedAdmin, TrackedChildAdmin


@admin.register(Category, DeliveryMode, Language)
class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fi", "name_sv", "name_en", "position"]
    search_fields = ["code", "name_fi"]


@admin.register(ServiceType)
class ServiceTypeAdmin(TaxonomyAdmin):
    list_display = ["code", "name_fi", "category", "is_core", "ptv_service_class"]
    list_filter = ["category", "is_core"]


@admin.register(LifeSituation)
class LifeSituationAdmin(TaxonomyAdmin):
    filter_horizontal = ["service_types"]


@admin.register(Location)
class LocationAdmin(TrackedAdmin):
    list_display = ["name_fi", "organization", "municipality", "postal_code", "confidential"]
    list_filter = ["municipality", "confidential"]
    search_fields = ["name_fi", "street_address_fi", "postal_code"]
    list_select_related = ["organization", "municipality"]
    autocomplete_fields = ["organization", "municipality"]


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    autocomplete_fields = ["location"]
    show_change_link = True


@admin.register(Service)
class ServiceAdmin(TrackedAdmin):
    list_display = ["name_fi", "organization", "status", "last_reviewed_at"]
    list_filter = ["status", "service_types__category", "service_types", "organization__kind"]
    search_fields = ["name_fi", "name_sv", "name_en"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization", "owner"]
    filter_horizontal = ["service_types", "life_situations", "languages", "service_areas"]
    inlines = [ContactInline, DeliveryInline]


class ScheduleInline(admin.StackedInline):
    model = Schedule
    extra = 0
    show_change_link = True


@admin.register(Delivery)
class DeliveryAdmin(TrackedAdmin):
    list_display = ["__str__", "mode"]
    list_filter = ["mode", "municipalities"]
    search_fields = ["service__name_fi", "location__name_fi"]
    list_select_related = ["service", "location", "mode"]
    autocomplete_fields = ["service", "location"]
    filter_horizontal = ["municipalities"]
    inlines = [ScheduleInline]


class OpeningRuleInline(admin.TabularInline):
    model = OpeningRule
    extra = 0


class ScheduleExceptionInline(admin.TabularInline):
    model = ScheduleException
    extra = 0


@admin.register(Schedule)
class ScheduleAdmin(TrackedAdmin):
    search_fields = ["delivery__service__name_fi", "delivery__location__name_fi"]
    list_display = ["__str__", "valid_from", "valid_to", "by_appointment"]
    list_select_related = ["delivery__service", "delivery__location", "delivery__mode"]
    autocomplete_fields = ["delivery"]
    inlines = [OpeningRuleInline, ScheduleExceptionInline]


@admin.register(OpeningRule, ScheduleException)
class ScheduleRowAdmin(TrackedChildAdmin):
    parent_field = "schedule"
    list_select_related = ["schedule__delivery__service"]
    autocomplete_fields = ["schedule"]


@admin.register(Contact)
class ContactAdmin(TrackedChildAdmin):
    parent_field = "service"
    list_display = ["name", "service", "phone", "email"]
    search_fields = ["name", "service__name_fi"]
    list_select_related = ["service"]
    autocomplete_fields = ["service"]
