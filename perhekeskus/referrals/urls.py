from django.urls import path

from perhekeskus.referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("services/", views.services_to_refer, name="services"),
    path("new/<uuid:pk>/", views.referral_new, name="new"),
    path("audit/", views.audit_log, name="audit"),
    path("<uuid:pk>/", views.detail, name="detail"),
    path("<uuid:pk>/step/", views.step, name="step"),
    path("<uuid:pk>/message/", views.message, name="message"),
]
