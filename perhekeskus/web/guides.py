"""Life-situation guides: a short orientation, then the services of the situation's service types for
the family's municipality and child's age, in the order a family usually meets them; the guide for
families new to Finland also lists the services that can use an interpreter."""

from django.http import QueryDict

from perhekeskus.catalog.models import LifeSituation
from perhekeskus.core.translation import translate
from perhekeskus.information.selectors import guide_orientation
from perhekeskus.network.models import Municipality
from perhekeskus.search.services import search_without_log
from perhekeskus.web import search_page

SHOWN_PER_TYPE = 5
# Guides whose orientation promises that services can use an interpreter: they list those that can.
INTERPRETER_GUIDES = frozenset({"new-to-finland"})
SHOWN_INTERPRETERS = 10


def context(situation: LifeSituation, query: QueryDict) -> dict:
    choices = QueryDict(mutable=True)
    for name in ("municipality", "age_months"):
        if query.get(name, "").strip():
            choices[name] = query[name]
    params, messages = search_page.validated(choices)
    groups, missing, shown = [], [], set()
    for service_type in situation.service_types.all():
        wanted = {**params, "service_type": [service_type.code], "page_size": SHOWN_PER_TYPE}
        result = search_without_log(wanted, with_facets=False)
        if result.total:
            all_url = search_page.page_url({**params, "service_type": [service_type.code]})
            # A service of two of the guide's types is shown under the first.
            hits = [hit for hit in result.hits if hit.document_id not in shown]
            shown.update(hit.document_id for hit in hits)
            if hits:
                groups.append({"type": service_type, "result": result, "found": hits, "all_url": all_url})
        else:
            missing.append(translate(service_type, "name"))
    interpreters = (
        search_without_log(
            {**params, "interpreter": True, "page_size": SHOWN_INTERPRETERS}, with_facets=False
        )
        if situation.code in INTERPRETER_GUIDES
        else None
    )
    found = [hit for group in groups for hit in group["found"]]
    views = iter(search_page.hit_views(found + (interpreters.hits if interpreters else [])))
    for group in groups:
        group["hits"] = [next(views) for _hit in group["found"]]
    interpreter_views = list(views)  # the rest
    chosen = params.get("municipality", [])
    type_codes = [t.code for t in situation.service_types.all()]
    municipality = Municipality.objects.filter(code=chosen[0]).first() if chosen else None
    orientation = guide_orientation(situation, municipality=municipality)
    return {
        "orientation": orientation,
        "situation": situation,
        "form_errors": messages,
        "municipalities": _municipalities(type_codes, chosen),
        "chosen_municipality": chosen[0] if chosen else "",
        "age_options": search_page.age_options(params.get("age_months")),
        "groups": groups,
        "missing": missing,
        "search_url": search_page.page_url({**params, "life_situation": [situation.code]}),
        "interpreters": None
        if interpreters is None
        else {
            "total": interpreters.total,
            "municipality": translate(municipality, "name") if municipality else "",
            "hits": interpreter_views,
            "all_url": search_page.page_url({**params, "interpreter": True}),
        },
    }


def _municipalities(type_codes: list[str], chosen: list[str]) -> list[tuple[str, str]]:
    """The municipalities where services of the guide's types are delivered (and the chosen one), by name."""
    everywhere = search_without_log({"service_type": type_codes, "page_size": 0}) if type_codes else None
    codes = set(everywhere.facets.get("municipality", {}) if everywhere else ()) | set(chosen)
    places = Municipality.objects.filter(code__in=codes)
    return sorted(((m.code, translate(m, "name")) for m in places), key=lambda pair: pair[1])
