"""What the SWOT matrix shows, read once per state of the data behind it.

The four quadrants' item lists, the open intake suggestions and the weaknesses without a
strategy are the page's whole cost. The lists and the weaknesses change only when a record of
the SWOT or a comment is written, so the page caches them by ``data_state`` of those apps (one
query): the rendered lists in the template (``{% cache … matrix_key %}``), the counts here. The
suggestions also follow the trajectory's intake, so their count adds ``intake_state`` (one
query) to the key. The items are read lazily: a page served from the cache reads none.
"""

from functools import cached_property

from django.core.cache import cache
from django.db.models import Count
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy

from plus_portal.comments import with_open_comment_count
from plus_portal.data_state import cache_key
from swot.indicators import intake_state, open_suggestion_count
from swot.models import Quadrant, SwotAnalysis

#: The apps whose records the matrix lists: items, their evidence and strategies; comments.
MATRIX_APPS = ("swot", "plus_portal")
MATRIX_CACHE_SECONDS = 24 * 3600

QUADRANT_TITLES = {
    Quadrant.STRENGTH: gettext_lazy("Strengths"),
    Quadrant.WEAKNESS: gettext_lazy("Weaknesses"),
    Quadrant.OPPORTUNITY: gettext_lazy("Opportunities"),
    Quadrant.THREAT: gettext_lazy("Threats"),
}


def matrix_key(analysis: SwotAnalysis, filters: dict, *, can_edit: bool) -> str:
    """Changes with the data behind the matrix, the filters, the language and what the
    viewer may do (an editor's cards carry move and edit buttons)."""
    parts = (analysis.pk, filters["theme"], filters["age_group"], can_edit)
    return cache_key("swot-matrix", *parts, apps=MATRIX_APPS)


class _ItemsByQuadrant:
    """The analysis's items, filtered, by quadrant code: one query, on first use."""

    def __init__(self, analysis: SwotAnalysis, filters: dict):
        self.analysis = analysis
        self.filters = filters

    @cached_property
    def lists(self) -> dict[str, list]:
        items = with_open_comment_count(
            self.analysis.items.with_support().annotate(strategy_count=Count("strategies"))
        ).order_by("priority", "pk")
        if self.filters["theme"]:
            items = items.filter(theme=self.filters["theme"])
        by_quadrant = {quadrant: [] for quadrant in Quadrant.values}
        for item in items:
            if not self.filters["age_group"] or self.filters["age_group"] in item.age_groups:
                by_quadrant[item.quadrant].append(item)
        return by_quadrant


def quadrants(analysis: SwotAnalysis, filters: dict) -> list[dict]:
    """The four quadrants, each with its (lazily read) items."""
    items = _ItemsByQuadrant(analysis, filters)
    return [
        {
            "code": code,
            "label": QUADRANT_TITLES[code],
            "singular": label,
            "items": SimpleLazyObject(lambda code=code: items.lists[code]),
        }
        for code, label in Quadrant.choices
    ]


def matrix_counts(analysis: SwotAnalysis, key: str, *, can_edit: bool) -> dict[str, int]:
    """Open intake suggestions (for an editor) and weaknesses or threats without a strategy."""
    key = f"swot-matrix-counts:{key}:{intake_state(analysis.trajectory) if can_edit else ''}"
    counts = cache.get(key)
    if counts is None:
        counts = {
            "suggestion_count": open_suggestion_count(analysis) if can_edit else 0,
            "unaddressed_count": analysis.items.unaddressed().count(),
        }
        cache.set(key, counts, timeout=MATRIX_CACHE_SECONDS)
    return counts
