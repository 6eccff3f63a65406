from django.urls import reverse

from swot.models import Strategy, SwotAnalysis, SwotItem
from tests.factories import TrajectoryFactory


def test_matrix_runs_a_fixed_number_of_queries(
    coordinator_client, trajectory_a, swot_a, django_assert_max_num_queries
):
    analysis = swot_a["analysis"]
    items = SwotItem.objects.bulk_create(
        SwotItem(
            analysis=analysis,
            quadrant="SWOT"[n % 4],
            priority=10 + n,
            statement=f"Item {n}",
            theme="leisure",
            age_groups=["5-10"],
        )
        for n in range(100)
    )
    for n in range(40):
        strategy = Strategy.objects.create(analysis=analysis, kind="SO", title=f"Strategie {n}")
        strategy.items.set([items[4 * (n % 25)], items[4 * (n % 25) + 2]])

    # Content types are cached per process; a running server has them, so count without
    # the one-off lookup (otherwise the count depends on which test ran before).
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.get_for_models(SwotItem, Strategy)
    url = reverse("swot:matrix", kwargs={"trajectory_pk": trajectory_a.pk})
    coordinator_client.get(url)  # counts the suggestions once; later views reuse the count
    # Uncached: the two state queries of swot.matrix (data_state, intake_state) come on top.
    with django_assert_max_num_queries(16):
        response = coordinator_client.get(url)
    assert response.status_code == 200
    assert "Item 99" in response.text
    with django_assert_max_num_queries(22):
        assert (
            coordinator_client.get(
                reverse("swot:tows", kwargs={"trajectory_pk": trajectory_a.pk})
            ).status_code
            == 200
        )


def test_matrix_orders_by_priority_and_filters(official_a_client, trajectory_a, swot_a):
    url = reverse("swot:matrix", kwargs={"trajectory_pk": trajectory_a.pk})
    response = official_a_client.get(url)
    weaknesses = next(q for q in response.context["quadrants"] if q["code"] == "W")
    assert [i.statement for i in weaknesses["items"]] == [
        "Geen naschoolse opvang in Velm",
        "Weinig aanbod voor tieners",
    ]

    leisure = official_a_client.get(url, {"theme": "leisure"})
    shown = [i.statement for q in leisure.context["quadrants"] for i in q["items"]]
    assert shown == ["Weinig aanbod voor tieners"]

    teens = official_a_client.get(url, {"age_group": "11-15"})
    assert [i for q in teens.context["quadrants"] for i in q["items"]] == []


def test_a_trajectory_without_swot_offers_to_start_one(coordinator_client, coordinator):
    from municipalities.models import Membership

    trajectory = TrajectoryFactory()
    Membership.objects.create(user=coordinator, municipality=trajectory.municipality)
    url = reverse("swot:matrix", kwargs={"trajectory_pk": trajectory.pk})
    assert "De SWOT-analyse starten" in coordinator_client.get(url).text

    coordinator_client.post(reverse("swot:analysis_start", kwargs={"trajectory_pk": trajectory.pk}))

    assert SwotAnalysis.objects.get(trajectory=trajectory).round == 1
