from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

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
    check_rules_do_not_overlap,
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


class ReadOnlyInline(admin.TabularInline):
    """Tracked rows of their own (deliveries, schedules) are listed here and edited on their own pages,
    where each change is recorded."""

    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DeliveryInline(ReadOnlyInline):
    model = Delivery
    fields = ["mode", "location"]


@admin.register(Service)
class ServiceAdmin(TrackedAdmin):
    list_display = ["name_fi", "organization", "status", "last_reviewed_at"]
    list_filter = [
        "status",
        "interpretation",
        "service_types__category",
        "service_types",
        "organization__kind",
    ]
    search_fields = ["name_fi", "name_sv", "name_en"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization", "owner"]
    filter_horizontal = ["service_types", "life_situations", "languages", "service_areas"]
    inlines = [ContactInline, DeliveryInline]


class ScheduleInline(ReadOnlyInline):
    model = Schedule
    fields = ["valid_from", "valid_to", "by_appointment", "closed_on_public_holidays"]


@admin.register(Delivery)
class DeliveryAdmin(TrackedAdmin):
    list_display = ["__str__", "mode"]
    list_filter = ["mode", "municipalities"]
    search_fields = ["service__name_fi", "location__name_fi"]
    list_select_related = ["service", "location", "mode"]
    autocomplete_fields = ["service", "location"]
    filter_horizontal = ["municipalities"]
    inlines = [ScheduleInline]

    def save_related(self, request, form, formsets, change):
        # A delivery at a location always reaches the location's municipality (as in delivery_save).
        location = form.instance.location
        if location is not None and location.municipality not in form.cleaned_data["municipalities"]:
            form.cleaned_data["municipalities"] = [
                *form.cleaned_data["municipalities"],
                location.municipality,
            ]
        super().save_related(request, form, formsets, change)


class OpeningRuleFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        rules = [
            form.instance
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and not form.errors
        ]
        try:
            check_rules_do_not_overlap(rules)
        except ValidationError as error:
            raise ValidationError(error.message_dict["rules"]) from error


class OpeningRuleInline(admin.TabularInline):
    model = OpeningRule
    formset = OpeningRuleFormSet
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
