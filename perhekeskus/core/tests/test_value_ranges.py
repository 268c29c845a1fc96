"""Numbers a form, the admin or an import writes have a range in the model: SQLite would store what
PostgreSQL refuses, so both refuse it the same way, with a reason."""

import pytest
from django.core.exceptions import ValidationError

from perhekeskus.activities.models import Activity, Registration
from perhekeskus.catalog.models import Category, Contact, LifeSituation, ServiceType
from perhekeskus.network.models import Municipality
from perhekeskus.planning.models import Goal, Plan


@pytest.mark.parametrize(
    ("model", "field", "too_big", "fine"),
    [
        (Activity, "capacity", 99_999_999, 20),
        (Activity, "duration_minutes", 99_999, 90),
        (Activity, "repeat_count", 65_535, 10),
        (Activity, "registration_opens_days", 40_000, 30),
        (Activity, "registration_closes_hours", 40_000, 2),
        (Registration, "adults", 300, 2),
        (Registration, "children", 300, 3),
        (Category, "position", 99_999, 3),
        (ServiceType, "position", 99_999, 3),
        (LifeSituation, "age_from_months", 30_000, 12),
        (LifeSituation, "age_to_months", 30_000, 24),
        (Contact, "position", 99_999, 1),
        (Municipality, "population", 99_999_999_999, 11_000),
        (Municipality, "children", 99_999_999_999, 2_000),
        (Plan, "starts", 65_535, 2026),
        (Plan, "ends", 65_535, 2027),
        (Goal, "position", 99_999, 1),
    ],
)
def test_numbers_out_of_range_are_refused_on_every_database(model, field, too_big, fine):
    column = model._meta.get_field(field)
    assert column.clean(fine, None) == fine
    with pytest.raises(ValidationError):
        column.clean(too_big, None)
