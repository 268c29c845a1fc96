"""What a service page shows besides the service itself."""

from django.utils import timezone
from django.utils.translation import get_language

from perhekeskus.catalog.models import Service
from perhekeskus.search import selectors
from perhekeskus.search.services import search_without_log
from perhekeskus.web.search_page import hit_view

NEARBY = 4


def nearby_of_same_type(service: Service) -> list[dict]:
    """Other services of the service's main type for families in the same municipalities."""
    types = sorted(service.service_types.all(), key=lambda t: (t.category.position, t.position))
    municipalities = sorted({m.code for d in service.deliveries.all() for m in d.municipalities.all()})
    if not types:
        return []
    params = {"service_type": [types[0].code], "municipality": municipalities, "page_size": NEARBY + 1}
    hits = [
        hit for hit in search_without_log(params, with_facets=False).hits if hit.data["id"] != str(service.pk)
    ][:NEARBY]
    open_ids, with_hours = selectors.opening_among([hit.document_id for hit in hits], timezone.now())
    language = get_language()
    return [
        hit_view(hit, language, hit.document_id in open_ids, hit.document_id in with_hours) for hit in hits
    ]
