from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.cache import cache_page
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from perhekeskus.information import views as information_views
from perhekeskus.referrals import views as referral_views
from perhekeskus.web import views as web_views
from perhekeskus.web.sitemaps import SITEMAPS

SITEMAP_CACHE = 60 * 60

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("perhekeskus.search.api.urls")),
    path("api/hsds/", include("perhekeskus.opendata.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI with its script in a file of its own (the Content-Security-Policy allows no inline script).
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="opendata/swagger_ui.html"),
        name="api-docs",
    ),
    path("robots.txt", web_views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        cache_page(SITEMAP_CACHE)(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_page(SITEMAP_CACHE)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]
# Public pages in Finnish at /, in Swedish at /sv/ and in English at /en/: each language has its own
# shareable address, for hreflang alternates and search engines.
urlpatterns += i18n_patterns(
    path("workspace/referrals/", include("perhekeskus.referrals.urls")),
    path("workspace/insights/", include("perhekeskus.insights.urls")),
    path("workspace/information/", include("perhekeskus.information.urls")),
    path("workspace/plans/", include("perhekeskus.planning.urls")),
    path("workspace/questions/", include("perhekeskus.questions.urls")),
    path("accessibility/", information_views.accessibility, name="accessibility"),
    path("privacy/", information_views.privacy, name="privacy"),
    path("about/<slug:slug>/", information_views.network_about, name="network_about"),
    path("workspace/", include("perhekeskus.workspace.urls")),
    path("services/<uuid:pk>/contact/", referral_views.contact_request, name="contact_request"),
    path("services/<uuid:pk>/correct/", information_views.service_accuracy, name="service_accuracy"),
    path(
        "services/<uuid:pk>/correct/thanks/",
        information_views.service_accuracy_thanks,
        name="service_accuracy_thanks",
    ),
    path(
        "services/<uuid:pk>/contact/sent/", referral_views.contact_request_sent, name="contact_request_sent"
    ),
    path("", include("perhekeskus.activities.urls")),
    path("", include("perhekeskus.subscriptions.urls")),
    path("", include("perhekeskus.web.urls")),
    prefix_default_language=False,
)
