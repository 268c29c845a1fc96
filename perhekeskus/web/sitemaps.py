"""sitemap.xml: the public pages in every language, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from perhekeskus.catalog.models import LifeSituation
from perhekeskus.catalog.selectors import listed_services
from perhekeskus.network.models import Municipality, Organization
from perhekeskus.questions.models import PublishedAnswer


class _Pages(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    # Each address comes in three languages: 15,000 items keep a file under the 50,000 addresses allowed.
    limit = 15_000


class StaticPages(_Pages):
    def items(self):
        return ["home", "search", "guides", "helplines", "library"]

    def location(self, item):
        return reverse(item)


class GuidePages(_Pages):
    def items(self):
        return LifeSituation.objects.order_by("code")

    def location(self, item):
        return reverse("guide", args=[item.code])


class MunicipalityPages(_Pages):
    def items(self):
        return Municipality.objects.filter(family_centre__isnull=False).order_by("code")

    def location(self, item):
        return reverse("municipality", args=[item.code])


class OrganizationPages(_Pages):
    def items(self):
        return Organization.objects.filter(services__in=listed_services()).distinct().order_by("pk")

    def location(self, item):
        return reverse("organization", args=[item.pk])


class ServicePages(_Pages):
    def items(self):
        return listed_services().order_by("pk").only("pk", "modified_at")

    def location(self, item):
        return reverse("service", args=[item.pk])

    def lastmod(self, item):
        return item.modified_at


class AnswerPages(_Pages):
    def items(self):
        return PublishedAnswer.objects.public().order_by("pk").only("pk", "published_at")

    def location(self, item):
        return reverse("library_answer", args=[item.pk])

    def lastmod(self, item):
        return item.published_at


SITEMAPS = {
    "pages": StaticPages,
    "guides": GuidePages,
    "municipalities": MunicipalityPages,
    "organizations": OrganizationPages,
    "services": ServicePages,
    "answers": AnswerPages,
}
