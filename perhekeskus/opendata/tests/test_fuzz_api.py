"""Fuzzing of our public APIs (/api/v1/ and /api/hsds/) from our own OpenAPI schema, with Schemathesis.

Every operation of the schema that /api/schema/ serves gets requests generated from its parameters:
valid ones, invalid ones (negative cases: wrong types, values out of range, unknown parameters) and
boundary values. Every answer must be no server error, have a documented status code and content
type, and match the documented response schema. The database holds the small indexed network of the
search tests, and the generated values are sometimes swapped for real ids, codes and words of it, so
that requests find something and the full answers are checked too, not just the empty ones.

Deterministic (derandomize, no example database): a run makes the same requests each time.
Schemathesis leaves out the operation of the schema document itself (drf-spectacular's view).
"""

import uuid
from collections import Counter

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from perhekeskus.catalog.models import Language, LifeSituation, ServiceType
from perhekeskus.opendata import hsds, selectors

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Generated cases per operation in the fuzzing phase (Schemathesis adds its boundary and example cases).
EXAMPLES_PER_OPERATION = 100
MINIMUM_CASES = 1000
# Schemathesis sends requests' default Accept-Encoding (gzip); its WSGI client would not decompress
# what GZipMiddleware compresses.
HEADERS = {"Accept-Encoding": "identity"}

application = get_wsgi_application()
# The schema as the site serves it (loaded once, when the module is collected; no database needed).
with override_settings(ALLOWED_HOSTS=["localhost"]):
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)

# (A part of the schema Schemathesis cannot read is an Err: parametrize() makes it a failing test.)
OPERATIONS = sorted(result.ok().label for result in schema.get_all_operations() if isinstance(result, Ok))
# Requests made, per operation and status (read by test_enough_cases_were_generated).
calls: Counter = Counter()
found: Counter = Counter()  # answers with something in them
phases: Counter = Counter()  # requests per Schemathesis phase (examples, coverage, fuzzing)
# Real values of the test database, by the parameter they fit; filled by the fixture below.
known: dict[str, list[str]] = {}


@pytest.fixture(autouse=True)
def _the_app_serves_the_test_database(network, settings):
    """Requests go to the WSGI application in this thread, inside the test's transaction: Django must
    not close the connection after each (as its test client also keeps it)."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    terms = selectors.taxonomy_terms()
    known.update(
        services=[str(pk) for pk in selectors.services().values_list("pk", flat=True)],
        service_at_locations=[str(pk) for pk in selectors.deliveries_at_places().values_list("pk", flat=True)],
        organizations=[str(pk) for pk in selectors.organizations().values_list("pk", flat=True)],
        taxonomies=[hsds.taxonomy_id(vocabulary) for vocabulary in hsds.TAXONOMIES],
        taxonomy_terms=[
            str(ServiceType.objects.get(code="speech-therapy").pk),
            str(ServiceType.objects.get(code="speech-therapy").category_id),
            str(LifeSituation.objects.get(code="baby").pk),
            *(str(term.pk) for term in terms[:: max(1, len(terms) // 5)]),
        ],
        postcode=["80100", "81700", "99999"],
        # Words the network's services answer to (and one misspelt, for a suggestion).
        text=["neuvola", "äitiysneuvolaan joensuussa", "perhekahvila", "puheterapia", "barnrådgivning",
              "Kriisipuhelin", "turvakoti", "vauva", "neuvla", "family café",
              "lastenneuvola" * 15],  # a long compound (Voikko's recursion)
        municipality=["167", "422", "167,422"],
        service_type=["child-health-clinic", "family-cafe", "speech-therapy", "helpline-chat"],
        category=sorted({str(code) for code in ServiceType.objects.values_list("category__code", flat=True)})[:4],
        life_situation=["baby", *LifeSituation.objects.exclude(code="baby").values_list("code", flat=True)[:2]],
        delivery_mode=["online", "phone", "family-centre-building", "provider-site"],
        language=list(Language.objects.filter(code__in=["fi", "sv", "en"]).values_list("code", flat=True)),
    )  # fmt: skip
    known["organization_id"] = known["organizations"]
    known["taxonomy_id"] = known["taxonomies"]
    known["taxonomy_term_id"] = known["taxonomy_terms"]
    known["parent_id"] = known["taxonomy_terms"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _maybe_real(name: str, value):
    """The generated value or, more often, one of the database's real values for this parameter, when
    the generated one is valid (an invalid value, the point of a negative case, stays)."""
    if name in ("search", "q"):
        real = known["text"]
    elif name.endswith("_id"):
        real = known.get(name, []) if _is_uuid(value) else []
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        real = [[code] for code in known.get(name, [])]
    else:
        real = known.get(name, []) if isinstance(value, str) else []
    return st.sampled_from([value, *real, *real, *real]) if real else st.just(value)


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    resource = context.operation.path.split("/")[3]
    if not path_parameters or not _is_uuid(path_parameters.get("id")):
        return st.just(path_parameters)
    return st.sampled_from([path_parameters["id"], *known[resource]]).map(lambda pk: {"id": pk})


@schema.hook
def flatmap_query(context, query):
    if not query:
        return st.just(query)
    return st.fixed_dictionaries({name: _maybe_real(name, value) for name, value in query.items()})


def _found_something(response) -> bool:
    content_type = {name.lower(): values for name, values in response.headers.items()}["content-type"][0]
    if not content_type.startswith("application/json"):
        return bool(response.content.strip())  # ndjson: one object a line
    body = response.json()
    return bool(body.get("total", body.get("total_items", 1)))


@schema.parametrize()
@hypothesis.settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    database=None,
    deadline=None,
)
def test_api_answers_as_documented(case):
    response = case.call(headers=HEADERS)
    calls[case.operation.label, response.status_code] += 1
    phases[case.meta.phase.name.value if case.meta else "explicit"] += 1
    if response.status_code == 200 and _found_something(response):
        found[case.operation.label] += 1
    case.validate_response(response, checks=CHECKS, headers=HEADERS)


def test_enough_cases_were_generated():
    """Runs after the fuzzing above (pytest keeps the order of a module)."""
    done = {label for label, _status in calls}
    if done != set(OPERATIONS):
        pytest.skip("counts only after the fuzzing of every operation in this run")
    per_operation = Counter()
    for (label, _status), count in calls.items():
        per_operation[label] += count
    print(f"{sum(per_operation.values())} requests, {dict(phases)}; per operation and status:")
    print(sorted(calls.items()), sorted(found.items()))
    assert sum(per_operation.values()) >= MINIMUM_CASES
    assert phases["fuzzing"] >= MINIMUM_CASES  # the random cases alone, besides the boundary ones
    # The cases are spread over the operations, and every list found something as well as refused
    # something.
    assert min(per_operation.values()) >= 10, per_operation
    for label in OPERATIONS:
        if label != "GET /api/hsds/":
            assert found[label] >= 5 and calls[label, 400] >= 5, label
