"""Money is planned within the trajectory's cycle, and can be typed for several years at once."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actionplans.models import BudgetLine, FundingSource

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture
def coordinator_client(coordinator_client):
    # The messages asserted here are new; they are read in English.
    coordinator_client.cookies["django_language"] = "en"
    return coordinator_client


def form_data(response) -> dict:
    """What the browser sends back for an untouched action form (main form and formsets)."""
    data = {}
    forms = [response.context["form"]]
    for formset in response.context["formsets"].values():
        forms.append(formset.management_form)
        forms += list(formset)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None or value is False or value == "":
                continue
            if value is True:
                data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(item) for item in value]
            elif isinstance(value, datetime.date):
                data[key] = value.isoformat()
            else:
                data[key] = str(value)
    return data


def _edit_url(trajectory, action):
    return reverse(
        "actionplans:part_update",
        kwargs={"trajectory_pk": trajectory.pk, "kind": "action", "pk": action.pk},
    )


@pytest.mark.parametrize("model", [BudgetLine, FundingSource])
@pytest.mark.parametrize(
    ("year", "valid"), [(2025, False), (2026, True), (2031, True), (2032, False)]
)
def test_a_year_outside_the_cycle_is_refused_by_the_model(plan_a, model, year, valid):
    kind = {"category": "personnel"} if model is BudgetLine else {"kind": "municipal"}
    record = model(action=plan_a["action"], year=year, amount=Decimal("10"), **kind)
    if valid:
        record.full_clean()
        return
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    assert refused.value.message_dict["year"] == [
        f"{year} lies outside the planning cycle 2026–2031."
    ]


def test_the_action_form_shows_the_cycle_message_next_to_the_year(
    coordinator_client, trajectory_a, plan_a
):
    url = _edit_url(trajectory_a, plan_a["action"])
    data = form_data(coordinator_client.get(url))
    data |= {"budget-1-category": "activities", "budget-1-year": "2035", "budget-1-amount": "50"}

    response = coordinator_client.post(url, data)

    assert response.status_code == 200
    form = response.context["formsets"]["budget"].forms[1]
    assert form.errors["year"] == ["2035 lies outside the planning cycle 2026–2031."]
    assert not BudgetLine.objects.filter(year=2035).exists()


def test_one_line_for_several_years_makes_one_row_per_year(
    coordinator_client, trajectory_a, plan_a
):
    action = plan_a["action"]
    url = _edit_url(trajectory_a, action)
    data = form_data(coordinator_client.get(url))
    data |= {
        "budget-1-category": "activities",
        "budget-1-year": "2027",
        "budget-1-until_year": "2029",
        "budget-1-amount": "12000",
        "funding-1-kind": "municipal",
        "funding-1-year": "2027",
        "funding-1-until_year": "2029",
        "funding-1-amount": "12000",
    }

    response = coordinator_client.post(url, data)

    assert response.status_code == 302
    lines = action.budget_lines.filter(category="activities")
    assert sorted(lines.values_list("year", "amount")) == [
        (2027, Decimal("12000.00")),
        (2028, Decimal("12000.00")),
        (2029, Decimal("12000.00")),
    ]
    sources = action.funding.filter(kind="municipal")
    assert sorted(sources.values_list("year", flat=True)) == [2027, 2028, 2029]
    # The rows that were there stay as they were.
    assert action.budget_lines.filter(category="personnel", year=2026).count() == 1


def test_several_years_reaching_past_the_cycle_save_nothing(
    coordinator_client, trajectory_a, plan_a
):
    action = plan_a["action"]
    url = _edit_url(trajectory_a, action)
    data = form_data(coordinator_client.get(url))
    data |= {
        "title": "Een nieuwe titel",
        "budget-1-category": "activities",
        "budget-1-year": "2030",
        "budget-1-until_year": "2033",
        "budget-1-amount": "100",
    }

    response = coordinator_client.post(url, data)

    assert response.status_code == 200
    form = response.context["formsets"]["budget"].forms[1]
    assert form.errors["until_year"] == ["2032 lies outside the planning cycle 2026–2031."]
    action.refresh_from_db()
    assert action.title == "Naschoolse opvang in Velm"
    assert not action.budget_lines.filter(category="activities").exists()


def test_the_last_year_cannot_come_before_the_first(coordinator_client, trajectory_a, plan_a):
    url = _edit_url(trajectory_a, plan_a["action"])
    data = form_data(coordinator_client.get(url))
    data |= {
        "funding-1-kind": "partner",
        "funding-1-year": "2029",
        "funding-1-until_year": "2027",
        "funding-1-amount": "100",
    }

    response = coordinator_client.post(url, data)

    form = response.context["formsets"]["funding"].forms[1]
    assert form.errors["until_year"] == ["The last year cannot come before the first."]
    assert not FundingSource.objects.filter(kind="partner").exists()


def test_a_new_action_gets_its_years_checked_too(coordinator_client, trajectory_a, plan_a):
    url = reverse(
        "actionplans:part_create", kwargs={"trajectory_pk": trajectory_a.pk, "kind": "action"}
    )
    parent = plan_a["action_plan"].pk
    data = form_data(coordinator_client.get(url, {"parent": parent}))
    data |= {
        "parent": str(parent),
        "title": "Vakantiewerking",
        "age_groups": ["5-10"],
        "budget-0-category": "activities",
        "budget-0-year": "2030",
        "budget-0-until_year": "2031",
        "budget-0-amount": "500",
    }

    response = coordinator_client.post(url, data)

    assert response.status_code == 302
    lines = BudgetLine.objects.filter(action__title="Vakantiewerking")
    assert sorted(lines.values_list("year", flat=True)) == [2030, 2031]
