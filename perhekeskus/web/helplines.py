"""The helplines and chats (the services of the type helpline-chat, of the network and national ones):
those open now with when they close, the others by when they open next, and those whose hours are
not known (issue 28). The helplines page, its box on the search results and the next steps of a search
that finds little all show them."""

from perhekeskus.core import public_cache
from perhekeskus.search.services import search_without_log
from perhekeskus.web.contact_views import contact_views

HELPLINE_TYPE = "helpline-chat"
# More than a national deployment lists (some tens).
MOST = 100
# The box on the search results shows the first few open now.
BOX_HELPLINES = 3
# A helpline is open when its phone or chat answers (not when its office takes appointments).
REMOTE_MODES = ("phone", "online")


def of_the_minute(language: str) -> dict:
    """{"open", "later", "unknown": views (web.contact_views), "minute"}: the same for every visitor
    of the minute, so kept in the process for its minute (and the public content's generation,
    core.public_cache.in_process). Read as the search page reads, from the read replica where the
    site has one: what a lagging replica gives is kept for the minute only."""
    minute = public_cache.this_minute()
    name = f"helplines ({language})"
    read = {name: lambda: _read(language, minute)}
    kept = public_cache.in_process(read)[name]
    if kept["minute"] != minute:
        kept = public_cache.in_process(read, fresh=True)[name]
    return kept


def _read(language: str, minute: str) -> dict:
    """The first MOST helplines open now by the search index (which counts every place of a service:
    the hours read here say which answer by phone or chat), and the first MOST of all by name."""
    asked = {"service_type": [HELPLINE_TYPE], "page_size": MOST, "lang": language}
    open_now = search_without_log({**asked, "open_now": True}, with_facets=False)
    every = search_without_log(asked, with_facets=False)
    seen = {hit.document_id for hit in open_now.hits}
    hits = open_now.hits + [hit for hit in every.hits if hit.document_id not in seen]
    views = contact_views({"helplines": hits}, language, with_hours=True, hours_of=REMOTE_MODES)["helplines"]
    return {
        "minute": minute,
        # By name, as found; those open round the clock too.
        "open": [view for view in views if view["open_span"]],
        "later": sorted(
            (view for view in views if not view["open_span"] and view["opens_next"]),
            key=lambda view: view["opens_next"].opens,
        ),
        "unknown": [view for view in views if not view["open_span"] and not view["opens_next"]],
        # More than are shown: the page says so, and links the search of them all.
        "more": open_now.total > MOST or every.total > MOST,
    }
