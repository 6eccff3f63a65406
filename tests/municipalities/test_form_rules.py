"""Intake forms refuse what the models' constraints refuse, with the constraints' messages."""

from django.core.exceptions import NON_FIELD_ERRORS

from municipalities.forms import ChildrenCountForm, CooperationAgreementForm
from municipalities.models import ChildrenCount


def _agreement(trajectory, **values):
    data = {"status": "draft", "starts_on": "2026-01-01", "ends_on": "2031-12-31"}
    data["agreed_fte"] = "1"
    return CooperationAgreementForm({**data, **values}, trajectory=trajectory)


def test_an_agreement_ending_before_it_starts_is_refused(trajectory_a):
    form = _agreement(trajectory_a, ends_on="2025-12-31")
    assert form.has_error(NON_FIELD_ERRORS)
    assert _agreement(trajectory_a).is_valid()


def test_a_signed_agreement_needs_its_date(trajectory_a):
    assert _agreement(trajectory_a, status="signed").has_error(NON_FIELD_ERRORS)
    assert _agreement(trajectory_a, status="signed", signed_on="2025-12-15").is_valid()


def test_one_count_per_age_group_for_the_whole_municipality(trajectory_a, trajectory_b):
    ChildrenCount.objects.create(trajectory=trajectory_a, age_group="5-10", children=100)
    data = {"age_group": "5-10", "children": "120"}
    assert ChildrenCountForm(data, trajectory=trajectory_a).has_error(NON_FIELD_ERRORS)
    assert ChildrenCountForm(data, trajectory=trajectory_b).is_valid()
