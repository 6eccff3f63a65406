"""Writes to the SWOT analysis: every change goes through a function here."""

from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_update_with_history

from municipalities.models import PhaseChange, Trajectory
from municipalities.services import trajectory_follow_work
from swot.indicators import suggestions_for
from swot.models import IndicatorDecision, Strategy, SwotAnalysis, SwotItem

# What a coordinator may change in a suggestion before accepting it ("edit then accept"):
# the fields of the item form, and the priority.
ACCEPT_OVERRIDES = {
    "theme",
    "quadrant",
    "statement",
    "explanation",
    "priority",
    "age_groups",
    "evidence_figures",
    "source_name",
    "source_url",
    "source_date",
    *SwotItem.EVIDENCE_FIELDS,
}

# Where each kind of evidence belongs to a trajectory.
_EVIDENCE_SCOPE = {
    "evidence_schools": "trajectory",
    "evidence_sites": "school__trajectory",
    "evidence_care_providers": "trajectory",
    "evidence_leisure_actors": "trajectory",
    "evidence_needs": "trajectory",
    "evidence_children_counts": "trajectory",
}


# An item added moves a trajectory still in its intake on to the SWOT (follows_work).
_FIRST_ITEM = PhaseChange.Trigger.SWOT_STARTED


class SwotError(Exception):
    """A change the rules refuse; ``message`` is shown to the user as it is."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _ensure_open(analysis: SwotAnalysis) -> None:
    if not analysis.is_current:
        raise SwotError(_("This SWOT round is closed; only the current round can be changed."))


def _open_suggestion(analysis: SwotAnalysis, key: str):
    for suggestion in suggestions_for(analysis):
        if suggestion.key == key:
            return suggestion
    raise SwotError(_("This suggestion is no longer available."))


def _record_decision(*, analysis, key: str, decision: str, by) -> IndicatorDecision:
    # The unique (analysis, key) constraint settles two people answering the same
    # suggestion at once: the second one is told it is gone.
    try:
        with transaction.atomic():
            return IndicatorDecision.objects.create(
                analysis=analysis, key=key, decision=decision, decided_by=by
            )
    except IntegrityError:
        raise SwotError(_("This suggestion is no longer available.")) from None


def _evidence_pks(analysis: SwotAnalysis, name: str, records) -> list[int]:
    """The pks of edited evidence, refused unless all of it is this trajectory's intake."""
    pks = {getattr(record, "pk", record) for record in records or []}
    model = SwotItem._meta.get_field(name).related_model
    scope = {_EVIDENCE_SCOPE[name]: analysis.trajectory_id}
    if model.objects.filter(pk__in=pks, **scope).count() != len(pks):
        raise SwotError(_("Evidence can only come from this trajectory's intake."))
    return sorted(pks)


@transaction.atomic
def suggestion_accept(*, analysis: SwotAnalysis, key: str, by, **overrides) -> SwotItem:
    """Turn a computed suggestion into a SWOT item citing its evidence.

    ``overrides`` (see ``ACCEPT_OVERRIDES``) replace what the suggestion proposes, for a
    suggestion edited before it is accepted. Without a priority the item comes last in
    its quadrant.
    """
    unknown = set(overrides) - ACCEPT_OVERRIDES
    if unknown:
        raise TypeError(f"Unknown override(s): {', '.join(sorted(unknown))}")
    _ensure_open(analysis)
    suggestion = _open_suggestion(analysis, key)
    _record_decision(
        analysis=analysis, key=key, decision=IndicatorDecision.Decision.ACCEPTED, by=by
    )

    evidence = dict(suggestion.evidence)
    for name in SwotItem.EVIDENCE_FIELDS:
        if name in overrides:
            evidence[name] = _evidence_pks(analysis, name, overrides.pop(name))
    values = {
        "theme": suggestion.theme,
        "quadrant": suggestion.quadrant,
        "statement": suggestion.statement,
        "explanation": suggestion.explanation,
        "age_groups": list(suggestion.age_groups),
        "evidence_figures": suggestion.figures,
        **overrides,
    }
    if "priority" not in overrides:
        values["priority"] = item_next_priority(analysis, values["quadrant"])
    item = SwotItem(analysis=analysis, author=by, indicator_key=key, **values)
    item.full_clean()
    item.save()
    for name, pks in evidence.items():
        getattr(item, name).set(pks)
    trajectory_follow_work(trajectory=analysis.trajectory, trigger=_FIRST_ITEM, by=by)
    return item


@transaction.atomic
def suggestion_dismiss(*, analysis: SwotAnalysis, key: str, by) -> IndicatorDecision:
    """Set a computed suggestion aside for this analysis; it is not suggested again."""
    _ensure_open(analysis)
    _open_suggestion(analysis, key)
    return _record_decision(
        analysis=analysis, key=key, decision=IndicatorDecision.Decision.DISMISSED, by=by
    )


def analysis_start(*, trajectory: Trajectory) -> SwotAnalysis:
    """Start the SWOT of a trajectory, or a new round that carries the current one forward.

    Earlier rounds stay as they were, read-only; the new round starts from copies of their
    items (with evidence) and strategies.
    """
    with transaction.atomic():
        previous = (
            SwotAnalysis.objects.select_for_update()
            .filter(trajectory=trajectory, is_current=True)
            .first()
        )
        if previous is None:
            return SwotAnalysis.objects.create(trajectory=trajectory, round=1)
        previous.is_current = False
        previous.closed_at = timezone.now()
        previous.save(update_fields=["is_current", "closed_at"])
        analysis = SwotAnalysis.objects.create(trajectory=trajectory, round=previous.round + 1)
        copies = {}
        for item in previous.items.with_evidence():
            evidence = {name: list(getattr(item, name).all()) for name in SwotItem.EVIDENCE_FIELDS}
            original_pk = item.pk
            item.pk = None
            item.analysis = analysis
            item.save()
            for name, records in evidence.items():
                getattr(item, name).set(records)
            copies[original_pk] = item
        for strategy in previous.strategies.prefetch_related("items"):
            cited = [copies[item.pk] for item in strategy.items.all()]
            strategy.pk = None
            strategy.analysis = analysis
            strategy.save()
            strategy.items.set(cited)
        return analysis


def item_next_priority(analysis: SwotAnalysis, quadrant: str) -> int:
    highest = analysis.items.filter(quadrant=quadrant).aggregate(Max("priority"))["priority__max"]
    return (highest or 0) + 1


def item_add(*, item: SwotItem, by) -> SwotItem:
    """Add an item at the bottom of its quadrant."""
    item.author = by
    item.priority = item_next_priority(item.analysis, item.quadrant)
    item.full_clean()
    item.save()
    trajectory_follow_work(trajectory=item.analysis.trajectory, trigger=_FIRST_ITEM, by=by)
    return item


@transaction.atomic
def item_update(*, item: SwotItem, old_quadrant: str, save: Callable[[], object]) -> SwotItem:
    """Save an edited item (``save`` writes it and its evidence). An item moved to another
    quadrant goes to the bottom there, and its old quadrant's priorities close up."""
    if item.quadrant != old_quadrant:
        item.priority = item_next_priority(item.analysis, item.quadrant)
    save()
    item_renumber(analysis=item.analysis, quadrant=old_quadrant)
    return item


def item_move(*, item: SwotItem, offset: int) -> None:
    """Move an item up (negative offset) or down its quadrant; priorities stay 1, 2, 3…"""
    with transaction.atomic():
        items = list(
            SwotItem.objects.select_for_update()
            .filter(analysis=item.analysis, quadrant=item.quadrant)
            .order_by("priority", "pk")
        )
        index = next(i for i, other in enumerate(items) if other.pk == item.pk)
        target = max(0, min(len(items) - 1, index + offset))
        items.insert(target, items.pop(index))
        changed = []
        for priority, other in enumerate(items, start=1):
            if other.priority != priority:
                other.priority = priority
                changed.append(other)
        bulk_update_with_history(changed, SwotItem, ["priority"])


@transaction.atomic
def item_delete(*, item: SwotItem) -> None:
    """Delete an item; the items below it in its quadrant move up."""
    item.delete()
    item_renumber(analysis=item.analysis, quadrant=item.quadrant)


def item_renumber(*, analysis: SwotAnalysis, quadrant: str) -> None:
    """Close the gaps a deleted or moved item leaves in its quadrant's priorities."""
    items = analysis.items.filter(quadrant=quadrant).order_by("priority", "pk")
    changed = []
    for priority, item in enumerate(items, start=1):
        if item.priority != priority:
            item.priority = priority
            changed.append(item)
    bulk_update_with_history(changed, SwotItem, ["priority"])


def item_park(*, item: SwotItem, reason: str) -> None:
    reason = reason.strip()
    if not reason:
        raise SwotError(_("A parked item needs a reason."))
    item.is_parked = True
    item.parked_reason = reason
    item.save(update_fields=["is_parked", "parked_reason", "updated_at"])


def item_unpark(*, item: SwotItem) -> None:
    item.is_parked = False
    item.parked_reason = ""
    item.save(update_fields=["is_parked", "parked_reason", "updated_at"])


@transaction.atomic
def strategy_save(*, strategy: Strategy, items: list[SwotItem]) -> Strategy:
    """Save a TOWS strategy with the items it cites, after checking the TOWS rule."""
    foreign = [item for item in items if item.analysis_id != strategy.analysis_id]
    if foreign:
        raise SwotError(_("A strategy can only cite items of its own SWOT analysis."))
    Strategy.check_items(strategy.kind, items)
    strategy.full_clean()
    strategy.save()
    strategy.items.set(items)
    return strategy
