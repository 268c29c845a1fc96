"""Input and output of GET /api/v1/search. Input is validated strictly; the answer is built here."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from perhekeskus.catalog.models import Service
from perhekeskus.core.translation import PUBLIC_LANGUAGES, translate_map
from perhekeskus.core.validators import FINLAND_LATITUDE, FINLAND_LONGITUDE, MAX_AGE_MONTHS
from perhekeskus.search import codes
from perhekeskus.search.presenters import HitPresenter, Near
from perhekeskus.search.query import LIST_FILTERS

MAX_PAGE_SIZE = 100
STRICT_TRUE = {"true", "1"}
STRICT_FALSE = {"false", "0"}


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanField(serializers.Field):
    default_error_messages = {"invalid": _("Must be true or false.")}

    def to_internal_value(self, data):
        value = str(data).strip().lower()
        if value in STRICT_TRUE:
            return True
        if value in STRICT_FALSE:
            return False
        self.fail("invalid")

    def to_representation(self, value):
        return value


class CodeListField(serializers.ListField):
    """Repeatable parameter of codes (`municipality=167&municipality=422` or `municipality=167,422`)."""

    def __init__(self, *, vocabulary: str, **kwargs) -> None:
        self.vocabulary = vocabulary
        super().__init__(child=serializers.CharField(max_length=50), required=False, **kwargs)

    def to_internal_value(self, data):
        items = super().to_internal_value(data)
        given = [code.strip() for item in items for code in item.split(",") if code.strip()]
        known = codes.known(self.vocabulary)
        unknown = [code for code in given if code not in known]
        if unknown:
            raise serializers.ValidationError(_("Unknown code: %(codes)s.") % {"codes": ", ".join(unknown)})
        return list(dict.fromkeys(given))


class SearchQuerySerializer(serializers.Serializer):
    """The parameters of GET /api/v1/search; the OpenAPI schema documents them from these fields."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        trim_whitespace=False,
        default="",
        help_text="What to look for, in any of the public site's nine languages (fi, sv, en, ru, uk, ar, so, fa, et).",
    )
    lang = serializers.ChoiceField(
        choices=list(PUBLIC_LANGUAGES),
        required=False,
        default="fi",
        help_text="Language of texts and messages; a text not written in it is given in the first language "
        "of its fallbacks that has it (ru, uk, ar, so, fa, et: English, Finnish, Swedish).",
    )
    municipality = CodeListField(
        vocabulary="municipality",
        help_text="Municipality code (e.g. 167); repeatable or comma-separated. An unknown code is a 400.",
    )
    service_type = CodeListField(
        vocabulary="service_type", help_text="Service type code; repeatable. An unknown code is a 400."
    )
    category = CodeListField(
        vocabulary="category", help_text="Category code; repeatable. An unknown code is a 400."
    )
    life_situation = CodeListField(
        vocabulary="life_situation", help_text="Life situation code; repeatable. An unknown code is a 400."
    )
    delivery_mode = CodeListField(
        vocabulary="delivery_mode", help_text="Delivery mode code; repeatable. An unknown code is a 400."
    )
    language = CodeListField(
        vocabulary="language",
        help_text="Service language code (ISO 639); repeatable. An unknown code is a 400.",
    )
    age_months = serializers.IntegerField(
        required=False, min_value=0, max_value=MAX_AGE_MONTHS, help_text="Child's age in months."
    )
    free = StrictBooleanField(required=False, help_text="true: free services only; false: with a fee.")
    interpreter = StrictBooleanField(
        required=False,
        default=False,
        help_text="true: only services that can use an interpreter (free of charge or for a fee).",
    )
    open_now = StrictBooleanField(required=False, default=False, help_text="Open now in Finnish time.")
    lat = serializers.FloatField(
        required=False,
        min_value=FINLAND_LATITUDE[0],
        max_value=FINLAND_LATITUDE[1],
        help_text="Latitude (WGS84) in Finland, with lon.",
    )
    lon = serializers.FloatField(
        required=False,
        min_value=FINLAND_LONGITUDE[0],
        max_value=FINLAND_LONGITUDE[1],
        help_text="Longitude (WGS84) in Finland, with lat.",
    )
    radius_km = serializers.FloatField(
        required=False,
        min_value=0.1,
        max_value=1000,
        help_text="Only services within this distance (with lat and lon).",
    )
    sort = serializers.ChoiceField(
        choices=["relevance", "distance", "name"],
        required=False,
        default="relevance",
        help_text="Order of the results; distance needs lat and lon.",
    )
    page = serializers.IntegerField(required=False, min_value=1, max_value=10000, default=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=20)

    LIST_FIELDS = LIST_FILTERS
    PARAMETERS: frozenset[str]  # the names of the fields, set below (instantiating them costs)

    def validate(self, attrs):
        errors = {}
        if ("lat" in attrs) != ("lon" in attrs):
            missing = "lon" if "lat" in attrs else "lat"
            errors[missing] = _("Give both lat and lon.")
        if "radius_km" in attrs and "lat" not in attrs:
            errors["radius_km"] = _("A radius needs lat and lon.")
        if attrs.get("sort") == "distance" and "lat" not in attrs:
            errors["sort"] = _("Sorting by distance needs lat and lon.")
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


SearchQuerySerializer.PARAMETERS = frozenset(SearchQuerySerializer().fields)


class LanguageMapField(serializers.CharField):
    """A language map ({"fi": ..., "sv": ...}) as its text in the answer's language (context
    "language"), else in the first language of the fallback order that has it."""

    def to_representation(self, value):
        return translate_map(value, self.context["language"])


class AbsoluteUrlField(serializers.URLField):
    """A path of the site as an absolute address (context "request")."""

    def to_representation(self, value):
        return self.context["request"].build_absolute_uri(value)


class OrganizationSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = LanguageMapField()


# The service's public place nearest to the family (search.presenters.NearestPlace).
class NearestPlaceSerializer(serializers.Serializer):
    name = LanguageMapField()
    municipality = serializers.CharField(help_text="Municipality code of the place.")
    distance_km = serializers.FloatField(
        allow_null=True,
        help_text="From lat and lon when given, else from the centre of the municipality searched in;"
        " null when the place has no public position.",
    )


# A hit (selectors.Hit), shown by search.presenters.HitPresenter. (Comments, not docstrings, on the
# response serializers: a docstring would become the description of the schema's component.)
class SearchResultSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = LanguageMapField()
    summary = LanguageMapField()
    organization = OrganizationSummarySerializer()
    service_types = serializers.ListField(child=serializers.CharField())
    categories = serializers.ListField(child=serializers.CharField())
    municipalities = serializers.ListField(child=serializers.CharField())
    delivery_modes = serializers.ListField(child=serializers.CharField())
    interpretation = serializers.ChoiceField(
        choices=Service.Interpretation.values,
        allow_blank=True,
        help_text="Whether the service can use an interpreter: free (free of charge), fee (for a fee),"
        " none (no interpretation), or empty when the service has not said.",
    )
    url = AbsoluteUrlField(source="path")
    distance_km = serializers.FloatField(allow_null=True)
    score = serializers.FloatField(allow_null=True)
    nearest_place = NearestPlaceSerializer(
        allow_null=True,
        read_only=True,
        help_text="The service's public place nearest to lat and lon, else to the municipality searched"
        " in (chosen or named in q), preferring one in that municipality; null when the search gave"
        " neither, or no place is known to be near.",
    )

    def to_representation(self, instance):
        # Written out: the fields above describe the answer (the schema), but running their machinery
        # for each field of each hit cost more than the search itself. A test checks the two agree.
        language = self.context["language"]
        shown = HitPresenter(instance, language)
        place = shown.nearest_place(self.context.get("near"))
        return {
            "id": shown.id,
            "name": translate_map(shown.name, language),
            "summary": translate_map(shown.summary, language),
            "organization": {
                "id": shown.organization["id"],
                "name": translate_map(shown.organization["name"], language),
            },
            "service_types": list(shown.service_types),
            "categories": list(shown.categories),
            "municipalities": list(shown.municipalities),
            "delivery_modes": list(shown.delivery_modes),
            "interpretation": shown.interpretation,
            "url": self.context["request"].build_absolute_uri(shown.path),
            "distance_km": shown.distance_km,
            "score": shown.score,
            "nearest_place": None
            if place is None
            else {
                "name": translate_map(place.name, language),
                "municipality": place.municipality,
                "distance_km": place.distance_km,
            },
        }


class FacetValueSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField()


# The counts by code of each facet (selectors.SearchResult.facets), most found first, then by name.
class FacetsSerializer(serializers.Serializer):
    municipality = FacetValueSerializer(many=True)
    category = FacetValueSerializer(many=True)
    service_type = FacetValueSerializer(many=True)
    delivery_mode = FacetValueSerializer(many=True)
    language = FacetValueSerializer(many=True)

    FACETS = ("municipality", "category", "service_type", "delivery_mode", "language")

    def to_representation(self, instance):
        # Written out, as the results are: serialising hundreds of (code, name, count) values field by
        # field would cost more than the search. A test ties FACETS to the fields.
        language = self.context["language"]
        return {
            facet: sorted(
                (
                    {"code": code, "name": codes.name(facet, code, language), "count": count}
                    for code, count in instance.get(facet, {}).items()
                ),
                key=lambda value: (-value["count"], value["name"]),
            )
            for facet in self.FACETS
        }


# A page of a search's results: {"result": selectors.SearchResult, "page": ..., "page_size": ...},
# with "request" and "language" in the context.
class SearchResponseSerializer(serializers.Serializer):
    total = serializers.IntegerField(source="result.total")
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    suggestion = serializers.CharField(allow_null=True, source="result.suggestion")
    life_situations = serializers.ListField(
        child=serializers.CharField(),
        source="result.situations",
        help_text="Life situations (codes) the words name through the everyday vocabulary, best first:"
        " their guides (/guides/<code>/) answer the question too.",
    )
    results = SearchResultSerializer(many=True, source="result.hits")
    facets = FacetsSerializer(source="result.facets")

    def to_representation(self, instance):
        # Written out: instantiating the declared fields (DRF deep-copies them for every answer) cost a
        # few milliseconds of each search. The fields stay the schema; a test ties the keys to them.
        result = instance["result"]
        # The family's place is read once for the nearest places of all the results.
        context = {**self.context, "near": Near.of(result)}
        hit = SearchResultSerializer(context=context)
        return {
            "total": result.total,
            "page": instance["page"],
            "page_size": instance["page_size"],
            "suggestion": result.suggestion,
            "life_situations": list(result.situations),
            "results": [hit.to_representation(h) for h in result.hits],
            "facets": FacetsSerializer(context=context).to_representation(result.facets),
        }


class ErrorSerializer(serializers.Serializer):
    field = serializers.CharField()
    message = serializers.CharField()


class ErrorResponseSerializer(serializers.Serializer):
    errors = ErrorSerializer(many=True)


class ThrottledResponseSerializer(serializers.Serializer):
    """429: the client asked too often (DRF's answer; Retry-After tells the seconds to wait)."""

    detail = serializers.CharField()
