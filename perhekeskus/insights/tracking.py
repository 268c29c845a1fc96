"""Which requests count as a family reading a page (insights.services.service_view_count counts them)."""

import re

# Robots, link previews and scripts do not count as families reading a page.
NOT_A_PERSON = re.compile(r"bot|crawl|spider|slurp|preview|monitor|curl|wget|python|headless|http", re.I)


def is_person(request) -> bool:
    agent = request.headers.get("User-Agent", "")
    return request.method == "GET" and bool(agent) and not NOT_A_PERSON.search(agent)
