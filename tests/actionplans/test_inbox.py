from django.urls import reverse

from actionplans import services


def test_inbox_lists_only_what_awaits_this_user(
    coordinator, official_a_client, official_b_client, plan_a
):
    services.plan_submit(plan=plan_a["plan"], by=coordinator)

    assert "PLUS-actieplan Sint-Truiden" in official_a_client.get(reverse("inbox")).text
    assert "PLUS-actieplan Sint-Truiden" not in official_b_client.get(reverse("inbox")).text


def test_coordinator_sees_officials_remarks_until_answered(
    coordinator, coordinator_client, official_a, plan_a
):
    from plus_portal.comments import comment_add

    remark = comment_add(target=plan_a["action"], author=official_a, body="Wie haalt op?")
    assert "Wie haalt op?" in coordinator_client.get(reverse("inbox")).text

    comment_add(target=plan_a["action"], author=coordinator, body="De brugfiguur.", parent=remark)
    assert "Wie haalt op?" not in coordinator_client.get(reverse("inbox")).text
