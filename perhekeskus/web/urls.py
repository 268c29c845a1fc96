from django.urls import path

from perhekeskus.web import question_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("guides/", views.guide_list, name="guides"),
    path("helplines/", views.helplines, name="helplines"),
    path("ask/", question_views.ask, name="ask"),
    path("questions/<str:token>/", question_views.question_private, name="question_private"),
    path("answers/", question_views.library, name="library"),
    path("answers/<int:pk>/", question_views.library_answer, name="library_answer"),
    path("helplines/box/", views.helplines_box, name="helplines_box"),
    path("my-list/", views.my_list_page, name="my_list"),
    path("my-list/change/", views.my_list_change, name="my_list_change"),
    path("my-municipality/", views.my_municipality, name="my_municipality"),
    path("mine/", views.own_services_page, name="own_services"),
    path("plain-finnish/", views.plain_finnish, name="plain_finnish"),
    path("guides/<slug:code>/", views.guide, name="guide"),
    path("municipalities/<str:code>/", views.municipality, name="municipality"),
    path("organizations/<uuid:pk>/", views.organization, name="organization"),
    path("services/<uuid:pk>/", views.service, name="service"),
]
