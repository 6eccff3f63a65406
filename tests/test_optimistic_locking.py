"""Of two people saving the same record, the second is refused and sees the first's values;
a form without the version it was opened at is refused too (it cannot bypass the check)."""

import pytest
from django.urls import reverse

from actionplans.models import Action
from municipalities.models import LeisureActor, Trajectory
from swot.models import Strategy, SwotItem

MISSING_VERSIONS = [{}, {"lock_version": ""}, {"lock_version": "0"}, {"lock_version": "abc"}]


def _action_form(action, **extra):
    return {
        "title": "Opvang in Velm en Brustem",
        "status": "planned",
        "progress": "0",
        "owner": "Joris Claes",
        "age_groups": ["5-10"],
        **{
            f"{prefix}-{key}": value
            for prefix in ("slots", "budget", "funding")
            for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
        },
        **extra,
    }


def _part_url(trajectory, kind, part):
    return reverse(
        "actionplans:part_update",
        kwargs={"trajectory_pk": trajectory.pk, "kind": kind, "pk": part.pk},
    )


@pytest.mark.parametrize("version", MISSING_VERSIONS)
@pytest.mark.parametrize(
    ("kind", "key", "form"),
    [
        ("objective", "objective", lambda part: {"title": "Elk kind een plek"}),
        ("actionplan", "action_plan", lambda part: {"title": "Opvang op elke campus"}),
        ("action", "action", _action_form),
    ],
)
def test_a_plan_part_saved_without_its_version_is_refused(
    coordinator_client, trajectory_a, plan_a, kind, key, form, version
):
    part = plan_a[key]
    title = part.title
    response = coordinator_client.post(
        _part_url(trajectory_a, kind, part), {**form(part), **version}
    )

    assert response.status_code == 200
    assert "niet meer actueel" in response.text
    part.refresh_from_db()
    assert (part.title, part.version) == (title, 1)


def _leisure_form(actor, **extra):
    return {
        "name": "Chiro Velm",
        "kind": "youth_work",
        "age_groups": ["5-10"],
        "participants": "85",
        **extra,
    }


def _record_url(trajectory, section, record):
    return reverse(
        "municipalities:record_update",
        kwargs={"pk": trajectory.pk, "section": section, "record_pk": record.pk},
    )


def test_the_second_of_two_intake_saves_is_refused_with_the_first_shown(
    coordinator_client, administrator_client, trajectory_a, intake_a
):
    actor = intake_a["leisure-actors"]
    url = _record_url(trajectory_a, "leisure-actors", actor)
    opened_at = actor.version

    first = coordinator_client.post(
        url, _leisure_form(actor, participants="85", lock_version=opened_at)
    )
    second = administrator_client.post(
        url, _leisure_form(actor, participants="12", lock_version=opened_at)
    )

    assert first.status_code == 302
    assert second.status_code == 200
    assert "terwijl u het bewerkte" in second.text
    assert "Intussen bewaard door" in second.text
    assert "85" in second.text  # the first save's value is shown
    actor = LeisureActor.objects.get(pk=actor.pk)
    assert (actor.participants, actor.version) == (85, opened_at + 1)


@pytest.mark.parametrize("version", MISSING_VERSIONS)
def test_an_intake_record_saved_without_its_version_is_refused(
    coordinator_client, trajectory_a, intake_a, version
):
    actor = intake_a["leisure-actors"]
    response = coordinator_client.post(
        _record_url(trajectory_a, "leisure-actors", actor), _leisure_form(actor, **version)
    )
    assert response.status_code == 200
    assert "niet meer actueel" in response.text
    assert LeisureActor.objects.get(pk=actor.pk).participants == actor.participants


def test_the_second_of_two_school_saves_leaves_its_sites_alone(
    coordinator_client, trajectory_a, intake_a
):
    school = intake_a["schools"]
    site = intake_a["site"]
    url = _record_url(trajectory_a, "schools", school)
    form = {
        "institution_number": school.institution_number,
        "name": "Vrije Basisschool Sint-Jozef",
        "network": school.network,
        "levels": ["lager"],
        "lock_version": school.version,
        "sites-TOTAL_FORMS": "1",
        "sites-INITIAL_FORMS": "1",
        "sites-0-id": site.pk,
        "sites-0-site_number": "1",
        "sites-0-street": "Nieuwstraat 1",
        "sites-0-postal_code": "3806",
        "sites-0-setting": "rural",
    }
    assert coordinator_client.post(url, form).status_code == 302
    stale = coordinator_client.post(url, {**form, "sites-0-street": "Oudstraat 9"})

    assert stale.status_code == 200
    site.refresh_from_db()
    assert site.street == "Nieuwstraat 1"


def test_the_second_of_two_trajectory_saves_is_refused(
    coordinator_client, coordinator, trajectory_a
):
    url = reverse("municipalities:trajectory_edit", kwargs={"pk": trajectory_a.pk})
    form = {"coordinators": [coordinator.pk], "lock_version": trajectory_a.version}
    assert coordinator_client.post(url, {**form, "policy_vision": "Eerst"}).status_code == 302
    stale = coordinator_client.post(url, {**form, "policy_vision": "Later"})
    assert stale.status_code == 200
    assert "terwijl u het bewerkte" in stale.text
    assert Trajectory.objects.get(pk=trajectory_a.pk).policy_vision == "Eerst"


def _item_form(item, **extra):
    return {
        "quadrant": "W",
        "theme": "childcare",
        "statement": item.statement,
        "age_groups": ["5-10"],
        **extra,
    }


def test_the_second_of_two_swot_item_saves_is_refused(
    coordinator_client, administrator_client, trajectory_a, swot_a
):
    item = swot_a["W1"]
    url = reverse("swot:item_update", kwargs={"trajectory_pk": trajectory_a.pk, "pk": item.pk})
    opened_at = item.version

    first = coordinator_client.post(
        url, _item_form(item, statement="Geen opvang in Velm en Zepperen", lock_version=opened_at)
    )
    second = administrator_client.post(
        url, _item_form(item, statement="Geen opvang in Velm (oud)", lock_version=opened_at)
    )

    assert first.status_code == 302
    assert second.status_code == 200
    assert "Geen opvang in Velm en Zepperen" in second.text
    assert SwotItem.objects.get(pk=item.pk).statement == "Geen opvang in Velm en Zepperen"


@pytest.mark.parametrize("version", MISSING_VERSIONS)
def test_a_swot_item_saved_without_its_version_is_refused(
    coordinator_client, trajectory_a, swot_a, version
):
    item = swot_a["W1"]
    url = reverse("swot:item_update", kwargs={"trajectory_pk": trajectory_a.pk, "pk": item.pk})
    response = coordinator_client.post(url, _item_form(item, statement="Overschreven", **version))
    assert response.status_code == 200
    assert SwotItem.objects.get(pk=item.pk).statement == item.statement


def test_the_second_of_two_inline_edits_is_refused(coordinator_client, trajectory_a, swot_a):
    item = swot_a["W1"]
    url = reverse("swot:item_inline_edit", kwargs={"trajectory_pk": trajectory_a.pk, "pk": item.pk})
    prefix = f"item{item.pk}"

    def edit(statement):
        return coordinator_client.post(
            url,
            {
                f"{prefix}-quadrant": "W",
                f"{prefix}-theme": "childcare",
                f"{prefix}-statement": statement,
                f"{prefix}-age_groups": ["5-10"],
                f"{prefix}-lock_version": 1,
            },
            HTTP_HX_REQUEST="true",
        )

    edit("Eerste bewerking")
    stale = edit("Tweede bewerking")

    assert "terwijl u het bewerkte" in stale.text
    assert SwotItem.objects.get(pk=item.pk).statement == "Eerste bewerking"


def test_the_second_of_two_strategy_saves_is_refused(coordinator_client, trajectory_a, swot_a):
    strategy = swot_a["strategy"]
    url = reverse(
        "swot:strategy_update", kwargs={"trajectory_pk": trajectory_a.pk, "pk": strategy.pk}
    )
    form = {
        "kind": "WO",
        "priority": "1",
        "internal_items": [swot_a["W1"].pk],
        "external_items": [swot_a["O1"].pk],
        "lock_version": 1,
    }
    assert coordinator_client.post(url, {**form, "title": "Opvang in Velm"}).status_code == 302
    stale = coordinator_client.post(url, {**form, "title": "Iets anders"})
    assert stale.status_code == 200
    assert "terwijl u het bewerkte" in stale.text
    assert Strategy.objects.get(pk=strategy.pk).title == "Opvang in Velm"


def test_actions_keep_their_existing_protection(
    coordinator_client, administrator_client, trajectory_a, plan_a
):
    action = plan_a["action"]
    url = _part_url(trajectory_a, "action", action)
    assert coordinator_client.post(url, _action_form(action, lock_version=1)).status_code == 302
    stale = administrator_client.post(url, _action_form(action, title="Oud", lock_version=1))
    assert stale.status_code == 200
    assert Action.objects.get(pk=action.pk).title == "Opvang in Velm en Brustem"
