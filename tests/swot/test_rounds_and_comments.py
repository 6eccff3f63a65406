from django.urls import reverse

from plus_portal.models import Comment
from swot.models import SwotAnalysis


def test_a_new_round_copies_the_analysis_and_freezes_the_old_one(
    coordinator_client, trajectory_a, swot_a
):
    coordinator_client.post(
        reverse("swot:analysis_start", kwargs={"trajectory_pk": trajectory_a.pk})
    )

    old, new = SwotAnalysis.objects.order_by("round")
    assert (old.is_current, new.is_current, new.round) == (False, True, 2)
    assert new.items.count() == old.items.count() == 5
    copied = new.strategies.get()
    assert {i.statement for i in copied.items.all()} == {
        "Geen naschoolse opvang in Velm",
        "BOA-subsidie vanaf 2026",
    }
    assert all(item.analysis == new for item in copied.items.all())
    edit_old = reverse(
        "swot:item_update", kwargs={"trajectory_pk": trajectory_a.pk, "pk": swot_a["W1"].pk}
    )
    assert coordinator_client.get(edit_old).status_code == 403
    old_round = coordinator_client.get(
        reverse("swot:matrix", kwargs={"trajectory_pk": trajectory_a.pk}), {"round": 1}
    )
    assert "gesloten en alleen te lezen" in old_round.text


def test_official_comments_coordinator_replies_official_resolves(
    official_a, official_a_client, coordinator_client, trajectory_a, swot_a
):
    url = reverse("comment_add", kwargs={"label": "swot.swotitem", "pk": swot_a["W1"].pk})
    response = official_a_client.post(url, {"body": "Ook in Brustem?"}, HTTP_HX_REQUEST="true")
    assert "Ook in Brustem?" in response.text
    thread = Comment.objects.get()
    assert (thread.author, thread.trajectory) == (official_a, trajectory_a)

    coordinator_client.post(url, {"body": "Ja, we voegen het toe.", "parent": thread.pk})
    assert thread.replies.get().body == "Ja, we voegen het toe."

    official_a_client.post(reverse("comment_resolve", kwargs={"pk": thread.pk}))
    thread.refresh_from_db()
    assert thread.is_resolved
    detail = official_a_client.get(swot_a["W1"].get_absolute_url())
    assert "opgelost" in detail.text


def test_an_empty_comment_is_refused(official_a_client, swot_a):
    url = reverse("comment_add", kwargs={"label": "swot.swotitem", "pk": swot_a["W1"].pk})
    official_a_client.post(url, {"body": "   "})
    assert not Comment.objects.exists()


def test_official_b_cannot_resolve_a_comment_of_a(official_a, official_b_client, swot_a):
    from plus_portal.comments import comment_add

    comment = comment_add(target=swot_a["W1"], author=official_a, body="Vraag")
    response = official_b_client.post(reverse("comment_resolve", kwargs={"pk": comment.pk}))
    assert response.status_code == 404
    comment.refresh_from_db()
    assert not comment.is_resolved
