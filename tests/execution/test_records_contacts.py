"""Bridge contacts: coordinators record any placed worker's week, bridge figures their own on
a phone; saving a week again updates it; a week starts on a Monday; officials only read."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from execution.models import BridgeContact
from execution.records import bridge_contact_weeks, bridge_contacts_record
from plus_portal.models import User
from tests.execution.factories import BridgeContactFactory
from tests.factories import TrajectoryFactory, UserFactory
from tests.staffing.factories import PlacementFactory, WorkerFactory

TODAY = datetime.date(2026, 12, 3)  # a Thursday
MONDAY = datetime.date(2026, 11, 30)
MY_CONTACTS = reverse("followup:my_contacts")


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 3, 10, tzinfo=datetime.UTC), tick=False)


@pytest.fixture
def placed_worker(trajectory_a):
    worker = WorkerFactory(first_name="Sara", last_name="Zwartenbroek")
    PlacementFactory(worker=worker, trajectory=trajectory_a)
    return worker


@pytest.fixture
def own_account(placed_worker):
    user = UserFactory(username="sara", role=User.Role.BRIDGE_FIGURE)
    placed_worker.account = user
    placed_worker.save(update_fields=["account"])
    return user


def _url(trajectory):
    return reverse("records:contacts", kwargs={"trajectory_pk": trajectory.pk})


def _week(week=MONDAY, **counts):
    data = {"week": week.isoformat()}
    for kind in BridgeContact.Kind.values:
        data[f"{kind}-contacts"] = str(counts.get(kind, (0, 0))[0])
        data[f"{kind}-referrals"] = str(counts.get(kind, (0, 0))[1])
    return data


def _counts(**where):
    return {
        contact.kind: (contact.contacts, contact.referrals)
        for contact in BridgeContact.objects.filter(**where)
    }


def test_a_coordinator_records_a_workers_week(
    coordinator_client, coordinator, trajectory_a, placed_worker
):
    data = {"worker": placed_worker.pk, **_week(school=(3, 1), welfare=(2, 2))}
    assert coordinator_client.post(_url(trajectory_a), data).status_code == 302
    assert _counts(worker=placed_worker, week=MONDAY) == {"school": (3, 1), "welfare": (2, 2)}
    contact = BridgeContact.objects.get(kind="school")
    assert contact.trajectory == trajectory_a
    assert contact.recorded_by == coordinator
    assert contact.history.get().history_user == coordinator


def test_saving_the_same_week_again_updates_it(coordinator_client, trajectory_a, placed_worker):
    data = {"worker": placed_worker.pk, **_week(school=(3, 1))}
    coordinator_client.post(_url(trajectory_a), data)
    coordinator_client.post(_url(trajectory_a), data)
    again = {"worker": placed_worker.pk, **_week(school=(5, 0), work=(1, 1))}
    coordinator_client.post(_url(trajectory_a), again)
    assert BridgeContact.objects.count() == 2
    assert _counts() == {"school": (5, 0), "work": (1, 1)}
    assert BridgeContact.objects.get(kind="school").history.count() == 2


def test_a_week_starts_on_a_monday(coordinator_client, trajectory_a, placed_worker):
    coordinator_client.cookies["django_language"] = "en"
    data = {
        "worker": placed_worker.pk,
        **_week(week=MONDAY + datetime.timedelta(days=2), school=(1, 0)),
    }
    response = coordinator_client.post(_url(trajectory_a), data)
    assert response.status_code == 400
    assert "A week starts on a Monday." in response.content.decode()
    assert not BridgeContact.objects.exists()


def test_a_week_that_has_not_started_is_refused(
    coordinator, trajectory_a, placed_worker, in_english
):
    with pytest.raises(ValidationError, match="has not started"):
        bridge_contacts_record(
            trajectory=trajectory_a,
            worker=placed_worker,
            week=MONDAY + datetime.timedelta(weeks=1),
            counts={"school": (1, 0)},
            today=TODAY,
            by=coordinator,
        )


def test_a_worker_not_placed_in_the_trajectory_cannot_be_chosen(coordinator_client, trajectory_a):
    stranger = WorkerFactory()
    PlacementFactory(worker=stranger, trajectory=TrajectoryFactory())
    data = {"worker": stranger.pk, **_week(school=(1, 0))}
    assert coordinator_client.post(_url(trajectory_a), data).status_code == 400
    assert not BridgeContact.objects.exists()


def test_a_recorded_week_opens_with_its_counts(coordinator_client, trajectory_a, placed_worker):
    BridgeContactFactory(trajectory=trajectory_a, worker=placed_worker, week=MONDAY, contacts=7)
    response = coordinator_client.get(
        _url(trajectory_a), {"worker": placed_worker.pk, "week": MONDAY.isoformat()}
    )
    form = response.context["form"]
    assert form["school-contacts"].value() == 7
    assert form["worker"].value() == placed_worker.pk


def test_the_overview_counts_weeks_by_kind_with_totals(
    coordinator_client, trajectory_a, placed_worker
):
    other = WorkerFactory()
    earlier = MONDAY - datetime.timedelta(weeks=1)
    BridgeContactFactory(trajectory=trajectory_a, worker=placed_worker, week=MONDAY, contacts=4)
    BridgeContactFactory(
        trajectory=trajectory_a, worker=other, week=MONDAY, contacts=2, referrals=2
    )
    BridgeContactFactory(
        trajectory=trajectory_a, worker=other, week=earlier, kind="leisure", contacts=1
    )
    BridgeContactFactory(trajectory=TrajectoryFactory(), week=MONDAY, contacts=50)
    response = coordinator_client.get(_url(trajectory_a))
    weeks, total = response.context["weeks"], response.context["total"]
    assert [row.week for row in weeks] == [MONDAY, earlier]
    assert weeks[0].by_kind["school"] == (6, 3)
    assert weeks[0].contacts == 6
    assert total.by_kind == {"school": (6, 3), "leisure": (1, 1), "work": (0, 0), "welfare": (0, 0)}
    assert (total.contacts, total.referrals) == (7, 4)


def test_the_overview_runs_a_fixed_number_of_queries(
    coordinator_client, trajectory_a, placed_worker, django_assert_num_queries
):
    BridgeContactFactory(trajectory=trajectory_a, worker=placed_worker)
    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(_url(trajectory_a))
    for weeks in range(1, 30):
        for kind in BridgeContact.Kind.values:
            BridgeContactFactory(
                trajectory=trajectory_a,
                worker=WorkerFactory(),
                week=MONDAY - datetime.timedelta(weeks=weeks),
                kind=kind,
            )
    with django_assert_num_queries(len(few)):
        coordinator_client.get(_url(trajectory_a))


def test_an_official_reads_the_overview_and_records_nothing(
    official_a_client, trajectory_a, placed_worker
):
    BridgeContactFactory(trajectory=trajectory_a, worker=placed_worker, week=MONDAY)
    response = official_a_client.get(_url(trajectory_a))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert "Zwartenbroek" not in response.content.decode()
    data = {"worker": placed_worker.pk, **_week(school=(9, 9))}
    assert official_a_client.post(_url(trajectory_a), data).status_code == 403
    assert _counts() == {"school": (4, 1)}


def test_another_municipality_gets_404(official_b_client, trajectory_a):
    assert official_b_client.get(_url(trajectory_a)).status_code == 404
    assert official_b_client.post(_url(trajectory_a), {}).status_code == 404


# The bridge figure's own form


def test_a_bridge_figure_records_their_own_week(client, own_account, placed_worker, trajectory_a):
    client.force_login(own_account)
    page = client.get(MY_CONTACTS)
    assert page.status_code == 200
    assert "trajectory" not in page.context["form"].fields  # one placement: no choice to make
    assert client.post(MY_CONTACTS, _week(leisure=(2, 1))).status_code == 302
    assert client.post(MY_CONTACTS, _week(leisure=(3, 1))).status_code == 302
    contact = BridgeContact.objects.get()
    assert (contact.worker, contact.trajectory) == (placed_worker, trajectory_a)
    assert (contact.contacts, contact.referrals, contact.week) == (3, 1, MONDAY)
    assert contact.history.latest().history_user == own_account


def test_a_bridge_figure_chooses_among_the_weeks_that_have_started(client, own_account, in_english):
    client.force_login(own_account)
    choices = [
        value for value, _label in client.get(MY_CONTACTS).context["form"].fields["week"].choices
    ]
    assert choices[0] == MONDAY.isoformat()
    assert all(datetime.date.fromisoformat(value).weekday() == 0 for value in choices)
    for week in (MONDAY + datetime.timedelta(days=1), MONDAY + datetime.timedelta(weeks=1)):
        assert client.post(MY_CONTACTS, _week(week=week, school=(1, 0))).status_code == 200
    assert not BridgeContact.objects.exists()


def test_a_bridge_figure_with_two_placements_picks_the_municipality(
    client, own_account, placed_worker, trajectory_a, trajectory_b
):
    PlacementFactory(worker=placed_worker, trajectory=trajectory_b)
    client.force_login(own_account)
    assert "trajectory" in client.get(MY_CONTACTS).context["form"].fields
    client.post(MY_CONTACTS, {"trajectory": trajectory_b.pk, **_week(work=(1, 0))})
    assert BridgeContact.objects.get().trajectory == trajectory_b
    # A municipality they are not placed in is not among the choices.
    elsewhere = TrajectoryFactory()
    client.post(MY_CONTACTS, {"trajectory": elsewhere.pk, **_week(work=(5, 0))})
    assert not BridgeContact.objects.filter(trajectory=elsewhere).exists()


def test_a_bridge_figure_without_a_current_placement_has_nothing_to_record(
    client, own_account, placed_worker
):
    placed_worker.placements.update(ends_on=datetime.date(2026, 11, 1))
    client.force_login(own_account)
    response = client.get(MY_CONTACTS)
    assert response.status_code == 200
    assert response.context["form"] is None
    assert client.post(MY_CONTACTS, _week(school=(1, 0))).status_code == 200
    assert not BridgeContact.objects.exists()


def test_a_bridge_figure_sees_only_their_own_weeks(
    client, own_account, placed_worker, trajectory_a
):
    BridgeContactFactory(trajectory=trajectory_a, worker=placed_worker, contacts=2)
    BridgeContactFactory(trajectory=trajectory_a, worker=WorkerFactory(), contacts=40)
    client.force_login(own_account)
    _weeks, total = bridge_contact_weeks(BridgeContact.objects.visible_to(own_account))
    response = client.get(MY_CONTACTS)
    assert response.context["total"].contacts == total.contacts == 2


@pytest.mark.parametrize("persona", ["coordinator", "official_a", "administrator"])
def test_anyone_but_a_bridge_figure_gets_404(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(MY_CONTACTS).status_code == 404
    assert client.post(MY_CONTACTS, _week(school=(1, 0))).status_code == 404


def test_this_week_opens_with_what_was_already_counted(
    client, own_account, placed_worker, trajectory_a
):
    client.force_login(own_account)
    client.post(MY_CONTACTS, _week(leisure=(2, 1)))

    form = client.get(MY_CONTACTS).context["form"]

    assert form.initial["week"] == MONDAY.isoformat()
    assert (form["leisure-contacts"].value(), form["leisure-referrals"].value()) == (2, 1)
