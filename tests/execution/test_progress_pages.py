"""The execution pages: the overview beside the plan in force, the per-action form, who may
read and who may write, and execution shown beside each action on the plan page."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from actionplans import services as plan_services
from execution import progress
from execution.models import ActionProgress, ProgressNote
from tests.actionplans.factories import ActionFactory, ActionSlotFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 12, 3, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture(autouse=True)
def local_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "test-progress-pages",
        }
    }
    cache.clear()


def _approve(plan, coordinator, official):
    plan_services.plan_submit(plan=plan, by=coordinator)
    plan_services.plan_decide(plan=plan, outcome="approved", reason="", by=official)


@pytest.fixture
def in_force(plan_a, coordinator, official_a):
    _approve(plan_a["plan"], coordinator, official_a)
    return plan_a


def _overview(trajectory) -> str:
    return reverse("progress:overview", kwargs={"trajectory_pk": trajectory.pk})


def _action_url(trajectory, action) -> str:
    return reverse("progress:action", kwargs={"trajectory_pk": trajectory.pk, "pk": action.pk})


def _english(client):
    client.cookies["django_language"] = "en"
    return client


FORM = {"status": "started", "reason": "", "progress": "25", "text": "", "day": "2026-12-02"}


def test_the_coordinator_records_status_progress_and_a_note(
    in_force, trajectory_a, coordinator_client, coordinator
):
    action = in_force["action"]
    data = {**FORM, "text": "Eerste weken goed gestart, 18 kinderen."}
    response = coordinator_client.post(_action_url(trajectory_a, action), data)
    assert response.status_code == 302
    record = ActionProgress.objects.get(action=action)
    assert (record.status, record.progress, record.updated_by) == ("started", 25, coordinator)
    note = ProgressNote.objects.get(action=action)
    assert (note.day, note.text, note.created_by) == (
        datetime.date(2026, 12, 2),
        "Eerste weken goed gestart, 18 kinderen.",
        coordinator,
    )
    page = _english(coordinator_client).get(response.url).text
    assert "Eerste weken goed gestart" in page
    assert "Started" in page


def test_a_drop_without_a_reason_is_shown_on_the_form(in_force, trajectory_a, coordinator_client):
    client = _english(coordinator_client)
    response = client.post(
        _action_url(trajectory_a, in_force["action"]), {**FORM, "status": "dropped"}
    )
    assert response.status_code == 200
    assert "Say why the action was dropped." in response.text
    assert not ActionProgress.objects.exists()


def test_a_refused_transition_is_shown_next_to_the_status(
    in_force, trajectory_a, coordinator_client, coordinator
):
    progress.action_progress_update(
        action=in_force["action"], status="done", progress=100, by=coordinator
    )
    client = _english(coordinator_client)
    response = client.post(
        _action_url(trajectory_a, in_force["action"]), {**FORM, "status": "on_hold"}
    )
    assert response.status_code == 200
    assert "cannot become" in response.text
    assert ActionProgress.objects.get().status == "done"


def test_officials_read_and_change_nothing(in_force, trajectory_a, official_a_client):
    client = _english(official_a_client)
    action = in_force["action"]
    assert client.get(_overview(trajectory_a)).status_code == 200
    page = client.get(_action_url(trajectory_a, action))
    assert page.status_code == 200
    assert 'name="status"' not in page.text
    assert client.post(_action_url(trajectory_a, action), FORM).status_code == 403
    assert not ActionProgress.objects.exists()


def test_another_municipality_gets_404(in_force, trajectory_a, official_b_client, coordinator_b):
    from django.test import Client

    coordinator_b_client = Client()
    coordinator_b_client.force_login(coordinator_b)
    action = in_force["action"]
    for client in (official_b_client, coordinator_b_client):
        assert client.get(_overview(trajectory_a)).status_code == 404
        assert client.get(_action_url(trajectory_a, action)).status_code == 404
        assert client.post(_action_url(trajectory_a, action), FORM).status_code == 404
    assert not ActionProgress.objects.exists()


def test_without_a_plan_in_force_the_pages_say_so(
    plan_a, trajectory_a, coordinator, coordinator_client
):
    plan_services.plan_submit(plan=plan_a["plan"], by=coordinator)
    client = _english(coordinator_client)
    page = client.get(_overview(trajectory_a))
    assert page.status_code == 200
    assert "There is no plan in force yet." in page.text
    page = client.get(_action_url(trajectory_a, plan_a["action"]))
    assert page.status_code == 200
    assert "There is no plan in force yet." in page.text
    assert client.post(_action_url(trajectory_a, plan_a["action"]), FORM).status_code == 200
    assert not ActionProgress.objects.exists()


def test_the_overview_shows_plan_content_and_execution_side_by_side(
    in_force, trajectory_a, official_a_client, coordinator
):
    action = in_force["action"]
    progress.action_progress_update(
        action=action, status="on_hold", progress=40, reason="Lokaal in renovatie", by=coordinator
    )
    progress.progress_note_add(
        action=action, day=datetime.date(2026, 11, 20), text="Oudere nota", by=coordinator
    )
    progress.progress_note_add(
        action=action, day=datetime.date(2026, 12, 1), text="Nieuwste nota", by=coordinator
    )
    page = _english(official_a_client).get(_overview(trajectory_a)).text
    row = page[page.index('id="execution-A1.1.1"') :]
    row = row[: row.index("</tr>")]
    for text in (
        "Naschoolse opvang in Velm",
        "Joris Claes",
        "15:30",
        "On hold",
        "Lokaal in renovatie",
        "Nieuwste nota",
        'value="40"',
    ):
        assert text in row, text
    assert "Oudere nota" not in row


def _plan_with_actions(trajectory, coordinator, official, count):
    from actionplans.models import ActionPlan, Objective

    plan = plan_services.plan_create(trajectory=trajectory, title="Groot plan")
    objective = plan_services.part_add(Objective(plan=plan, title="Doel"))
    action_plan = plan_services.part_add(ActionPlan(objective=objective, title="Actieplan"))
    for number in range(1, count + 1):
        action = ActionFactory(action_plan=action_plan, number=number)
        ActionSlotFactory(action=action)
    _approve(plan, coordinator, official)
    for action in action_plan.actions.all():
        progress.action_progress_update(
            action=action, status="started", progress=10, by=coordinator
        )
        progress.progress_note_add(
            action=action, day=datetime.date(2026, 12, 1), text="Loopt", by=coordinator
        )
    return plan


@pytest.mark.parametrize("count", [5, 50])
def test_the_overview_runs_a_fixed_number_of_queries(
    count, trajectory_a, coordinator, official_a, coordinator_client, django_assert_num_queries
):
    _plan_with_actions(trajectory_a, coordinator, official_a, count)
    url = _overview(trajectory_a)
    coordinator_client.get(url)
    # session, user, trajectory, version in force, actions with execution and notes, and
    # whether the user coordinates the municipality
    with django_assert_num_queries(6):
        page = coordinator_client.get(url)
    assert page.text.count('id="execution-A1.1.') == count


@pytest.mark.parametrize("count", [5, 50])
def test_the_plan_page_shows_execution_in_a_fixed_number_of_queries(
    count, trajectory_a, coordinator, official_a, official_a_client, django_assert_num_queries
):
    _plan_with_actions(trajectory_a, coordinator, official_a, count)
    url = reverse("actionplans:plan", kwargs={"trajectory_pk": trajectory_a.pk})
    client = _english(official_a_client)
    client.get(url)
    cache.clear()  # measured without the cached figures, as after any change
    with django_assert_num_queries(30):
        page = client.get(url).text
    assert page.count('class="plan-execution"') == count
    assert page.count("/execution/actions/") == count


def test_the_plan_page_shows_execution_beside_each_action(
    in_force, trajectory_a, coordinator, coordinator_client
):
    action = in_force["action"]
    client = _english(coordinator_client)
    url = reverse("actionplans:plan", kwargs={"trajectory_pk": trajectory_a.pk})
    page = client.get(url).text
    assert _action_url(trajectory_a, action) in page
    progress.action_progress_update(action=action, status="started", progress=60, by=coordinator)
    progress.progress_note_add(
        action=action, day=datetime.date(2026, 12, 2), text="Volle bak", by=coordinator
    )
    page = client.get(url).text  # the cached tree follows the execution records
    row = page[page.index('<tr id="A1.1.1">') :]
    row = row[: row.index("</tr>")]
    assert "Started" in row
    assert 'value="60"' in row
    assert "Volle bak" in row


def test_an_action_new_in_the_amendment_is_not_in_force_yet(
    in_force, trajectory_a, coordinator, coordinator_client
):
    from actionplans.models import Action

    plan_services.plan_amend(plan=in_force["plan"], reason="Zomer erbij", by=coordinator)
    added = plan_services.part_add(Action(action_plan=in_force["action_plan"], title="Zomerkamp"))
    client = _english(coordinator_client)
    page = client.get(reverse("actionplans:plan", kwargs={"trajectory_pk": trajectory_a.pk})).text
    assert "Not in force yet" in page
    page = client.get(_action_url(trajectory_a, added))
    assert page.status_code == 200
    assert "not in the plan in force" in page.text
    overview = client.get(_overview(trajectory_a)).text
    assert "Zomerkamp" not in overview


def test_the_action_page_links_to_its_execution(in_force, trajectory_a, official_a_client):
    action = in_force["action"]
    url = reverse(
        "actionplans:action_detail", kwargs={"trajectory_pk": trajectory_a.pk, "pk": action.pk}
    )
    assert _action_url(trajectory_a, action) in official_a_client.get(url).text
