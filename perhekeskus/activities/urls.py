from django.urls import path

from perhekeskus.activities import views

urlpatterns = [
    path("activities/", views.calendar, name="activities"),
    path("activities/<uuid:pk>/", views.activity, name="activity"),
    path("activities/<uuid:pk>/<str:start>/register/", views.register, name="activity_register"),
    path("activities/registration/<str:token>/", views.registration, name="activity_registration"),
    path(
        "activities/registration/<str:token>/event.ics",
        views.registration_event,
        name="activity_registration_event",
    ),
    path("activities/feedback/<str:token>/", views.feedback_page, name="activity_feedback"),
    path("activities/<uuid:pk>/calendar.ics", views.activity_feed, name="activity_feed"),
    path(
        "organizations/<uuid:pk>/activities.ics", views.organization_feed, name="organization_activity_feed"
    ),
    path(
        "municipalities/<str:code>/activities.ics", views.municipality_feed, name="municipality_activity_feed"
    ),
]
