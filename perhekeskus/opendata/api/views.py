"""The Open Referral HSDS 3.1 API at /api/hsds/: public, read-only, no key, throttled per client."""

import json
import math
import uuid
from abc import ABCMeta, abstractmethod

from django.db.models import QuerySet
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from perhekeskus.catalog.models import Delivery, Service
from perhekeskus.core import gzipped, public_cache
from perhekeskus.core.ratelimit import HsdsThrottle
from perhekeskus.core.translation import EXTENDED_LANGUAGES
from perhekeskus.network.models import Organization
from perhekeskus.opendata import hsds, selectors
from perhekeskus.opendata.api.serializers import (
    DetailQuerySerializer,
    HsdsPageSerializer,
    HsdsRootSerializer,
    ListQuerySerializer,
    OrganizationDetailQuerySerializer,
    OrganizationQuerySerializer,
    ServiceAtLocationQuerySerializer,
    ServiceQuerySerializer,
    TaxonomyTermQuerySerializer,
)
from perhekeskus.search.api.serializers import ErrorResponseSerializer
from perhekeskus.search.api.views import THROTTLED_RESPONSE, error_list


def accepted_language(request) -> str:
    """The first language in Accept-Language (by weight) that content may be written in
    (core.translation.EXTENDED_LANGUAGES: the public site's nine and the Sámi languages); Finnish when
    none is. A text missing in it falls back as on the site's pages (English first for the six)."""
    choices = []
    for position, part in enumerate(request.headers.get("Accept-Language", "").split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        code = tag.strip().lower().split("-")[0]
        if code in EXTENDED_LANGUAGES and weight > 0:
            choices.append((-weight, position, code))
    return min(choices)[2] if choices else "fi"


# Every endpoint may answer these (besides its own 200 and 404).
ERROR_RESPONSES = {
    400: OpenApiResponse(
        ErrorResponseSerializer, description="An unknown or bad parameter, named in the errors."
    ),
    429: THROTTLED_RESPONSE,
}


class HsdsView(APIView, metaclass=ABCMeta):
    """Anyone may read; nothing is written. Every answer may be read by any web page (CORS)."""

    permission_classes = [AllowAny]
    throttle_classes = [HsdsThrottle]
    query_serializer = DetailQuerySerializer

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Content-Language"] = getattr(request, "hsds_language", "fi")
        return response

    def params(self, request) -> tuple[dict | None, Response | None]:
        request.hsds_language = accepted_language(request)
        allowed = set(self.query_serializer().fields)
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            return None, Response(
                {"errors": [{"field": name, "message": "Unknown parameter."} for name in unknown]}, status=400
            )
        serializer = self.query_serializer(data=request.query_params.dict())
        if not serializer.is_valid():
            return None, Response({"errors": error_list(serializer.errors)}, status=400)
        return serializer.validated_data, None


def _written(data: dict) -> tuple[bytes, bytes]:
    """An answer as the JSON renderer writes it, and that gzipped (core.gzipped)."""
    body = JSONRenderer().render(data)
    return body, gzipped.compressed(body)


class ListView(HsdsView):
    """A paged list: HSDS's envelope, or with format=ndjson every item as a line, without paging."""

    query_serializer = ListQuerySerializer

    def get(self, request):
        params, error = self.params(request)
        if error:
            return error
        language = request.hsds_language
        if params["format"] == "ndjson":
            items = self.items(request, params)
            lines = (
                json.dumps(self.render(item, language, params), ensure_ascii=False) + "\n" for item in items
            )
            response = StreamingHttpResponse(lines, content_type="application/x-ndjson; charset=utf-8")
            return self.finalize_response(request, response)
        # A page of a list is the same for every client until the catalogue changes: kept in the shared
        # cache (the slowest answers of the site: ~4 ms a service to write) as written, and compressed.
        key = f"hsds-json:{language}:{request.path}?{sorted(params.items())}"
        body, compressed = public_cache.kept(
            key, lambda: _written(self.page(self.items(request, params), language, params))
        )
        if not isinstance(request.accepted_renderer, JSONRenderer):  # the browsable API
            return Response(json.loads(body))
        return gzipped.response(request, body, compressed, "application/json")

    def page(self, items, language: str, params: dict) -> dict:
        total = items.count() if isinstance(items, QuerySet) else len(items)
        size = params["per_page"]
        pages = max(1, math.ceil(total / size))
        start = (params["page"] - 1) * size
        page = list(items[start : start + size])
        self.prepare(page, params)
        contents = [self.render(item, language, params) for item in page]
        return {
            "total_items": total,
            "total_pages": pages,
            "page_number": params["page"],
            "size": len(contents),
            "first_page": params["page"] == 1,
            "last_page": params["page"] >= pages,
            "empty": total == 0,
            "contents": contents,
        }

    @abstractmethod
    def items(self, request, params):
        """The matching items: a queryset, a list or a Ranked."""

    def prepare(self, page: list, params: dict) -> None:
        """Read in one go what the items of a page need (a hook for lists that nest)."""

    @abstractmethod
    def render(self, item, language: str, params: dict) -> dict:
        """One item as an HSDS object."""


class DetailView(HsdsView):
    """One object by id; a malformed id is a 400 and an unknown one a 404, in the API's error shape."""

    def get(self, request, pk):
        params, error = self.params(request)
        if error:
            return error
        try:
            pk = uuid.UUID(pk)
        except ValueError:
            return Response({"errors": [{"field": "id", "message": "Must be a valid UUID."}]}, status=400)
        try:
            return Response(self.detail(pk, request.hsds_language, params))
        except Http404:
            return Response({"errors": [{"field": "id", "message": "Not found."}]}, status=404)

    @abstractmethod
    def detail(self, pk, language: str, params: dict) -> dict:
        """The object as HSDS; raises Http404 when there is none with this id."""


def _or_404(found):
    """What a detail found; Http404 when it found nothing (None)."""
    if found is None:
        raise Http404
    return found


def _documented(name: str, parameters=None, *, single: bool = False):
    """The endpoint in our OpenAPI schema, as it answers: an unknown or bad parameter (`parameters`
    is the serializer of the known ones) is a 400 and a client over the throttle gets 429; a `single`
    object's malformed id is a 400 and an unknown one a 404; a list is a page of HSDS objects, or
    with format=ndjson the objects, one a line."""
    if single:
        responses = {
            200: OpenApiTypes.OBJECT,
            404: OpenApiResponse(ErrorResponseSerializer, description="No object with this id."),
        }
        path_parameters = [
            OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The object's id.")
        ]
    else:
        responses = {
            (200, "application/json"): HsdsPageSerializer,
            (200, "application/x-ndjson"): OpenApiResponse(
                OpenApiTypes.STR, description="format=ndjson: every matching object as JSON, one a line."
            ),
        }
        path_parameters = []
    return extend_schema_view(
        get=extend_schema(
            operation_id=f"hsds_{name}",
            parameters=[*path_parameters, *([parameters] if parameters else [])],
            responses={**responses, **ERROR_RESPONSES},
            tags=["HSDS 3.1"],
        )
    )


class Root(HsdsView):
    @extend_schema(
        operation_id="hsds_root", responses={200: HsdsRootSerializer, **ERROR_RESPONSES}, tags=["HSDS 3.1"]
    )
    def get(self, request):
        _params, error = self.params(request)
        if error:
            return error
        return Response(
            {
                "version": hsds.HSDS_VERSION,
                "profile": hsds.PROFILE_URL,
                "openapi_url": request.build_absolute_uri(reverse("api-schema")),
            }
        )


# The filters of the lists of services and of services at locations.
SERVICE_FILTERS = ("taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after", "search")


def _given(params: dict, *names: str) -> dict:
    """Those of the named parameters the request gave, for a selector that takes each as a keyword."""
    return {name: params[name] for name in names if name in params}


@_documented("services", ServiceQuerySerializer)
class ServiceList(ListView):
    query_serializer = ServiceQuerySerializer

    def items(self, request, params):
        return selectors.services_matching(**_given(params, *SERVICE_FILTERS))

    def render(self, item: Service, language: str, params: dict) -> dict:
        if params.get("minimal"):
            return {"id": str(item.pk), "last_modified": hsds.service(item, language)["last_modified"]}
        return hsds.service(item, language, full=params.get("full", False))


@_documented("service", single=True)
class ServiceDetail(DetailView):
    def detail(self, pk, language: str, params: dict) -> dict:
        return hsds.service(get_object_or_404(selectors.services(), pk=pk), language, full=True)


@_documented("service_at_locations", ServiceAtLocationQuerySerializer)
class ServiceAtLocationList(ListView):
    query_serializer = ServiceAtLocationQuerySerializer

    def items(self, request, params):
        return selectors.deliveries_at_places_matching(
            **_given(params, *SERVICE_FILTERS, "postcode", "proximity")
        )

    def prepare(self, page: list, params: dict) -> None:
        self.full_services = {}
        if params.get("full"):
            self.full_services = selectors.services_by_pk({d.service_id for d in page})

    def render(self, item: Delivery, language: str, params: dict) -> dict:
        service = None
        if params.get("full"):
            found = getattr(self, "full_services", {}).get(item.service_id)
            service = hsds.service(found or selectors.services().get(pk=item.service_id), language)
        return hsds.service_at_location(item, language, with_service=service)


@_documented("service_at_location", single=True)
class ServiceAtLocationDetail(DetailView):
    def detail(self, pk, language: str, params: dict) -> dict:
        found = get_object_or_404(selectors.deliveries_at_places(), pk=pk)
        service = hsds.service(selectors.services().get(pk=found.service_id), language)
        return hsds.service_at_location(found, language, with_service=service)


@_documented("organizations", OrganizationQuerySerializer)
class OrganizationList(ListView):
    query_serializer = OrganizationQuerySerializer

    def items(self, request, params):
        return selectors.organizations_matching(**_given(params, "taxonomy_term_id", "taxonomy_id", "search"))

    def render(self, item: Organization, language: str, params: dict) -> dict:
        services = None
        if params.get("full") or params.get("full_service"):
            services = [
                hsds.service(s, language, full=params.get("full_service", False))
                for s in selectors.services_of(item)
            ]
        return hsds.organization(item, language, services=services)


@_documented("organization", OrganizationDetailQuerySerializer, single=True)
class OrganizationDetail(DetailView):
    query_serializer = OrganizationDetailQuerySerializer

    def detail(self, pk, language: str, params: dict) -> dict:
        found = get_object_or_404(selectors.organizations(), pk=pk)
        services = [
            hsds.service(s, language, full=params.get("full_service", False))
            for s in selectors.services_of(found)
        ]
        return hsds.organization(found, language, services=services)


@_documented("taxonomies", ListQuerySerializer)
class TaxonomyList(ListView):
    def items(self, request, params):
        return selectors.taxonomies_matching(params.get("search"))

    def render(self, item: str, language: str, params: dict) -> dict:
        return hsds.taxonomy(item, language)


@_documented("taxonomy", single=True)
class TaxonomyDetail(DetailView):
    def detail(self, pk, language: str, params: dict) -> dict:
        return hsds.taxonomy(_or_404(hsds.vocabulary_with_id(pk)), language)


@_documented("taxonomy_terms", TaxonomyTermQuerySerializer)
class TaxonomyTermList(ListView):
    query_serializer = TaxonomyTermQuerySerializer

    def items(self, request, params):
        return selectors.taxonomy_terms_matching(
            **_given(params, "taxonomy_id", "parent_id", "top_only", "search")
        )

    def render(self, item, language: str, params: dict) -> dict:
        return hsds.taxonomy_term(item, language, with_taxonomy=True)


@_documented("taxonomy_term", single=True)
class TaxonomyTermDetail(DetailView):
    def detail(self, pk, language: str, params: dict) -> dict:
        return hsds.taxonomy_term(_or_404(selectors.taxonomy_term(pk)), language, with_taxonomy=True)
