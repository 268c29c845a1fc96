from django.contrib.auth import views as auth_views
from django.urls import path, register_converter, reverse_lazy

from perhekeskus.activities import staff_views as activity_views
from perhekeskus.workspace import hours_views, listing_views, review_views, views
from perhekeskus.workspace.listing_forms import SERVICE_SECTIONS

app_name = "workspace"


class ServiceSectionConverter:
    """The sections of a service's page by name, so that no other service URL is taken for one (the
    basics are the page's own address)."""

    regex = "|".join(section.key for section in SERVICE_SECTIONS if section.key != "basics")

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ServiceSectionConverter, "service_section")

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/code/", views.two_factor, name="two_factor"),
    path("sign-in/authenticator/", views.two_factor_setup, name="two_factor_setup"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("sign-out/everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path("organisations/<uuid:pk>/members/", views.members, name="members"),
    path(
        "organisations/<uuid:pk>/members/<uuid:membership_pk>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("services/<uuid:pk>/", listing_views.service_edit, name="service_edit"),
    path("services/<uuid:pk>/<service_section:section>/", listing_views.service_edit, name="service_section"),
    path("hours/<uuid:pk>/", hours_views.schedule_edit, name="schedule_edit"),
    path("places/<uuid:pk>/", listing_views.location_edit, name="location_edit"),
    path("organisations/<uuid:pk>/", listing_views.organization_edit, name="organization_edit"),
    path(
        "organisations/<uuid:pk>/attention/",
        listing_views.organization_attention,
        name="organization_attention",
    ),
    path("services/<uuid:pk>/checked/", review_views.service_confirm, name="service_confirm"),
    path("services/<uuid:pk>/publication/", review_views.service_step, name="service_step"),
    path("organisations/<uuid:pk>/publication/", review_views.organization_step, name="organization_step"),
    path("review/", review_views.review_queue, name="review_queue"),
    path("organisations/new/", listing_views.organization_create, name="organization_create"),
    path("organisations/<uuid:pk>/services/new/", listing_views.service_create, name="service_create"),
    path("organisations/<uuid:pk>/places/new/", listing_views.location_create, name="location_create"),
    path("services/<uuid:pk>/deliveries/new/", listing_views.delivery_create, name="delivery_create"),
    path("deliveries/<uuid:pk>/", listing_views.delivery_edit, name="delivery_edit"),
    path("deliveries/<uuid:pk>/hours/new/", hours_views.schedule_create, name="schedule_create"),
    path(
        "services/<uuid:pk>/remove/", listing_views.listing_remove, {"kind": "service"}, name="service_remove"
    ),
    path("places/<uuid:pk>/remove/", listing_views.listing_remove, {"kind": "place"}, name="location_remove"),
    path(
        "deliveries/<uuid:pk>/remove/",
        listing_views.listing_remove,
        {"kind": "delivery"},
        name="delivery_remove",
    ),
    path(
        "hours/<uuid:pk>/remove/", listing_views.listing_remove, {"kind": "schedule"}, name="schedule_remove"
    ),
    path("changes/<uuid:pk>/undo/", review_views.change_revert, name="change_revert"),
    path("services/<uuid:pk>/activities/new/", activity_views.activity_create, name="activity_create"),
    path("activities/<uuid:pk>/", activity_views.activity_edit, name="activity_edit"),
    path("activities/<uuid:pk>/remove/", activity_views.activity_remove, name="activity_remove"),
    path("activities/<uuid:pk>/duplicate/", activity_views.activity_duplicate, name="activity_duplicate"),
    path("activities/<uuid:pk>/<str:start>/", activity_views.occurrence_page, name="activity_occurrence"),
    path(
        "activities/<uuid:pk>/<str:start>/participants.csv",
        activity_views.participants_csv,
        name="activity_participants",
    ),
    # Password reset by e-mail: Django's views, our pages and messages.
    path("password/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="workspace/password_reset_sent.html"),
        name="password_reset_sent",
    ),
    path(
        "password/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="workspace/password_reset_confirm.html",
            success_url=reverse_lazy("workspace:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="workspace/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
