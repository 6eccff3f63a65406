"""Every action plan URL: another municipality's official 404; this one's official reads,
comments and decides but never edits; coordinators edit but never approve."""

from django.urls import reverse

from actionplans.models import Plan


def _t(trajectory):
    return {"trajectory_pk": trajectory.pk}


def _read_urls(trajectory, plan_a):
    t = _t(trajectory)
    return [
        reverse("actionplans:plan", kwargs=t),
        reverse("actionplans:action_detail", kwargs={**t, "pk": plan_a["action"].pk}),
        reverse(
            "actionplans:part_detail",
            kwargs={**t, "kind": "objective", "pk": plan_a["objective"].pk},
        ),
        reverse(
            "actionplans:part_detail",
            kwargs={**t, "kind": "actionplan", "pk": plan_a["action_plan"].pk},
        ),
    ]


def _version_urls(trajectory):
    t = _t(trajectory)
    return [
        reverse("actionplans:version", kwargs={**t, "number": 1}),
        reverse("actionplans:export", kwargs={**t, "fmt": "xlsx"}),
        reverse("actionplans:export", kwargs={**t, "fmt": "csv"}),
    ]


def _write_urls(trajectory, plan_a):
    t = _t(trajectory)
    return [
        reverse("actionplans:plan_edit", kwargs=t),
        reverse("actionplans:library", kwargs=t),
        reverse("actionplans:part_create", kwargs={**t, "kind": "objective"}),
        reverse(
            "actionplans:part_update",
            kwargs={**t, "kind": "objective", "pk": plan_a["objective"].pk},
        ),
        reverse(
            "actionplans:part_update", kwargs={**t, "kind": "action", "pk": plan_a["action"].pk}
        ),
    ]


def _post_urls(trajectory, plan_a):
    t = _t(trajectory)
    return [
        reverse("actionplans:plan_submit", kwargs=t),
        reverse(
            "actionplans:part_remove", kwargs={**t, "kind": "action", "pk": plan_a["action"].pk}
        ),
        reverse("actionplans:part_move", kwargs={**t, "kind": "action", "pk": plan_a["action"].pk}),
    ]


def _submit(client, trajectory):
    client.post(reverse("actionplans:plan_submit", kwargs=_t(trajectory)))


def test_official_of_another_municipality_gets_404(
    coordinator_client, official_b_client, trajectory_a, plan_a
):
    _submit(coordinator_client, trajectory_a)
    for url in [
        *_read_urls(trajectory_a, plan_a),
        *_version_urls(trajectory_a),
        *_write_urls(trajectory_a, plan_a),
    ]:
        assert official_b_client.get(url).status_code == 404, url
    for url in [
        *_post_urls(trajectory_a, plan_a),
        reverse("actionplans:plan_decide", kwargs=_t(trajectory_a)),
        reverse("comment_add", kwargs={"label": "actionplans.action", "pk": plan_a["action"].pk}),
    ]:
        assert (
            official_b_client.post(url, {"outcome": "approved", "body": "x"}).status_code == 404
        ), url


def test_official_reads_but_cannot_edit(
    coordinator_client, official_a_client, trajectory_a, plan_a
):
    for url in _read_urls(trajectory_a, plan_a):
        assert official_a_client.get(url).status_code == 200, url
    for url in _write_urls(trajectory_a, plan_a):
        assert official_a_client.get(url).status_code == 403, url
    for url in [*_write_urls(trajectory_a, plan_a), *_post_urls(trajectory_a, plan_a)]:
        assert official_a_client.post(url).status_code == 403, url
    _submit(coordinator_client, trajectory_a)
    for url in _version_urls(trajectory_a):
        assert official_a_client.get(url).status_code == 200, url


def test_coordinator_cannot_approve(coordinator_client, trajectory_a, plan_a):
    _submit(coordinator_client, trajectory_a)
    response = coordinator_client.post(
        reverse("actionplans:plan_decide", kwargs=_t(trajectory_a)), {"outcome": "approved"}
    )
    assert response.status_code == 403
    assert Plan.objects.get().status == Plan.Status.IN_REVIEW


def test_coordinator_cannot_edit_a_plan_in_review(coordinator_client, trajectory_a, plan_a):
    _submit(coordinator_client, trajectory_a)
    for url in _write_urls(trajectory_a, plan_a):
        if "library" in url:
            continue
        assert coordinator_client.get(url).status_code == 403, url


def test_parts_are_found_only_under_their_own_trajectory(
    administrator_client, trajectory_b, plan_a
):
    url = reverse(
        "actionplans:action_detail",
        kwargs={"trajectory_pk": trajectory_b.pk, "pk": plan_a["action"].pk},
    )
    assert administrator_client.get(url).status_code == 404
