from django.urls import path

from perhekeskus.subscriptions import views

urlpatterns = [
    path("subscribe/activities/", views.subscribe_activities, name="subscribe_activities"),
    path("subscribe/services/", views.subscribe_services, name="subscribe_services"),
    path("subscribe/sent/", views.sent, name="subscription_sent"),
    path("subscriptions/ended/", views.ended, name="subscription_ended"),
    path("subscriptions/confirm/<str:token>/", views.confirm, name="subscription_confirm"),
    path("subscriptions/<str:token>/", views.manage, name="subscription"),
    path("subscriptions/<str:token>/unsubscribe/", views.unsubscribe, name="subscription_unsubscribe"),
]
