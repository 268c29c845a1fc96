from django.urls import path

from perhekeskus.information import views

app_name = "information"

# The coordinators' pages in the workspace (under /workspace/information/).
urlpatterns = [
    path("accessibility-feedback/", views.feedback_list, name="feedback_list"),
    path("accessibility-feedback/<int:pk>/handled/", views.feedback_handled, name="feedback_handled"),
    path("pages/", views.page_list, name="page_list"),
    path("pages/new/<slug:slug>/", views.page_create, name="page_create"),
    path("pages/<int:pk>/", views.page_edit, name="page_edit"),
    path("pages/<int:pk>/versions/<int:number>/", views.page_version, name="page_version"),
    path("pages/<int:pk>/versions/<int:number>/publish/", views.page_publish, name="page_publish"),
    path("pages/<int:pk>/unpublish/", views.page_unpublish, name="page_unpublish"),
]
