"""Only the municipality's officials edit the draft decision: saved with its history, bad
input told next to the field with nothing saved, and a save over someone else's refused."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from actionplans import services
from council.drafting import draft_decision_for
from council.models import DraftDecision

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 12, 3, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=True):
        yield


@pytest.fixture
def draft(plan_a, coordinator, official_a):
    version = services.plan_submit(plan=plan_a["plan"], by=coordinator)
    services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)
    return draft_decision_for(version)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def _url(draft) -> str:
    return reverse(
        "council_decision:edit", args=[draft.version.plan.trajectory_id, draft.version.number]
    )


def _form(draft, **changes) -> dict:
    data = {
        "title": draft.title,
        "description": draft.description,
        "legal_grounds": draft.legal_grounds,
        "motivation": draft.motivation,
        "articles_text": "\n\n".join(draft.articles),
        "opened_at": draft.updated_at.isoformat(),
    }
    return data | changes


def test_an_official_edits_title_grounds_and_articles_and_the_history_keeps_it(draft, official_a):
    client = _client(official_a)
    assert client.get(_url(draft)).status_code == 200

    response = client.post(
        _url(draft),
        _form(
            draft,
            title="Goedkeuring PLUS-actieplan",
            legal_grounds="Decreet lokaal bestuur\n\n  Het BOA-decreet  \n",
            articles_text="Artikel 1. De raad keurt goed.\r\n\r\nArt. 2: Budget.\n2026: € 1\n\n"
            "De raad geeft opdracht.\n\nDit besluit wordt bekendgemaakt.",
        ),
        follow=True,
    )

    assert response.status_code == 200
    assert "The draft decision is saved" in response.content.decode()
    draft.refresh_from_db()
    assert draft.title == "Goedkeuring PLUS-actieplan"
    assert draft.legal_grounds == "Decreet lokaal bestuur\nHet BOA-decreet"
    # Numbers typed by hand are dropped (the position numbers them); a fourth article added.
    assert draft.articles == [
        "De raad keurt goed.",
        "Budget.\n2026: € 1",
        "De raad geeft opdracht.",
        "Dit besluit wordt bekendgemaakt.",
    ]
    assert draft.updated_by == official_a
    assert draft.history.count() == 2
    assert draft.history.first().history_user == official_a


def test_before_any_edit_the_packet_says_the_portal_drafted_it(draft, official_a):
    """Opening the packet first drafts the text; that is not an edit by whoever opened it."""
    packet = reverse(
        "council_decision:packet", args=[draft.version.plan.trajectory_id, draft.version.number]
    )
    page = _client(official_a).get(packet).content.decode()

    assert draft.updated_by is None
    assert "Drafted by the portal on" in page
    assert "Last edited by" not in page


def test_removing_an_article_renumbers_the_rest(draft, official_a):
    first, _budget, mandate = draft.articles

    _client(official_a).post(_url(draft), _form(draft, articles_text=f"{first}\n\n{mandate}"))

    draft.refresh_from_db()
    assert draft.articles == [first, mandate]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "This field is required"),
        ({"articles_text": "Artikel 1.\n\nArt. 2:"}, "A decision has at least one article."),
        ({"legal_grounds": "\n \n"}, "This field is required"),
        ({"opened_at": "abc"}, "This form is out of date"),
    ],
)
def test_bad_input_is_told_and_nothing_is_saved(draft, official_a, changes, message):
    before = DraftDecision.objects.values().get(pk=draft.pk)

    response = _client(official_a).post(_url(draft), _form(draft, motivation="Nieuw", **changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert DraftDecision.objects.values().get(pk=draft.pk) == before
    assert draft.history.count() == 1


def test_a_save_over_someone_elses_is_refused(draft, official_a):
    opened = _form(draft, title="Mijn titel")
    _client(official_a).post(_url(draft), _form(draft, title="Hun titel"))

    response = _client(official_a).post(_url(draft), opened)

    assert "Someone else saved" in response.content.decode()
    draft.refresh_from_db()
    assert draft.title == "Hun titel"


def test_a_coordinator_reads_but_may_not_edit(draft, coordinator):
    client = _client(coordinator)
    before = DraftDecision.objects.values().get(pk=draft.pk)

    assert client.get(_url(draft)).status_code == 403
    assert client.post(_url(draft), _form(draft, title="Van IN-Z")).status_code == 403
    assert DraftDecision.objects.values().get(pk=draft.pk) == before


def test_an_official_of_another_municipality_gets_404(draft, official_b):
    client = _client(official_b)

    assert client.get(_url(draft)).status_code == 404
    assert client.post(_url(draft), _form(draft, title="Tienen")).status_code == 404
    draft.refresh_from_db()
    assert draft.title != "Tienen"


def test_a_version_not_approved_has_no_form(plan_a, coordinator, official_a):
    version = services.plan_submit(plan=plan_a["plan"], by=coordinator)
    url = reverse("council_decision:edit", args=[plan_a["plan"].trajectory_id, version.number])

    assert _client(official_a).get(url).status_code == 404
