"""Queries of one key that a hot page makes on every visit, written to SQL by Django once per database
connection instead of on every call, and the rows they read given to instances as Django's
prefetch_related gives them (decision 0026, "A service page's reads written once").

Django compiles a queryset anew each time it runs: for the few small, wide queries of a service page
that was half of their time (1–2 ms of a made page), and prefetch_related builds a filtered queryset
for every instance it fills. Nothing in Django or a maintained package keeps a compiled query."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators

# The keys the SQL is written with, found among its parameters and replaced by each call's: written
# with both, it must differ only there (nothing else of it, such as the time, may be kept).
_STAND_INS = (
    uuid.UUID("5eed0000-0000-4000-8000-00000000c0de"),
    uuid.UUID("5eed0000-0000-4000-8000-00000000beef"),
)


@dataclass(frozen=True)
class _Written:
    sql: str
    params: tuple
    key_at: tuple[int, ...]  # where the key is among the parameters
    model: type[Model]
    attnames: list[str]
    fields: slice
    populators: list
    converters: list[tuple[int, list, object]]


class WrittenQuery:
    """`make(key)`: the queryset of one UUID key (a service's, say), with select_related as it likes
    and no prefetch_related. `rows(key, using)` runs it: its SQL is written once per connection."""

    def __init__(self, make: Callable[[uuid.UUID], QuerySet]) -> None:
        self._make = make

    def rows(self, key: uuid.UUID, using: str) -> list:
        connection = connections[using]
        # On the connection: its thread's own, with the converters of its own backend.
        written_on = connection.__dict__.setdefault("_written_queries", {})
        written = written_on.get(self)
        if written is None:
            written = written_on[self] = self._write(using)
        params = list(written.params)
        prepared = written.model._meta.pk.get_db_prep_value(key, connection)
        for index in written.key_at:
            params[index] = prepared
        with connection.cursor() as cursor:
            cursor.execute(written.sql, params)
            found = cursor.fetchall()
        found_rows = []
        for values in found:
            values = list(values)
            for index, converters, expression in written.converters:
                for converter in converters:
                    values[index] = converter(values[index], expression, connection)
            instance = written.model.from_db(using, written.attnames, values[written.fields])
            for populator in written.populators:
                populator.populate(values, instance)
            found_rows.append(instance)
        return found_rows

    def _write(self, using: str) -> _Written:
        compiler, other = (self._make(key).query.get_compiler(using=using) for key in _STAND_INS)
        (sql, params), (other_sql, other_params) = compiler.as_sql(), other.as_sql()
        prepare = compiler.query.model._meta.pk.get_db_prep_value
        stand_in, other_stand_in = (prepare(key, compiler.connection) for key in _STAND_INS)
        key_at = tuple(index for index, value in enumerate(params) if value == stand_in)
        differ_at = tuple(
            index for index, (a, b) in enumerate(zip(params, other_params, strict=False)) if a != b
        )
        if (
            not key_at
            or sql != other_sql
            or len(params) != len(other_params)
            or differ_at != key_at
            or any(other_params[index] != other_stand_in for index in key_at)
            or compiler.annotation_col_map
        ):
            raise ValueError(
                f"not a query of one key (and nothing else that changes) without annotations: {sql}"
            )
        select, klass_info = compiler.select, compiler.klass_info
        first, last = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        converters = compiler.get_converters(
            [column for column, _sql, _alias in select[: compiler.col_count]]
        )
        return _Written(
            sql=sql,
            params=tuple(params),
            key_at=key_at,
            model=klass_info["model"],
            attnames=[column.target.attname for column, _sql, _alias in select[first:last]],
            fields=slice(first, last),
            populators=get_related_populators(klass_info, select, using),
            converters=[
                (index, converters, expression) for index, (converters, expression) in converters.items()
            ],
        )


class _Prefetched(QuerySet):
    """Rows given to an instance as prefetch_related gives them (`prefetched`). Read as they are, never
    refined: this queryset has no filter of its owner. Its query is empty besides, so that what builds
    SQL without refining it (update, aggregate, iterator) finds and changes nothing instead of the
    whole table."""

    def _chain(self):
        raise TypeError(
            f"rows given by written_queries.prefetched are read as they are: {self.model.__name__}"
        )


def prefetched(instance: Model, related_name: str, rows: list) -> None:
    """Give `instance` the rows of its reverse relation `related_name` (a foreign key to it), as
    prefetch_related does: instance.<related_name>.all() is then `rows`, each row's foreign key
    holding `instance`, without a query."""
    relation = type(instance)._meta.get_field(related_name)
    given = _Prefetched(model=relation.related_model)
    given.query.set_empty()
    given._result_cache = rows
    given._prefetch_done = True
    for row in rows:
        relation.field.set_cached_value(row, instance)
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[relation.cache_name] = given
