from django.urls import path

from perhekeskus.insights import views

app_name = "insights"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.coverage_matrix, name="coverage"),
    path("<slug:slug>/coverage.csv", views.coverage_csv, name="coverage_csv"),
    path("<slug:slug>/municipalities/<str:code>/", views.municipality, name="municipality"),
    path(
        "<slug:slug>/municipalities/<str:code>/report-<str:language>.pdf",
        views.municipality_report,
        {"file_format": "pdf"},
        name="report_pdf",
    ),
    path(
        "<slug:slug>/municipalities/<str:code>/report-<str:language>.xlsx",
        views.municipality_report,
        {"file_format": "xlsx"},
        name="report_xlsx",
    ),
    path(
        "<slug:slug>/municipalities/<str:code>/report-<str:language>.docx",
        views.municipality_report,
        {"file_format": "docx"},
        name="report_docx",
    ),
    path("<slug:slug>/freshness/", views.freshness_view, name="freshness"),
    path("<slug:slug>/freshness/<uuid:pk>/remind/", views.remind, name="remind"),
    path("<slug:slug>/unmet-needs/", views.unmet, name="unmet"),
    path("<slug:slug>/unmet-needs/link/", views.query_link, name="query_link"),
    path("<slug:slug>/unmet-needs/link/<int:pk>/remove/", views.query_unlink, name="query_unlink"),
    path("<slug:slug>/usage/", views.usage_view, name="usage"),
    path("<slug:slug>/questions/", views.questions_view, name="questions"),
    path("<slug:slug>/directors/", views.directors, name="directors"),
    path("<slug:slug>/directors/<uuid:pk>/remove/", views.director_remove, name="director_remove"),
]
