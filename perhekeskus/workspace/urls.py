from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from perhekeskus.workspace import listing_views, review_views, views

app_name = "workspace"

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
    path("hours/<uuid:pk>/", listing_views.schedule_edit, name="schedule_edit"),
    path("places/<uuid:pk>/", listing_views.location_edit, name="location_edit"),
    path("organisations/<uuid:pk>/", listing_views.organization_edit, name="organization_edit"),
    path("services/<uuid:pk>/checked/", review_views.service_confirm, name="service_confirm"),
    path("changes/<uuid:pk>/undo/", review_views.change_revert, name="change_revert"),
    # Password reset by e-mail: Django's views, our pages and messages.
    path(
        "password/",
        auth_views.PasswordResetView.as_view(
            template_name="workspace/password_reset.html",
            email_template_name="workspace/email/password_reset.txt",
            subject_template_name="workspace/email/password_reset_subject.txt",
            success_url=reverse_lazy("workspace:password_reset_sent"),
        ),
        name="password_reset",
    ),
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
