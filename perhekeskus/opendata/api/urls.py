from django.urls import path

from perhekeskus.opendata.api import views

# Ids are matched as any text: a malformed one is a 400 in the API's error shape (see DetailView),
# not the site's HTML "page not found".
urlpatterns = [
    path("", views.Root.as_view(), name="hsds-root"),
    path("services", views.ServiceList.as_view(), name="hsds-services"),
    path("services/<str:pk>", views.ServiceDetail.as_view(), name="hsds-service"),
    path("service_at_locations", views.ServiceAtLocationList.as_view(), name="hsds-service-at-locations"),
    path(
        "service_at_locations/<str:pk>",
        views.ServiceAtLocationDetail.as_view(),
        name="hsds-service-at-location",
    ),
    path("organizations", views.OrganizationList.as_view(), name="hsds-organizations"),
    path("organizations/<str:pk>", views.OrganizationDetail.as_view(), name="hsds-organization"),
    path("taxonomies", views.TaxonomyList.as_view(), name="hsds-taxonomies"),
    path("taxonomies/<str:pk>", views.TaxonomyDetail.as_view(), name="hsds-taxonomy"),
    path("taxonomy_terms", views.TaxonomyTermList.as_view(), name="hsds-taxonomy-terms"),
    path("taxonomy_terms/<str:pk>", views.TaxonomyTermDetail.as_view(), name="hsds-taxonomy-term"),
]
