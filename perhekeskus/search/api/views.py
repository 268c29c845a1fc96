"""GET /api/v1/search: public, read-only."""

import json

from django.utils import translation
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from perhekeskus.core import gzipped, public_cache
from perhekeskus.core.ratelimit import SearchApiThrottle
from perhekeskus.core.translation import PUBLIC_LANGUAGES
from perhekeskus.search.api.serializers import (
    ErrorResponseSerializer,
    SearchQuerySerializer,
    SearchResponseSerializer,
    ThrottledResponseSerializer,
)
from perhekeskus.search.services import search_logged, search_without_log


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


THROTTLED_RESPONSE = OpenApiResponse(
    ThrottledResponseSerializer, description="Too many requests: try again after Retry-After seconds."
)


# In the key of a kept answer: moved on when what is kept changes its shape, so that a release never
# reads an answer kept by the one before it.
SHAPE = 2


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
        with translation.override(language if language in PUBLIC_LANGUAGES else "en"):
            return self._search(request)

    def _search(self, request):
        unknown = sorted(set(request.query_params) - SearchQuerySerializer.PARAMETERS)
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

        def answer() -> dict:
            result = search_without_log(p)
            data = SearchResponseSerializer(
                {"result": result, "page": p["page"], "page_size": p["page_size"]},
                context={"request": request, "language": p["lang"]},
            ).data
            return {
                "body": JSONRenderer().render(data),
                "total": result.total,
                "named": list(result.municipalities_in_text),
            }

        # The same search finds the same until the catalogue changes: answered from the shared cache,
        # and logged all the same. What is open now is by the minute (opening hours are); nothing else
        # of the answer depends on the clock.
        minute = public_cache.this_minute() if p["open_now"] else ""
        found, _was_kept = public_cache.kept_or_made(
            f"search-api:{SHAPE}:{request.build_absolute_uri('/')}:{minute}:{sorted(p.items())}",
            answer,
            seconds=60 if p["open_now"] else None,
            # Kept compressed too, once the response has gone (which GZipMiddleware compresses).
            kept_as=lambda made: {**made, "gzipped": gzipped.compressed(made["body"])},
        )
        search_logged(p, found["total"], found["named"])
        # Kept as written and compressed (core.gzipped); the browsable API renders it.
        if not isinstance(request.accepted_renderer, JSONRenderer):
            return Response(json.loads(found["body"]))
        return gzipped.response(request, found["body"], found.get("gzipped"), "application/json")
