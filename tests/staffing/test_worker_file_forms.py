"""Coordinators keep a worker's POP, competences, qualifications, availability, milestones and
training in the portal (never the admin), with the model's rules and the history shown;
officials and coordinators of other municipalities get 404."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from staffing.models import (
    Availability,
    DevelopmentPlan,
    ImprovementAction,
    Milestone,
    Placement,
    Training,
    WorkerCompetence,
)
from tests.staffing.factories import CompetenceFactory, WorkerFactory

D = datetime.date

pytestmark = pytest.mark.django_db

SECTIONS = ["competences", "qualifications", "availability", "milestones", "trainings"]


@pytest.fixture
def worker(trajectory_a):
    worker = WorkerFactory(first_name="Ahmed", last_name="Benali")
    Placement.objects.create(
        worker=worker,
        trajectory=trajectory_a,
        central_site_name="Centrale opvang",
        starts_on=D(2026, 9, 1),
        ends_on=D(2027, 6, 30),
        hours_per_week=Decimal("10"),
    )
    return worker


def _english(client):
    client.cookies["django_language"] = "en"
    return client


def _management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "50",
    }


def _pop_data(actions: list[tuple[str, str, str]]) -> dict:
    data = {
        "current_competences": "Begeleidt groepen",
        "target_competences": "Zelfstandig een werking dragen",
        "reviewed_on": "2026-11-20",
        **_management("actions", max(len(actions), 2)),
    }
    for index, (description, owner, due_on) in enumerate(actions):
        data |= {
            f"actions-{index}-description": description,
            f"actions-{index}-owner": owner,
            f"actions-{index}-due_on": due_on,
        }
    return data


def _pop_url(worker):
    return reverse("staffing:worker_pop", kwargs={"pk": worker.pk})


def test_coordinator_makes_a_pop_with_two_actions_and_sees_its_history(coordinator_client, worker):
    response = coordinator_client.post(
        _pop_url(worker),
        _pop_data(
            [
                ("Opleiding kinderbegeleider", "Joris", "2027-01-31"),
                ("Oudergesprekken mee voeren", "Ahmed", "2027-02-28"),
            ]
        ),
    )
    assert response.status_code == 302
    pop = DevelopmentPlan.objects.get(worker=worker)
    assert pop.reviewed_on == D(2026, 11, 20)
    assert [a.owner for a in pop.actions.all()] == ["Joris", "Ahmed"]
    page = coordinator_client.get(_pop_url(worker))
    assert "Opleiding kinderbegeleider" in page.text  # the form and the history
    assert ImprovementAction.history.filter(pop_id=pop.pk).count() == 2
    assert len(page.context["history"]) == 3  # the POP and its two actions


def test_a_pop_with_one_action_is_refused_and_nothing_is_saved(coordinator_client, worker):
    response = _english(coordinator_client).post(
        _pop_url(worker), _pop_data([("Opleiding kinderbegeleider", "Joris", "2027-01-31")])
    )
    assert response.status_code == 200
    assert "A POP needs at least 2 improvement actions" in response.text
    assert not DevelopmentPlan.objects.filter(worker=worker).exists()
    assert not ImprovementAction.objects.exists()


def test_deleting_an_action_below_two_is_refused(coordinator_client, worker):
    pop = DevelopmentPlan.objects.create(
        worker=worker, current_competences="a", target_competences="b", reviewed_on=D(2026, 1, 1)
    )
    first = ImprovementAction.objects.create(
        pop=pop, description="A", owner="X", due_on=D(2027, 1, 1)
    )
    second = ImprovementAction.objects.create(
        pop=pop, description="B", owner="Y", due_on=D(2027, 2, 1)
    )
    data = _pop_data([]) | _management("actions", 2, initial=2)
    for index, action in enumerate([first, second]):
        data |= {
            f"actions-{index}-id": str(action.pk),
            f"actions-{index}-pop": str(pop.pk),
            f"actions-{index}-description": action.description,
            f"actions-{index}-owner": action.owner,
            f"actions-{index}-due_on": action.due_on.isoformat(),
        }
    data["actions-1-DELETE"] = "on"
    response = _english(coordinator_client).post(_pop_url(worker), data)
    assert response.status_code == 200
    assert "A POP needs at least 2 improvement actions" in response.text
    assert pop.actions.count() == 2
    pop.refresh_from_db()
    assert pop.reviewed_on == D(2026, 1, 1)


def test_an_action_needs_an_owner_and_a_due_date(coordinator_client, worker):
    response = coordinator_client.post(
        _pop_url(worker), _pop_data([("Opleiding", "", "2027-01-31"), ("Gesprekken", "Ahmed", "")])
    )
    assert response.status_code == 200
    formset = response.context["formset"]
    assert "owner" in formset.forms[0].errors
    assert "due_on" in formset.forms[1].errors
    assert not DevelopmentPlan.objects.exists()


def test_coordinator_keeps_competences_and_deletes_one(coordinator_client, worker):
    care, first_aid = CompetenceFactory(name="Kinderopvang"), CompetenceFactory(name="EHBO")
    url = reverse("staffing:worker_competences", kwargs={"pk": worker.pk})
    data = _management("rows", 2) | {
        "rows-0-competence": str(care.pk),
        "rows-0-level": "2",
        "rows-1-competence": str(first_aid.pk),
        "rows-1-level": "3",
    }
    assert coordinator_client.post(url, data).status_code == 302
    rows = {c.competence.name: c for c in WorkerCompetence.objects.filter(worker=worker)}
    assert {name: row.level for name, row in rows.items()} == {"Kinderopvang": 2, "EHBO": 3}
    data = _management("rows", 2, initial=2)
    for index, row in enumerate(rows.values()):
        data |= {
            f"rows-{index}-id": str(row.pk),
            f"rows-{index}-worker": str(worker.pk),
            f"rows-{index}-competence": str(row.competence_id),
            f"rows-{index}-level": str(row.level),
        }
    data["rows-1-DELETE"] = "on"
    assert coordinator_client.post(url, data).status_code == 302
    assert WorkerCompetence.objects.filter(worker=worker).count() == 1
    page = coordinator_client.get(url)
    kinds = [entry.kind for entry in page.context["history"]]
    assert len(kinds) == 3  # two created, one deleted: the deleted row stays in the history
    assert str(kinds[0]) in {"deleted", "verwijderd"}


def test_availability_must_end_after_it_starts(coordinator_client, worker):
    url = reverse("staffing:worker_availability", kwargs={"pk": worker.pk})
    data = _management("rows", 1) | {
        "rows-0-weekday": "2",
        "rows-0-starts_at": "12:00",
        "rows-0-ends_at": "08:00",
    }
    response = _english(coordinator_client).post(url, data)
    assert response.status_code == 200
    assert "The available time must end after it starts." in response.text
    assert not Availability.objects.filter(worker=worker).exists()


def test_a_wednesday_morning_can_be_recorded(coordinator_client, worker):
    url = reverse("staffing:worker_availability", kwargs={"pk": worker.pk})
    data = _management("rows", 1) | {
        "rows-0-weekday": "2",
        "rows-0-starts_at": "07:00",
        "rows-0-ends_at": "08:30",
    }
    assert coordinator_client.post(url, data).status_code == 302
    assert Availability.objects.get(worker=worker).weekday == 2


def test_a_milestone_needs_a_date(coordinator_client, worker):
    url = reverse("staffing:worker_milestones", kwargs={"pk": worker.pk})
    data = _management("rows", 1) | {"rows-0-kind": Milestone.Kind.EVALUATION}
    response = _english(coordinator_client).post(url, data)
    assert response.status_code == 200
    assert "Give the date it is planned on, or the date it was done." in response.text
    data["rows-0-planned_on"] = "2027-01-15"
    assert coordinator_client.post(url, data).status_code == 302
    assert Milestone.objects.get(worker=worker).planned_on == D(2027, 1, 15)


def test_training_hours_are_positive(coordinator_client, worker):
    url = reverse("staffing:worker_trainings", kwargs={"pk": worker.pk})
    data = _management("rows", 1) | {
        "rows-0-kind": Training.Kind.COURSE,
        "rows-0-title": "EHBO bij kinderen",
        "rows-0-hours": "0",
        "rows-0-taken_on": "2026-10-01",
    }
    assert coordinator_client.post(url, data).status_code == 200
    data["rows-0-hours"] = "8"
    assert coordinator_client.post(url, data).status_code == 302
    assert Training.objects.get(worker=worker).hours == Decimal("8")


def _urls(worker):
    return [_pop_url(worker)] + [
        reverse(f"staffing:worker_{section}", kwargs={"pk": worker.pk}) for section in SECTIONS
    ]


def test_every_form_opens_for_the_coordinator_and_the_administrator(
    coordinator_client, administrator_client, worker
):
    for url in _urls(worker):
        assert coordinator_client.get(url).status_code == 200, url
        assert administrator_client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["official_a_client", "official_b_client", "coordinator_b"])
def test_officials_and_other_coordinators_get_404_and_change_nothing(
    request, persona, worker, client
):
    if persona == "coordinator_b":
        client.force_login(request.getfixturevalue("coordinator_b"))
    else:
        client = request.getfixturevalue(persona)
    for url in _urls(worker):
        assert client.get(url).status_code == 404, url
    post = _pop_data([("A", "X", "2027-01-31"), ("B", "Y", "2027-02-28")])
    assert client.post(_pop_url(worker), post).status_code == 404
    assert not DevelopmentPlan.objects.exists()


def test_worker_page_links_to_every_form(coordinator_client, worker):
    page = coordinator_client.get(reverse("staffing:worker", kwargs={"pk": worker.pk}))
    for url in _urls(worker):
        assert f'href="{url}"' in page.text, url
