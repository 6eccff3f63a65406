"""Every SWOT URL: another municipality's official 404, this one's official reads (403 on
writes), the coordinator does everything."""

from django.urls import reverse


def _read_urls(trajectory, swot):
    t = {"trajectory_pk": trajectory.pk}
    return [
        reverse("swot:matrix", kwargs=t),
        reverse("swot:matrix", kwargs=t) + "?print=1",
        reverse("swot:item_detail", kwargs={**t, "pk": swot["W1"].pk}),
        reverse("swot:tows", kwargs=t),
        reverse("swot:strategy_detail", kwargs={**t, "pk": swot["strategy"].pk}),
        reverse("swot:coverage", kwargs=t),
        reverse("swot:export", kwargs=t),
    ]


def _write_urls(trajectory, swot):
    t = {"trajectory_pk": trajectory.pk}
    item = {**t, "pk": swot["W2"].pk}
    return [
        reverse("swot:item_create", kwargs=t),
        reverse("swot:item_update", kwargs=item),
        reverse("swot:item_inline_edit", kwargs=item),
        reverse("swot:item_delete", kwargs=item),
        reverse("swot:suggestions", kwargs=t),
        reverse("swot:strategy_create", kwargs=t),
        reverse("swot:strategy_update", kwargs={**t, "pk": swot["strategy"].pk}),
        reverse("swot:strategy_delete", kwargs={**t, "pk": swot["strategy"].pk}),
    ]


def _post_only_urls(trajectory, swot):
    t = {"trajectory_pk": trajectory.pk}
    item = {**t, "pk": swot["W2"].pk}
    return [
        reverse("swot:analysis_start", kwargs=t),
        reverse("swot:item_quick_add", kwargs=t),
        reverse("swot:item_move", kwargs=item),
        reverse("swot:item_park", kwargs=item),
        reverse("swot:suggestion_decide", kwargs=t),
    ]


def _comment_urls(swot):
    return [
        reverse("comment_add", kwargs={"label": "swot.swotitem", "pk": swot["W1"].pk}),
        reverse("comment_add", kwargs={"label": "swot.strategy", "pk": swot["strategy"].pk}),
    ]


def test_official_of_another_municipality_gets_404(official_b_client, trajectory_a, swot_a):
    for url in [*_read_urls(trajectory_a, swot_a), *_write_urls(trajectory_a, swot_a)]:
        assert official_b_client.get(url).status_code == 404, url
    for url in [
        *_write_urls(trajectory_a, swot_a),
        *_post_only_urls(trajectory_a, swot_a),
        *_comment_urls(swot_a),
    ]:
        assert official_b_client.post(url, {"body": "x"}).status_code == 404, url


def test_official_of_the_municipality_reads_but_cannot_write(
    official_a_client, trajectory_a, swot_a
):
    for url in _read_urls(trajectory_a, swot_a):
        assert official_a_client.get(url).status_code == 200, url
    for url in _write_urls(trajectory_a, swot_a):
        assert official_a_client.get(url).status_code == 403, url
    for url in [*_write_urls(trajectory_a, swot_a), *_post_only_urls(trajectory_a, swot_a)]:
        assert official_a_client.post(url).status_code == 403, url
    swot_a["W2"].refresh_from_db()  # still there


def test_coordinator_reaches_every_page(coordinator_client, trajectory_a, swot_a):
    for url in [*_read_urls(trajectory_a, swot_a), *_write_urls(trajectory_a, swot_a)]:
        assert coordinator_client.get(url).status_code == 200, url


def test_an_item_is_only_found_under_its_own_trajectory(
    administrator_client, trajectory_a, trajectory_b, swot_a
):
    url = reverse(
        "swot:item_detail", kwargs={"trajectory_pk": trajectory_b.pk, "pk": swot_a["W1"].pk}
    )
    assert administrator_client.get(url).status_code == 404


def test_comment_on_a_model_that_takes_none_is_not_found(official_a_client, trajectory_a):
    url = reverse("comment_add", kwargs={"label": "plus_portal.user", "pk": 1})
    assert official_a_client.post(url, {"body": "x"}).status_code == 404
