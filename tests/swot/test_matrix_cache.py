"""The SWOT matrix keeps its item lists and counts in the cache by a key of the data they read:
a change shows on the next view, an editor and a reader each see their own version, no CSRF
token is kept in the cached part, and a cached view reads no item."""

import pytest
from django.urls import reverse

from plus_portal.comments import comment_add
from swot import services
from swot.models import SwotItem
from tests.municipalities.factories import LeisureActorFactory

pytestmark = pytest.mark.usefixtures("local_cache")


def _page(client, trajectory, query="") -> str:
    response = client.get(reverse("swot:matrix", kwargs={"trajectory_pk": trajectory.pk}) + query)
    assert response.status_code == 200
    return response.text


def _quadrant(page: str, code: str) -> str:
    section = page[page.index(f'id="quadrant-{code}"') :]
    return section[: section.index("</section>")]


def test_a_new_and_an_edited_item_show_on_the_next_view(
    coordinator_client, coordinator, trajectory_a, swot_a
):
    _page(coordinator_client, trajectory_a)
    before = _page(coordinator_client, trajectory_a)  # from the cache
    services.item_add(
        item=SwotItem(
            analysis=swot_a["analysis"], quadrant="O", statement="Nieuwe sporthal", theme="leisure"
        ),
        by=coordinator,
    )
    after = _page(coordinator_client, trajectory_a)
    assert "Nieuwe sporthal" not in before
    assert "Nieuwe sporthal" in _quadrant(after, "O")
    item = SwotItem.objects.get(statement="Nieuwe sporthal")
    item.statement = "Nieuwe sporthal in 2027"
    item.save()
    assert "Nieuwe sporthal in 2027" in _page(coordinator_client, trajectory_a)


def test_a_comment_shows_in_the_card_count_on_the_next_view(
    coordinator_client, coordinator, trajectory_a, swot_a
):
    item = SwotItem.objects.filter(analysis=swot_a["analysis"], quadrant="S").first()
    assert "text-bg-info" not in _quadrant(_page(coordinator_client, trajectory_a), "S")
    comment_add(target=item, author=coordinator, body="Klopt dit cijfer?")
    assert 'text-bg-info">1 ' in _quadrant(_page(coordinator_client, trajectory_a), "S")


def test_filters_are_cached_apart(coordinator_client, trajectory_a, swot_a):
    all_themes = _page(coordinator_client, trajectory_a)
    leisure = _page(coordinator_client, trajectory_a, "?theme=leisure")
    childcare_item = swot_a["analysis"].items.filter(theme="childcare").first().statement
    assert childcare_item in all_themes
    assert childcare_item not in leisure
    assert childcare_item in _page(coordinator_client, trajectory_a)


def _csrf(page: str) -> str:
    start = page.index('name="csrfmiddlewaretoken" value="') + 34
    return page[start : page.index('"', start)]


def test_an_editor_and_a_reader_see_their_own_version(
    coordinator_client, official_a_client, trajectory_a, swot_a
):
    assert 'form="item-move"' in _page(coordinator_client, trajectory_a)
    assert 'form="item-move"' not in _page(official_a_client, trajectory_a)
    assert 'form="item-move"' in _page(coordinator_client, trajectory_a)


def test_no_csrf_token_is_kept_in_the_cached_lists(coordinator_client, trajectory_a, swot_a):
    _page(coordinator_client, trajectory_a)
    page = _page(coordinator_client, trajectory_a)
    for code in "SWOT":
        items = _quadrant(page, code).split('class="mt-3 quick-add"')[0]
        assert "csrfmiddlewaretoken" not in items
    first, second = _csrf(page), _csrf(_page(coordinator_client, trajectory_a))
    assert first != second  # tokens are masked anew on every view, so none came from the cache


def test_a_cached_view_reads_no_item(
    coordinator_client, trajectory_a, swot_a, django_assert_max_num_queries
):
    _page(coordinator_client, trajectory_a)
    # session, user, trajectory, its rounds, the viewer's memberships, the state of the SWOT
    # and of the intake
    with django_assert_max_num_queries(7) as queries:
        _page(coordinator_client, trajectory_a)
    assert not any('"swot_swotitem"' in query["sql"] for query in queries.captured_queries)


def test_a_changed_intake_renews_the_cached_suggestion_count(
    coordinator_client, trajectory_a, swot_a
):
    def count():
        url = reverse("swot:matrix", kwargs={"trajectory_pk": trajectory_a.pk})
        return coordinator_client.get(url).context["suggestion_count"]

    first = count()
    assert count() == first  # from the cache
    actor = LeisureActorFactory(trajectory=trajectory_a, in_partnership=False)
    assert count() == first + 1
    actor.delete()
    assert count() == first


def test_a_moved_and_a_deleted_item_show_on_the_next_view(
    coordinator_client, coordinator, trajectory_a, swot_a
):
    analysis = swot_a["analysis"]
    for statement in ("Eerste sterkte", "Tweede sterkte"):
        services.item_add(
            item=SwotItem(analysis=analysis, quadrant="S", statement=statement, theme="leisure"),
            by=coordinator,
        )

    def order() -> list[str]:
        strengths = _quadrant(_page(coordinator_client, trajectory_a), "S")
        return sorted(("Eerste sterkte", "Tweede sterkte"), key=strengths.index)

    assert order() == ["Eerste sterkte", "Tweede sterkte"]
    services.item_move(item=SwotItem.objects.get(statement="Tweede sterkte"), offset=-1)
    assert order() == ["Tweede sterkte", "Eerste sterkte"]
    services.item_delete(item=SwotItem.objects.get(statement="Tweede sterkte"))
    assert "Tweede sterkte" not in _quadrant(_page(coordinator_client, trajectory_a), "S")
