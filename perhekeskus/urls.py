from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("perhekeskus.search.api.urls")),
]
# Public pages in Finnish at /, in Swedish at /sv/ and in English at /en/: each language has its own
# shareable address, for hreflang alternates and search engines.
urlpatterns += i18n_patterns(path("", include("perhekeskus.web.urls")), prefix_default_language=False)
