"""Writes of network data. Every change to an organisation is recorded in the change history."""

from collections.abc import Iterable, Mapping
from typing import Any

from perhekeskus.core.services import save_tracked
from perhekeskus.network.models import Network, Organization


def organization_save(
    *,
    actor,
    values: Mapping[str, Any],
    organization: Organization | None = None,
    networks: Iterable[Network] | None = None,
    source: str = "",
) -> Organization:
    """Create an organisation (no `organization` given) or update one."""
    relations = {} if networks is None else {"networks": networks}
    return save_tracked(
        instance=organization or Organization(),
        values=values,
        relations=relations,
        actor=actor,
        source=source,
    )
