"""GET /api/v1/search: public, read-only."""

from django.urls import reverse
from django.utils import translation
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from perhekeskus.core.ratelimit import SearchApiThrottle
from perhekeskus.core.translation import translate_map
from perhekeskus.search import codes, selectors
from perhekeskus.search.api.serializers import (
    ErrorResponseSerializer,
    SearchQuerySerializer,
    SearchResponseSerializer,
    ThrottledResponseSerializer,
)
from perhekeskus.search.services import search_and_log


def error_list(detail, prefix: str = "") -> list[dict[str, str]]:
    """DRF's error detail as a flat list of {"field", "message"}."""
    if isinstance(detail, dict):
        found = []
        for key, value in detail.items():
            field = prefix or ("" if key == "non_field_errors" else key)
            found += error_list(value, field)
        return found
    if isinstance(detail, list):
        return [e for item in detail for e in error_list(item, prefix)]
    return [{"field": prefix, "message": str(detail)}]


def _service_path(service_id: str, language: str) -> str:
    """The service page in the requested language (each language has its own address)."""
    with translation.override(language):
        return reverse("service", args=[service_id])


THROTTLED_RESPONSE = OpenApiResponse(
    ThrottledResponseSerializer, description="Too many requests: try again after Retry-After seconds."
)


class SearchView(APIView):
    """Search the services of the network. Anyone may search; nothing is written but the search log."""

    permission_classes = [AllowAny]
    throttle_classes = [SearchApiThrottle]

    @extend_schema(
        operation_id="search_services",
        parameters=[SearchQuerySerializer],
        responses={200: SearchResponseSerializer, 400: ErrorResponseSerializer, 429: THROTTLED_RESPONSE},
    )
    def get(self, request):
        # Messages follow the requested language; English when none (or an unknown one) is asked for.
        language = request.query_params.get("lang")
        with translation.override(language if language in ("fi", "sv", "en") else "en"):
            return self._search(request)

    def _search(self, request):
        known = set(SearchQuerySerializer().fields)
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            return Response(
                {"errors": [{"field": k, "message": "Unknown parameter."} for k in unknown]}, status=400
            )
        data = {
            key: request.query_params.getlist(key) if key in SearchQuerySerializer.LIST_FIELDS else value
            for key, value in request.query_params.items()
        }
        params = SearchQuerySerializer(data=data)
        if not params.is_valid():
            return Response({"errors": error_list(params.errors)}, status=400)
        p = params.validated_data
        language = p["lang"]
        result, _log = search_and_log(p)
        return Response(
            {
                "total": result.total,
                "page": p["page"],
                "page_size": p["page_size"],
                "suggestion": result.suggestion,
                "results": [self._result(hit, language, request) for hit in result.hits],
                "facets": {
                    facet: sorted(
                        (
                            {"code": code, "name": codes.name(facet, code, language), "count": count}
                            for code, count in counts.items()
                        ),
                        key=lambda item: (-item["count"], item["name"]),
                    )
                    for facet, counts in (result.facets or {f: {} for f in selectors.FACETS}).items()
                },
            }
        )

    @staticmethod
    def _result(hit: selectors.Hit, language: str, request) -> dict:
        data = hit.data
        service_id = data["id"]
        return {
            "id": service_id,
            "name": translate_map(data["name"], language),
            "summary": translate_map(data["summary"], language),
            "organization": {
                "id": data["organization"]["id"],
                "name": translate_map(data["organization"]["name"], language),
            },
            "service_types": data["service_types"],
            "categories": data["categories"],
            "municipalities": data["municipalities"],
            "delivery_modes": data["delivery_modes"],
            "url": request.build_absolute_uri(_service_path(service_id, language)),
            "distance_km": hit.distance_km,
            "score": round(hit.score, 6) if hit.score is not None else None,
        }
