from django.urls import path

from perhekeskus.planning import views

app_name = "planning"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("new/<slug:slug>/", views.plan_create, name="plan_create"),
    path("<uuid:pk>/", views.plan_detail, name="plan"),
    path("<uuid:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<uuid:pk>/goals/new/", views.goal_create, name="goal_create"),
    path("goals/<uuid:pk>/", views.goal_edit, name="goal_edit"),
    path("goals/<uuid:pk>/measures/new/", views.measure_create, name="measure_create"),
    path("measures/<uuid:pk>/", views.measure_edit, name="measure_edit"),
    path("measures/<uuid:pk>/comments/", views.comment_add, name="comment_add"),
    path("goals/<uuid:pk>/indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/<uuid:pk>/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<uuid:pk>/values/", views.value_add, name="value_add"),
    path("goals/<uuid:pk>/remove/", views.remove, {"kind": "goal"}, name="goal_remove"),
    path("measures/<uuid:pk>/remove/", views.remove, {"kind": "measure"}, name="measure_remove"),
    path("indicators/<uuid:pk>/remove/", views.remove, {"kind": "indicator"}, name="indicator_remove"),
]
