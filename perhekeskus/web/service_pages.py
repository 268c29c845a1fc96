"""What a service page shows besides the service itself."""

from perhekeskus.catalog.models import Service
from perhekeskus.search.services import search_without_log
from perhekeskus.web.search_page import hit_views

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
    return hit_views(hits)
