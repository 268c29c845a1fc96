from django.urls import path

from perhekeskus.search.api.views import SearchView

urlpatterns = [
    path("search", SearchView.as_view(), name="api-search"),
]
