from django.urls import path

from perhekeskus.questions import views

app_name = "questions"

# Under /workspace/questions/.
urlpatterns = [
    path("", views.queue, name="queue"),
    path("<uuid:pk>/", views.detail, name="detail"),
    path("<uuid:pk>/claim/", views.claim, name="claim"),
    path("<uuid:pk>/release/", views.release, name="release"),
    path("<uuid:pk>/answer/", views.answer, name="answer"),
    path("<uuid:pk>/approve/", views.approve, name="approve"),
    path("<uuid:pk>/return/", views.send_back, name="return"),
    path("<uuid:pk>/flag/", views.flag, name="flag"),
    path("<uuid:pk>/publish/", views.publish, name="publish"),
    path("templates/", views.template_list, name="template_list"),
    path("templates/new/", views.template_edit, name="template_create"),
    path("templates/<int:pk>/", views.template_edit, name="template_edit"),
    path("library/<int:pk>/withdraw/", views.published_withdraw, name="published_withdraw"),
    path("desk/", views.desks, name="desks"),
    path("desk/<slug:slug>/", views.desk, name="desk"),
]
