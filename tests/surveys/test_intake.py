"""From survey to intake: the proposal, applying it (idempotent), its page and who may use it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actionplans.coverage import coverage_matrix, needs_for, sites_for
from municipalities.models import Area, Need
from surveys import intake
from surveys.models import Burst, Response, SurveyNeed
from tests.actionplans.snapshot_data import snapshot_data
from tests.surveys.factories import ResponseFactory, SurveyFactory


def t(text):
    return datetime.time.fromisoformat(text)


@pytest.fixture
def survey(trajectory_a):
    """Velm: 5 parents' answers (shown); Brustem: 2 (folded); 1 without area; a child's
    answer and a pending burst's answer, neither of which makes a need."""
    velm = Area.objects.create(trajectory=trajectory_a, name="Velm")
    brustem = Area.objects.create(trajectory=trajectory_a, name="Brustem")
    survey = SurveyFactory(trajectory=trajectory_a, name="opvang 2027")
    for pickup, holidays in [
        ("16:00", ["summer"]),
        ("17:00", ["summer", "easter"]),
        ("17:30", ["summer"]),
        ("18:00", []),
        (None, []),
    ]:
        ResponseFactory(
            survey=survey,
            area=velm,
            pickup_time=t(pickup) if pickup else None,
            holidays=holidays,
        )
    ResponseFactory(survey=survey, area=brustem, pickup_time=t("18:30"))
    ResponseFactory(survey=survey, area=brustem, age_groups=["11-15"], moments=["wednesday"])
    ResponseFactory(
        survey=survey,
        age_groups=["5-10", "11-15"],
        moments=["after_school", "lunchtime"],
        pickup_time=t("16:30"),
    )
    ResponseFactory(survey=survey, area=velm, kind=Response.Kind.CHILD, moments=["morning"])
    burst = Burst.objects.create(survey=survey, first_at=timezone.now(), last_at=timezone.now())
    ResponseFactory(survey=survey, area=velm, burst=burst, moments=["morning"])
    survey.velm, survey.brustem = velm, brustem
    return survey


def table(rows):
    return [
        (
            row.age_group,
            row.area.name if row.area else None,
            row.slot,
            row.holiday,
            row.respondents,
            row.answers,
            row.until,
        )
        for row in rows
    ]


def test_the_proposal_folds_small_areas_splits_holidays_and_summarises_pick_up(survey):
    assert table(intake.proposal(survey)) == [
        # Brustem's 2 answers and the one without area: the whole municipality (3 answers).
        ("5-10", None, "after_school", "", 2, 3, t("18:30")),
        ("5-10", None, "lunchtime", "", 1, 3, None),
        ("5-10", "Velm", "after_school", "", 5, 5, t("17:30")),
        ("5-10", "Velm", "holidays", "easter", 1, 5, None),
        ("5-10", "Velm", "holidays", "summer", 3, 5, None),
        ("11-15", None, "after_school", "", 1, 3, t("16:30")),
        ("11-15", None, "wednesday", "", 1, 3, None),
        ("11-15", None, "lunchtime", "", 1, 3, None),
    ]


def test_until_is_the_latest_time_at_least_half_need():
    assert intake.until_of([t("16:00"), t("17:00"), t("17:30"), t("18:00")]) == t("17:30")
    assert intake.until_of([t("16:00"), t("17:00"), t("18:00")]) == t("17:00")
    assert intake.until_of([]) is None


def needs_table(trajectory):
    return sorted(
        (n.pk, n.age_group, n.area_id or 0, n.slot, tuple(n.holiday_periods), n.respondents)
        for n in Need.objects.filter(trajectory=trajectory)
    )


def test_applying_writes_needs_with_their_source_and_twice_changes_nothing(survey, in_english):
    rows = intake.proposal(survey)
    first = intake.apply(survey, [row.key for row in rows])
    assert (first.added, first.updated) == (8, 0)
    after_first = needs_table(survey.trajectory)

    second = intake.apply(survey, [row.key for row in intake.proposal(survey)])

    assert (second.added, second.updated, second.removed) == (0, 8, 0)
    assert needs_table(survey.trajectory) == after_first
    assert SurveyNeed.objects.filter(survey=survey).count() == 8
    need = Need.objects.get(area=survey.velm, slot="after_school")
    assert need.source == Need.Source.SURVEY
    assert need.source_name == "bevraging opvang 2027"
    assert need.voiced_by == Need.Voice.PARENTS
    assert (need.respondents, need.children_concerned, need.until) == (5, 5, t("17:30"))
    assert need.description == "5 of 5 answers (bevraging opvang 2027, 1/2/2027–31/3/2027)"
    summer = Need.objects.get(area=survey.velm, holiday_periods=["summer"])
    assert summer.slot == "holidays"
    assert summer.respondents == 3


def test_only_ticked_rows_are_saved_and_stale_ones_go_only_when_asked(survey):
    rows = intake.proposal(survey)
    intake.apply(survey, [row.key for row in rows])
    # Two of Velm's answers are discarded: Velm falls under 5 and folds into the whole.
    burst = Burst.objects.create(
        survey=survey,
        first_at=timezone.now(),
        last_at=timezone.now(),
        status=Burst.Status.DISCARDED,
    )
    Response.objects.filter(area=survey.velm, pickup_time__in=[t("16:00"), t("17:00")]).update(
        burst=burst
    )
    rows = intake.proposal(survey)
    assert all(row.area is None for row in rows)

    kept = intake.apply(survey, [rows[0].key])
    assert (kept.added, kept.updated, kept.removed) == (0, 1, 0)
    assert Need.objects.filter(area=survey.velm).count() == 3

    removed = intake.apply(survey, [rows[0].key], remove_stale=True)
    assert removed.removed == 3
    assert not Need.objects.filter(area=survey.velm).exists()


def test_a_need_that_fails_validation_saves_nothing(survey, monkeypatch):
    rows = intake.proposal(survey)
    original = intake.ProposedNeed.fill

    def broken(self, need, survey):
        original(self, need, survey)
        if self.slot == "lunchtime":
            need.until = t("18:00")  # Need.clean: only after school has an end time

    monkeypatch.setattr(intake.ProposedNeed, "fill", broken)
    with pytest.raises(Exception):  # noqa: B017, PT011 - ValidationError from full_clean
        intake.apply(survey, [row.key for row in rows])
    assert not Need.objects.filter(trajectory=survey.trajectory).exists()


def test_the_coverage_matrix_shows_the_needs_once_applied(survey):
    trajectory = survey.trajectory
    empty_plan = snapshot_data([])

    def velm_after_school():
        matrix = coverage_matrix(empty_plan, needs_for(trajectory), sites_for(trajectory))
        return [
            (cell.need, cell.status)
            for row in matrix.rows
            if row.age_group == "5-10" and row.area == "Velm"
            for cell in row.cells
            if cell.column == "after_school"
        ]

    assert velm_after_school() == []
    intake.apply(survey, [row.key for row in intake.proposal(survey)])
    assert velm_after_school() == [(5, "uncovered")]


def test_the_swot_hears_the_families_once_applied(survey, in_english):
    from swot.indicators import compute_suggestions

    def families_voice():
        return [s for s in compute_suggestions(survey.trajectory) if s.key == "families-voice"]

    assert families_voice() == []
    intake.apply(survey, [row.key for row in intake.proposal(survey)])
    [strength] = families_voice()
    assert "bevraging opvang 2027" in strength.statement
    assert set(strength.evidence["evidence_needs"]) == set(
        SurveyNeed.objects.filter(survey=survey).values_list("need_id", flat=True)
    )


# --- The page ---------------------------------------------------------------------------------


def url(survey, trajectory_pk=None):
    return reverse(
        "survey_intake:proposal",
        kwargs={"trajectory_pk": trajectory_pk or survey.trajectory_id, "pk": survey.pk},
    )


def test_the_page_shows_the_rows_ticked_and_saving_redirects_to_the_needs(
    client, coordinator, survey, django_assert_max_num_queries
):
    client.force_login(coordinator)
    client.cookies["django_language"] = "en"
    with django_assert_max_num_queries(15):
        response = client.get(url(survey))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('name="rows"') == 8
    assert html.count(" checked") == 8
    assert "17:30" in html

    keys = [row.key for row in intake.proposal(survey)]
    response = client.post(url(survey), {"rows": keys})
    needs_url = reverse(
        "municipalities:record_list", kwargs={"pk": survey.trajectory_id, "section": "needs"}
    )
    assert response.status_code == 302
    assert response.url == needs_url
    page = client.get(needs_url).content.decode()
    assert "8 needs added, 0 needs updated." in page
    assert "bevraging opvang 2027" in page

    response = client.post(url(survey), {"rows": keys}, follow=True)
    assert "0 needs added, 8 needs updated." in response.content.decode()
    assert Need.objects.filter(trajectory=survey.trajectory).count() == 8


def test_the_query_count_does_not_grow_with_the_needs(
    client, coordinator, survey, django_assert_max_num_queries
):
    intake.apply(survey, [row.key for row in intake.proposal(survey)])
    client.force_login(coordinator)
    with django_assert_max_num_queries(15):
        assert client.get(url(survey)).status_code == 200


@pytest.mark.parametrize(
    "data",
    [
        {"rows": ["5-10|0|after_school|", "5-10|999|after_school|"]},
        {"rows": ["x" * 500]},
        {"rows": []},
        {"remove_stale": "on"},
    ],
)
def test_tampered_rows_are_refused_without_saving(client, coordinator, survey, data):
    client.force_login(coordinator)
    response = client.post(url(survey), data)
    assert response.status_code == 400
    assert not Need.objects.filter(trajectory=survey.trajectory).exists()


def test_officials_may_not_use_it(client, official_a, survey):
    client.force_login(official_a)
    assert client.get(url(survey)).status_code in (403, 404)
    assert client.post(url(survey), {"rows": []}).status_code in (403, 404)
    assert not Need.objects.exists()


def test_another_municipality_sees_nothing(client, official_b, survey, trajectory_b):
    client.force_login(official_b)
    assert client.get(url(survey)).status_code == 404
    other = SurveyFactory(trajectory=trajectory_b)
    assert client.get(url(other, trajectory_pk=survey.trajectory_id)).status_code == 404


def test_a_survey_of_another_trajectory_is_not_found(client, coordinator, survey, trajectory_b):
    client.force_login(coordinator)
    other = SurveyFactory(trajectory=trajectory_b)
    assert client.get(url(other, trajectory_pk=survey.trajectory_id)).status_code == 404
    assert client.get(url(other)).status_code == 404


def test_needs_of_a_survey_can_be_evidence_of_a_swot_item(client, coordinator, survey, swot_a):
    intake.apply(survey, [row.key for row in intake.proposal(survey)])
    item = swot_a["W1"]
    item.evidence_needs.set(Need.objects.filter(area=survey.velm, slot="after_school"))
    client.force_login(coordinator)
    response = client.get(
        reverse("swot:item_detail", kwargs={"trajectory_pk": survey.trajectory_id, "pk": item.pk})
    )
    assert "bevraging opvang 2027" in response.content.decode()


def test_the_survey_page_links_to_the_proposal_for_writers_only(
    client, coordinator, official_a, survey
):
    detail = reverse(
        "surveys:detail", kwargs={"trajectory_pk": survey.trajectory_id, "pk": survey.pk}
    )
    client.force_login(coordinator)
    assert f'href="{url(survey)}"' in client.get(detail).content.decode()
    client.force_login(official_a)
    response = client.get(detail)
    assert response.status_code != 200 or f'href="{url(survey)}"' not in response.content.decode()
