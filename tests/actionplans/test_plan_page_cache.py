"""The plan page keeps its snapshot, checks, coverage and their rendering in the cache by a
key of the data they read: a change shows on the next view, an official and a coordinator
each see their own version, and no CSRF token is kept in the cached part."""

import pytest
from django.urls import reverse

from actionplans import services
from actionplans.models import Action, ActionPlan, ActionSlot

pytestmark = pytest.mark.usefixtures("local_cache")


def _page(client, trajectory) -> str:
    response = client.get(reverse("actionplans:plan", kwargs={"trajectory_pk": trajectory.pk}))
    assert response.status_code == 200
    return response.text


def test_a_renamed_action_shows_on_the_next_view(coordinator_client, trajectory_a, plan_a):
    action = plan_a["action"]
    assert action.title in _page(coordinator_client, trajectory_a)
    assert action.title in _page(coordinator_client, trajectory_a)  # from the cache
    action.title = "Speelpleinwerking in de zomer"
    services.part_save(action, expected_version=action.version)
    assert "Speelpleinwerking in de zomer" in _page(coordinator_client, trajectory_a)


def _row(page: str, code: str) -> str:
    row = page[page.index(f'<tr id="{code}">') :]
    return row[: row.index("</tr>")]


def test_a_move_and_a_new_slot_show_on_the_next_view(coordinator_client, trajectory_a, plan_a):
    first = plan_a["action"]
    second = services.part_add(Action(action_plan=first.action_plan, title="Tweede actie"))
    assert "Tweede actie" in _row(_page(coordinator_client, trajectory_a), "A1.1.2")
    services.part_move(Action.objects.get(pk=second.pk), offset=-1)
    row = _row(_page(coordinator_client, trajectory_a), "A1.1.1")
    assert "Tweede actie" in row
    ActionSlot.objects.create(action=second, slot="wednesday", expected_children=12)
    assert _row(_page(coordinator_client, trajectory_a), "A1.1.1") != row


def test_a_removed_action_plan_leaves_on_the_next_view(coordinator_client, trajectory_a, plan_a):
    extra = services.part_add(ActionPlan(objective=plan_a["objective"], title="Weg ermee"))
    assert "Weg ermee" in _page(coordinator_client, trajectory_a)
    services.part_remove(extra)
    assert "Weg ermee" not in _page(coordinator_client, trajectory_a)


def test_an_official_and_a_coordinator_see_their_own_version(
    coordinator_client, official_a_client, trajectory_a, plan_a
):
    coordinators = _page(coordinator_client, trajectory_a)
    assert 'form="part-remove"' in coordinators
    officials = _page(official_a_client, trajectory_a)
    assert 'form="part-remove"' not in officials
    assert 'id="part-move"' not in officials
    assert plan_a["action"].title in officials
    assert 'form="part-remove"' in _page(coordinator_client, trajectory_a)


def test_each_view_carries_its_own_csrf_token(coordinator_client, trajectory_a, plan_a):
    page = _page(coordinator_client, trajectory_a)
    # One token per form outside the cached tree: submit, move, remove (and the page's own).
    tree = page[page.index('id="part-remove"') :]
    tree = tree[tree.index("</form>") :]
    assert "csrfmiddlewaretoken" not in tree.split('id="coverage-heading"')[0]


def test_each_language_has_its_own_version(coordinator_client, trajectory_a, plan_a):
    assert "Need against offer" not in _page(coordinator_client, trajectory_a)
    coordinator_client.cookies["django_language"] = "en"
    assert "Need against offer" in _page(coordinator_client, trajectory_a)


def test_a_comment_on_a_part_shows_in_the_count_on_the_next_view(
    coordinator_client, coordinator, trajectory_a, plan_a
):
    from plus_portal.comments import comment_add

    def open_comments():
        url = reverse("actionplans:plan", kwargs={"trajectory_pk": trajectory_a.pk})
        return coordinator_client.get(url).context["open_comments"]

    assert open_comments() == 0
    assert open_comments() == 0  # from the cache
    comment_add(target=plan_a["action"], author=coordinator, body="Wie trekt dit?")
    assert open_comments() == 1


def test_a_new_version_and_a_decision_show_in_the_list_on_the_next_view(
    coordinator_client, coordinator, official_a, trajectory_a, plan_a
):
    plan = plan_a["plan"]
    assert "Versie 1" not in _page(coordinator_client, trajectory_a)
    services.plan_submit(plan=plan, by=coordinator)
    page = _page(coordinator_client, trajectory_a)
    assert "Versie 1" in page
    services.plan_decide(
        plan=plan, outcome="changes_requested", reason="Meer budget", by=official_a
    )
    assert "Meer budget" in _page(coordinator_client, trajectory_a)
    services.plan_submit(plan=plan, by=coordinator)
    page = _page(coordinator_client, trajectory_a)
    assert "Versie 2" in page
    assert reverse("actionplans:diff", kwargs={"trajectory_pk": trajectory_a.pk}) in page


def test_a_cached_view_reads_no_part_and_no_version(
    coordinator_client, trajectory_a, plan_a, django_assert_num_queries
):
    _page(coordinator_client, trajectory_a)
    # session, user, trajectory with its plan, the viewer's memberships, the state of the data
    with django_assert_num_queries(5) as queries:
        _page(coordinator_client, trajectory_a)
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert '"actionplans_action"' not in tables
    assert '"actionplans_planversion"' not in tables
