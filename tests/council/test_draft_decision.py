"""The draft council decision is drafted from the approved version's frozen snapshot: its
articles quote the version number, the full hash and the budget per year, and nothing done to
the plan afterwards changes it."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from actionplans import services
from actionplans.models import BudgetLine
from council.drafting import NotApproved, draft_decision_for
from council.models import DraftDecision

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 12, 3, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def submitted(plan_a, coordinator):
    # plan_a plans personnel 18,500.00 in 2026; one more line in 2027 makes two years.
    BudgetLine.objects.create(
        action=plan_a["action"], category="activities", year=2027, amount=Decimal("1234.56")
    )
    return services.plan_submit(plan=plan_a["plan"], by=coordinator)


@pytest.fixture
def approved(submitted, plan_a, official_a):
    services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)
    return submitted


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def _packet(version) -> str:
    return reverse("council_decision:packet", args=[version.plan.trajectory_id, version.number])


def test_the_articles_quote_the_version_its_full_hash_and_the_budget_per_year(approved):
    draft = draft_decision_for(approved)

    approval, budget, mandate = draft.articles
    # The draft is written in Dutch whatever the reader's language: English until the
    # catalogue has these strings.
    assert re.search(rf"\b(version|versie) {approved.number}\b", approval)
    assert approved.content_hash in approval
    assert len(approved.content_hash) == 64
    # Hand-computed: 18,500.00 in 2026, 1,234.56 in 2027, nothing in 2028–2031; Belgian format.
    assert "2026: € 18.500,00" in budget
    assert "2027: € 1.234,56" in budget
    assert "2031: € 0,00" in budget
    assert "€ 19.734,56" in budget
    assert "college van burgemeester en schepenen" in mandate
    assert re.search(rf"Sint-Truiden 2026–2031, (version|versie) {approved.number}$", draft.title)
    assert len(draft.legal_grounds.splitlines()) == 3
    assert "22 december 2017" in draft.legal_grounds.lower()
    assert re.search(r"3 (May|mei) 2019", draft.legal_grounds)
    assert "IN-Z vzw" in draft.legal_grounds


def test_the_motivation_sums_up_the_frozen_swot_and_the_objectives(approved):
    draft = draft_decision_for(approved)

    assert "Erkende IBO in het centrum" in draft.motivation
    assert "Geen naschoolse opvang in Velm" in draft.motivation
    assert "BD1 Elk kind een plek na school" in draft.motivation


def test_a_later_edit_of_the_plan_and_a_new_version_change_nothing_in_the_draft(
    approved, plan_a, coordinator, official_a, swot_a
):
    draft = draft_decision_for(approved)
    before = DraftDecision.objects.values().get(pk=draft.pk)

    services.plan_amend(plan=plan_a["plan"], reason="Meer opvang in 2027", by=coordinator)
    BudgetLine.objects.filter(year=2026).update(amount=Decimal("99999.00"))
    swot_a["S1"].statement = "Iets anders"
    swot_a["S1"].save()
    newer = services.plan_submit(plan=plan_a["plan"], by=coordinator)
    services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)

    assert DraftDecision.objects.values().get(pk=draft.pk) == before
    assert draft_decision_for(approved).articles == before["articles"]
    # The newer version gets its own draft, with its own figures.
    assert "€ 99.999,00" in draft_decision_for(newer).articles[1]
    assert "€ 99.999,00" not in before["articles"][1]


def test_a_version_not_approved_gets_no_draft_and_its_packet_says_approve_first(
    submitted, official_a
):
    with pytest.raises(NotApproved):
        draft_decision_for(submitted)

    response = _client(official_a).get(_packet(submitted))

    assert response.status_code == 200
    assert "is not approved" in response.content.decode()
    assert not DraftDecision.objects.exists()


def test_the_packet_shows_the_draft_and_its_downloads(approved, official_a):
    response = _client(official_a).get(_packet(approved))

    page = response.content.decode()
    assert response.status_code == 200
    assert approved.content_hash in page
    assert "Legal grounds" in page
    assert "Article 3" in page
    for name in ("pdf", "docx", "html", "jsonld", "edit"):
        url = reverse(f"council_decision:{name}", args=[approved.plan.trajectory_id, 1])
        assert url in page
    assert DraftDecision.objects.get().version == approved


def test_a_coordinator_reads_the_packet_without_an_edit_button(approved, coordinator):
    response = _client(coordinator).get(_packet(approved))

    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("council_decision:edit", args=[approved.plan.trajectory_id, 1]) not in page


@pytest.mark.parametrize(
    "persona", ["official_b", "coordinator_b", "coordinator_without_membership"]
)
def test_outsiders_get_404(request, approved, persona):
    client = _client(request.getfixturevalue(persona))

    assert client.get(_packet(approved)).status_code == 404
    assert not DraftDecision.objects.exists()
