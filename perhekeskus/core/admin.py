from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from perhekeskus.core import history
from perhekeskus.core.models import ChangeRecord, ScheduledRun, User

admin.site.register(User, UserAdmin)


class TrackedAdmin(admin.ModelAdmin):
    """Admin edits go into the change history like every other write."""

    def save_model(self, request, obj, form, change):
        request._history_before = history.snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        history.record(
            instance=form.instance,
            before=request._history_before,
            after=history.snapshot(form.instance),
            actor=request.user,
            source="admin",
        )

    def delete_model(self, request, obj):
        history.delete_with_history(instance=obj, actor=request.user, source="admin")

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class TrackedChildAdmin(admin.ModelAdmin):
    """Rows that belong to a tracked parent (a schedule's rules, a service's contacts). An edit is
    recorded as a change of the parent, as when the parent's own form edits them; the parent of an
    existing row cannot be changed here."""

    parent_field: str

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *([self.parent_field] if obj else [])]

    def _record_around(self, request, obj, action) -> None:
        parent = getattr(obj, self.parent_field)
        before = history.snapshot(type(parent).objects.get(pk=parent.pk))
        action()
        history.record(
            instance=parent, before=before, after=history.snapshot(parent), actor=request.user, source="admin"
        )

    def save_model(self, request, obj, form, change):
        self._record_around(
            request, obj, lambda: super(TrackedChildAdmin, self).save_model(request, obj, form, change)
        )

    def delete_model(self, request, obj):
        self._record_around(request, obj, lambda: super(TrackedChildAdmin, self).delete_model(request, obj))

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin):
    list_display = ["changed_at", "content_type", "object_repr", "action", "actor", "source"]
    list_select_related = ["content_type", "actor"]
    list_filter = ["action", "content_type", "source"]
    search_fields = ["object_repr"]
    readonly_fields = [f.name for f in ChangeRecord._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin):
    """The periodic tasks' runs as scheduled (their results are under Task results), read only."""

    list_display = ["key", "due_at", "result_id"]
    list_filter = ["name"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
