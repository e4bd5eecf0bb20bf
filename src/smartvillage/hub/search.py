"""Full-text search across the hub: listed actors, published sheets, public events and
published resources.

On PostgreSQL, Django's full-text search (``django.contrib.postgres.search``): one vector
with the French configuration and one with the English one, so "villages" finds "village"
and "déplacements" finds "déplacement" whatever language a text was written in; the query is
read as a web search (quotes, ``-word``). On SQLite (development, small instances), a working
fallback: every word must appear in one of the fields (``icontains``, no stemming).
"""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from smartvillage.hub.models import Actor, Event, Initiative, Resource

FIELDS: dict[type, list[str]] = {
    Actor: ["name", "description"],
    Initiative: ["title", "summary", "results", "lessons", "barriers", "keywords"],
    Event: ["title", "description", "place_name"],
    Resource: ["title", "description", "author"],
}
CONFIGS = ("french", "english")


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def filter_text(queryset: QuerySet[Any], query: str) -> QuerySet[Any]:
    """``queryset`` narrowed to rows matching ``query``, best first on PostgreSQL."""
    # PostgreSQL refuses NUL in a string (a 500); control characters are noise anyway.
    query = "".join(char for char in query if ord(char) >= 32).strip()
    if not query:
        return queryset
    fields = FIELDS[queryset.model]
    if uses_postgres():
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector: Any = SearchVector(*fields, config=CONFIGS[0])
        search: Any = SearchQuery(query, config=CONFIGS[0], search_type="websearch")
        for config in CONFIGS[1:]:
            vector = vector + SearchVector(*fields, config=config)
            search = search | SearchQuery(query, config=config, search_type="websearch")
        ranked: QuerySet[Any] = (
            queryset.annotate(hub_search=vector, hub_rank=SearchRank(vector, search))
            .filter(hub_search=search)
            .order_by("-hub_rank", "pk")
        )
        return ranked
    for word in query.split():
        word = word.strip("\"'-")
        if word:
            queryset = queryset.filter(
                reduce(or_, (Q(**{f"{f}__icontains": word}) for f in fields))
            )
    return queryset


def search(query: str, limit: int = 20) -> dict[str, list[Any]]:
    """What anybody may see that matches ``query``, by kind."""
    return {
        "actors": list(filter_text(Actor.objects.listed(), query)[:limit]),
        "initiatives": list(filter_text(Initiative.objects.published(), query)[:limit]),
        "events": list(filter_text(Event.objects.public(), query)[:limit]),
        "resources": list(filter_text(Resource.objects.filter(is_published=True), query)[:limit]),
    }
