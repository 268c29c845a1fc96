"""The Open Referral HSDS 3.1 API at /api/hsds/: public, read-only, no key, throttled per client."""

import json
import math
import uuid
from abc import ABCMeta, abstractmethod

from django.db.models import Q, QuerySet
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from perhekeskus.catalog.models import Delivery, Service
from perhekeskus.catalog.selectors import listed_services
from perhekeskus.core.ratelimit import HsdsThrottle
from perhekeskus.core.validators import distance_km
from perhekeskus.network.models import Organization, PostalCode
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
from perhekeskus.search import selectors as search_selectors
from perhekeskus.search.api.serializers import ErrorResponseSerializer
from perhekeskus.search.api.views import THROTTLED_RESPONSE, error_list

LANGUAGES = ("fi", "sv", "en")


def accepted_language(request) -> str:
    """The first of fi, sv and en in Accept-Language (by weight); Finnish when none is."""
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
        if code in LANGUAGES and weight > 0:
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


class ListView(HsdsView):
    """A paged list: HSDS's envelope, or with format=ndjson every item as a line, without paging."""

    query_serializer = ListQuerySerializer

    def get(self, request):
        params, error = self.params(request)
        if error:
            return error
        items = self.items(request, params)
        language = request.hsds_language
        if params["format"] == "ndjson":
            lines = (
                json.dumps(self.render(item, language, params), ensure_ascii=False) + "\n" for item in items
            )
            response = StreamingHttpResponse(lines, content_type="application/x-ndjson; charset=utf-8")
            return self.finalize_response(request, response)
        total = items.count() if isinstance(items, QuerySet) else len(items)
        size = params["per_page"]
        pages = max(1, math.ceil(total / size))
        start = (params["page"] - 1) * size
        page = list(items[start : start + size])
        self.prepare(page, params)
        contents = [self.render(item, language, params) for item in page]
        return Response(
            {
                "total_items": total,
                "total_pages": pages,
                "page_number": params["page"],
                "size": len(contents),
                "first_page": params["page"] == 1,
                "last_page": params["page"] >= pages,
                "empty": total == 0,
                "contents": contents,
            }
        )

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


def _term_filter(params: dict) -> Q:
    """Services with the given taxonomy term, or with any term of the given taxonomy."""
    condition = Q()
    term = params.get("taxonomy_term_id")
    if term is not None:
        condition &= (
            Q(service_types=term)
            | Q(service_types__category=term)
            | Q(life_situations=term)
            | Q(deliveries__mode=term)
        )
    taxonomy = params.get("taxonomy_id")
    if taxonomy is not None:
        lookups = {
            "category": "service_types__category__isnull",
            "service_type": "service_types__isnull",
            "life_situation": "life_situations__isnull",
            "delivery_mode": "deliveries__mode__isnull",
        }
        vocabulary = hsds.vocabulary_with_id(taxonomy)
        condition &= Q(**{lookups[vocabulary]: False}) if vocabulary else Q(pk__in=[])
    return condition


def _searched_service_ids(text: str) -> list[str]:
    """Service ids matching the text, best first (our Finnish-aware search)."""
    result = search_selectors.search(
        text=text,
        filters=search_selectors.Filters(),
        sort="relevance",
        page=1,
        page_size=10**6,
        now=timezone.now(),
        with_facets=False,
        ids_only=True,
    )
    return search_selectors.service_ids_of([hit.document_id for hit in result.hits])


CHUNK = 500


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


class Ranked:
    """The rows of `queryset` with these ids (best first), read a page at a time: a broad search
    can match tens of thousands of services, of which one page is shown."""

    def __init__(self, queryset, ids: list[str]) -> None:
        self.queryset = queryset
        allowed: set[str] = set()  # the ids the other parameters allow
        for start in range(0, len(ids), CHUNK):
            allowed |= {
                str(pk)
                for pk in queryset.filter(pk__in=ids[start : start + CHUNK]).values_list("pk", flat=True)
            }
        self.ids = [i for i in ids if i in allowed]

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, page: slice) -> list:
        return self._rows(self.ids[page])

    def __iter__(self):
        for start in range(0, len(self.ids), CHUNK):
            yield from self._rows(self.ids[start : start + CHUNK])

    def _rows(self, ids: list[str]) -> list:
        position = {value: index for index, value in enumerate(ids)}
        return sorted(self.queryset.filter(pk__in=ids), key=lambda row: position[str(row.pk)])


def _deliveries_of(deliveries, service_ids: list[str]) -> list[str]:
    """Ids of these deliveries, in the order of their services."""
    by_service: dict[str, list[str]] = {}
    for start in range(0, len(service_ids), CHUNK):
        for pk, service_id in deliveries.filter(
            service_id__in=service_ids[start : start + CHUNK]
        ).values_list("pk", "service_id"):
            by_service.setdefault(str(service_id), []).append(str(pk))
    return [pk for service_id in service_ids for pk in sorted(by_service.get(service_id, []))]


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


@_documented("services", ServiceQuerySerializer)
class ServiceList(ListView):
    query_serializer = ServiceQuerySerializer

    def items(self, request, params):
        services = selectors.services()
        if condition := _term_filter(params):
            # Through many-to-many joins, as a subquery: no service twice, and no DISTINCT over every column.
            services = services.filter(pk__in=Service.objects.filter(condition).values("pk"))
        if params.get("organization_id"):
            services = services.filter(organization_id=params["organization_id"])
        if params.get("modified_after"):
            services = services.filter(modified_at__gte=params["modified_after"])
        if params.get("search"):
            return Ranked(services, _searched_service_ids(params["search"]))
        return services

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
        deliveries = selectors.deliveries_at_places().filter(
            service__in=listed_services().filter(_term_filter(params))
        )
        if params.get("organization_id"):
            deliveries = deliveries.filter(service__organization_id=params["organization_id"])
        if params.get("modified_after"):
            after = params["modified_after"]
            deliveries = deliveries.filter(Q(modified_at__gte=after) | Q(service__modified_at__gte=after))
        if params.get("postcode"):
            deliveries = self._near_postcode(deliveries, params["postcode"], params.get("proximity"))
        if params.get("search"):
            return Ranked(deliveries, _deliveries_of(deliveries, _searched_service_ids(params["search"])))
        return deliveries

    @staticmethod
    def _near_postcode(deliveries, postcode: str, proximity: float | None):
        """Places serving the postcode's municipality; with `proximity` (metres), places within that
        distance of the postcode's centre: the mean of the public places we know there, else the
        centre of its municipality."""
        known = PostalCode.objects.select_related("municipality").filter(code=postcode).first()
        if known is None:
            return deliveries.none()
        if proximity is None:
            return deliveries.filter(municipalities=known.municipality).distinct()
        points = [
            (lat, lon)
            for lat, lon in Delivery.objects.filter(
                service__in=listed_services(),
                location__postal_code=postcode,
                location__confidential=False,
                location__latitude__isnull=False,
            ).values_list("location__latitude", "location__longitude")
        ]
        if points:
            centre = (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
        elif known.municipality.latitude is not None:
            centre = (known.municipality.latitude, known.municipality.longitude)
        else:
            return deliveries.none()
        near = [
            pk
            for pk, latitude, longitude in deliveries.filter(
                location__confidential=False, location__latitude__isnull=False
            ).values_list("pk", "location__latitude", "location__longitude")
            if distance_km(centre[0], centre[1], latitude, longitude) * 1000 <= proximity
        ]
        return deliveries.filter(pk__in=near)

    def prepare(self, page: list, params: dict) -> None:
        self.full_services = {}
        if params.get("full"):
            self.full_services = {
                s.pk: s for s in selectors.services().filter(pk__in={d.service_id for d in page})
            }

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
        organizations = selectors.organizations()
        services = listed_services().filter(_term_filter(params))
        if params.get("taxonomy_term_id") or params.get("taxonomy_id"):
            organizations = organizations.filter(services__in=services).distinct()
        if params.get("search"):
            text = params["search"]
            return list(
                organizations.filter(
                    Q(name_fi__icontains=text) | Q(name_sv__icontains=text) | Q(name_en__icontains=text)
                )
            )
        return organizations

    def render(self, item: Organization, language: str, params: dict) -> dict:
        services = None
        if params.get("full") or params.get("full_service"):
            services = [
                hsds.service(s, language, full=params.get("full_service", False))
                for s in selectors.services().filter(organization=item)
            ]
        return hsds.organization(item, language, services=services)


@_documented("organization", OrganizationDetailQuerySerializer, single=True)
class OrganizationDetail(DetailView):
    query_serializer = OrganizationDetailQuerySerializer

    def detail(self, pk, language: str, params: dict) -> dict:
        found = get_object_or_404(selectors.organizations(), pk=pk)
        services = [
            hsds.service(s, language, full=params.get("full_service", False))
            for s in selectors.services().filter(organization=found)
        ]
        return hsds.organization(found, language, services=services)


@_documented("taxonomies", ListQuerySerializer)
class TaxonomyList(ListView):
    def items(self, request, params):
        vocabularies = list(hsds.TAXONOMIES)
        if params.get("search"):
            text = params["search"].casefold()
            vocabularies = [
                v
                for v in vocabularies
                if text in v or any(text in n.casefold() for n in hsds.TAXONOMIES[v][1:])
            ]
        return vocabularies

    def render(self, item: str, language: str, params: dict) -> dict:
        return hsds.taxonomy(item, language)


@_documented("taxonomy", single=True)
class TaxonomyDetail(DetailView):
    def detail(self, pk, language: str, params: dict) -> dict:
        vocabulary = hsds.vocabulary_with_id(pk)
        if vocabulary is None:
            raise Http404
        return hsds.taxonomy(vocabulary, language)


@_documented("taxonomy_terms", TaxonomyTermQuerySerializer)
class TaxonomyTermList(ListView):
    query_serializer = TaxonomyTermQuerySerializer

    def items(self, request, params):
        terms = selectors.taxonomy_terms()
        if params.get("taxonomy_id"):
            terms = [
                t for t in terms if hsds.taxonomy_id(hsds.vocabulary_of(t)) == str(params["taxonomy_id"])
            ]
        if params.get("parent_id"):
            terms = [t for t in terms if str(getattr(t, "category_id", "")) == str(params["parent_id"])]
        if params.get("top_only"):
            terms = [t for t in terms if not hasattr(t, "category_id")]
        if params.get("search"):
            text = params["search"].casefold()
            terms = [
                t
                for t in terms
                if text in t.code
                or any(text in getattr(t, f"name_{code}", "").casefold() for code in LANGUAGES)
            ]
        return terms

    def render(self, item, language: str, params: dict) -> dict:
        return hsds.taxonomy_term(item, language, with_taxonomy=True)


@_documented("taxonomy_term", single=True)
class TaxonomyTermDetail(DetailView):
    def detail(self, pk, language: str, params: dict) -> dict:
        found = next((t for t in selectors.taxonomy_terms() if str(t.pk) == str(pk)), None)
        if found is None:
            raise Http404
        return hsds.taxonomy_term(found, language, with_taxonomy=True)
