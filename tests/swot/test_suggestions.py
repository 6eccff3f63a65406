"""Accepting a suggestion makes a SWOT item citing its evidence; dismissing sets it aside."""

import pytest
from django.core.exceptions import ValidationError

from municipalities.models import ChildrenCount
from swot.indicators import suggestions_for
from swot.models import IndicatorDecision, Quadrant, SwotItem, Theme
from swot.services import SwotError, suggestion_accept, suggestion_dismiss
from tests.municipalities.factories import CareProviderFactory, LeisureActorFactory
from tests.swot.factories import SwotAnalysisFactory, SwotItemFactory

pytestmark = pytest.mark.usefixtures("in_english")

KEY = "care-per-100:5-10"


@pytest.fixture
def analysis(trajectory_a):
    return SwotAnalysisFactory(trajectory=trajectory_a)


@pytest.fixture
def intake(trajectory_a):
    # Few care places (40 × 100 / 1000 = 4,0 per 100) and one actor outside the partnership.
    return {
        "children": ChildrenCount.objects.create(
            trajectory=trajectory_a, age_group="5-10", children=1000
        ),
        "provider": CareProviderFactory(trajectory=trajectory_a, capacity_5_10=40),
        "actor": LeisureActorFactory(trajectory=trajectory_a, in_partnership=False),
    }


def keys(analysis) -> set[str]:
    return {s.key for s in suggestions_for(analysis)}


def test_accept_creates_an_item_citing_the_evidence(analysis, intake, coordinator):
    SwotItemFactory(analysis=analysis, quadrant=Quadrant.WEAKNESS, priority=3)
    SwotItemFactory(analysis=analysis, quadrant=Quadrant.STRENGTH, priority=7)

    item = suggestion_accept(analysis=analysis, key=KEY, by=coordinator)

    item = SwotItem.objects.with_evidence().get(pk=item.pk)
    assert item.indicator_key == KEY
    assert item.author == coordinator
    assert item.theme == Theme.CHILDCARE
    assert item.quadrant == Quadrant.WEAKNESS
    assert item.statement == "Few care places for 5–10 years: 4,0 per 100 children"
    assert item.age_groups == ["5-10"]
    assert item.evidence_figures == (
        "Care places 5–10: 40; children 5–10: 1.000; 4,0 places per 100 children"
    )
    # Last in its quadrant: the weakness with priority 3 comes first.
    assert item.priority == 4
    assert list(item.evidence_care_providers.all()) == [intake["provider"]]
    assert list(item.evidence_children_counts.all()) == [intake["children"]]
    assert item.is_supported
    decision = IndicatorDecision.objects.get(analysis=analysis, key=KEY)
    assert decision.decision == IndicatorDecision.Decision.ACCEPTED
    assert decision.decided_by == coordinator
    assert KEY not in keys(analysis)
    assert "actors-outside-partnership" in keys(analysis)


def test_accept_honours_the_edits(analysis, intake, coordinator):
    SwotItemFactory(analysis=analysis, quadrant=Quadrant.THREAT, priority=2)

    item = suggestion_accept(
        analysis=analysis,
        key=KEY,
        by=coordinator,
        statement="Te weinig opvangplaatsen voor 5–10",
        explanation="Eigen toelichting",
        quadrant=Quadrant.THREAT,
    )

    item.refresh_from_db()
    assert item.statement == "Te weinig opvangplaatsen voor 5–10"
    assert item.explanation == "Eigen toelichting"
    assert item.quadrant == Quadrant.THREAT
    assert item.priority == 3  # next free in the quadrant it ends up in
    assert item.evidence_care_providers.count() == 1


def test_accept_with_edited_evidence_cites_what_was_chosen(analysis, intake, coordinator):
    other = CareProviderFactory(trajectory=analysis.trajectory, name="Speelplein")

    item = suggestion_accept(
        analysis=analysis,
        key=KEY,
        by=coordinator,
        evidence_care_providers=[other],
        source_name="Opgroeien",
    )

    assert list(item.evidence_care_providers.all()) == [other]
    # What was not edited is cited as suggested.
    assert list(item.evidence_children_counts.all()) == [intake["children"]]
    assert item.source_name == "Opgroeien"


def test_evidence_from_another_trajectory_is_refused(analysis, intake, coordinator, trajectory_b):
    foreign = CareProviderFactory(trajectory=trajectory_b)

    with pytest.raises(SwotError, match="this trajectory's intake"):
        suggestion_accept(
            analysis=analysis, key=KEY, by=coordinator, evidence_care_providers=[foreign]
        )
    assert not SwotItem.objects.exists()
    assert not IndicatorDecision.objects.exists()


def test_accept_with_a_priority_keeps_it(analysis, intake, coordinator):
    item = suggestion_accept(analysis=analysis, key=KEY, by=coordinator, priority=1)

    item.refresh_from_db()
    assert item.priority == 1


def test_an_invalid_edit_saves_nothing(analysis, intake, coordinator):
    with pytest.raises(ValidationError):
        suggestion_accept(analysis=analysis, key=KEY, by=coordinator, statement="x" * 201)

    assert not SwotItem.objects.exists()
    assert not IndicatorDecision.objects.exists()
    assert KEY in keys(analysis)


def test_dismiss_sets_the_suggestion_aside(analysis, intake, coordinator):
    decision = suggestion_dismiss(analysis=analysis, key=KEY, by=coordinator)

    assert decision.decision == IndicatorDecision.Decision.DISMISSED
    assert decision.decided_by == coordinator
    assert KEY not in keys(analysis)
    assert "actors-outside-partnership" in keys(analysis)
    assert not SwotItem.objects.exists()


def test_a_dismissed_suggestion_cannot_be_accepted(analysis, intake, coordinator):
    suggestion_dismiss(analysis=analysis, key=KEY, by=coordinator)

    with pytest.raises(SwotError, match="no longer available"):
        suggestion_accept(analysis=analysis, key=KEY, by=coordinator)


def test_accepting_a_gone_suggestion_is_refused(analysis, intake, coordinator):
    # The intake changed: 200 places, 200 × 100 / 1000 = 20.0 per 100, between the marks.
    intake["provider"].capacity_5_10 = 200
    intake["provider"].save(update_fields=["capacity_5_10"])

    with pytest.raises(SwotError, match="no longer available"):
        suggestion_accept(analysis=analysis, key=KEY, by=coordinator)
    with pytest.raises(SwotError):
        suggestion_dismiss(analysis=analysis, key="no-such-indicator", by=coordinator)
    assert not IndicatorDecision.objects.exists()


def test_an_item_with_the_indicator_key_hides_the_suggestion(analysis, intake):
    SwotItemFactory(analysis=analysis, indicator_key=KEY)

    assert KEY not in keys(analysis)


def test_decisions_of_another_round_do_not_count(analysis, intake, coordinator, trajectory_a):
    suggestion_dismiss(analysis=analysis, key=KEY, by=coordinator)
    analysis.is_current = False
    analysis.save(update_fields=["is_current"])
    next_round = SwotAnalysisFactory(trajectory=trajectory_a, round=2)

    assert KEY in keys(next_round)


def test_a_closed_round_is_refused(analysis, intake, coordinator):
    analysis.is_current = False
    analysis.save(update_fields=["is_current"])

    with pytest.raises(SwotError, match="closed"):
        suggestion_accept(analysis=analysis, key=KEY, by=coordinator)
    with pytest.raises(SwotError, match="closed"):
        suggestion_dismiss(analysis=analysis, key=KEY, by=coordinator)
