from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from perhekeskus.search.api.views import SearchView

urlpatterns = [
    path("search", SearchView.as_view(), name="api-search"),
    path("schema", SpectacularAPIView.as_view(), name="api-schema"),
]
