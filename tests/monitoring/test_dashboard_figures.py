"""The dashboard's figures: the week pattern (sessions held per slot and weekday),
participation per month per age group and site, and the charts drawn from them (each with a
title, a description and the same figures as a table)."""

import datetime
import re

import pytest
from django.urls import reverse

from execution.models import Session
from monitoring import charts, dashboard
from tests.execution.factories import AttendanceFactory, SessionFactory
from tests.monitoring import test_dashboard_rollup

pytestmark = pytest.mark.django_db

TODAY = test_dashboard_rollup.TODAY
two_actions = test_dashboard_rollup.two_actions
_today = test_dashboard_rollup._today

MONDAY, WEDNESDAY = datetime.date(2026, 10, 5), datetime.date(2026, 10, 7)


@pytest.fixture
def sessions(two_actions):
    action = two_actions["action"]
    held = [
        SessionFactory(action=action, day=MONDAY),
        SessionFactory(action=action, day=MONDAY + datetime.timedelta(days=7)),
        SessionFactory(action=action, day=WEDNESDAY, slot="wednesday"),
        SessionFactory(action=action, day=datetime.date(2026, 12, 2), slot="wednesday", site=None),
    ]
    AttendanceFactory(session=held[0], children_5_10=12, vulnerable_5_10=3)
    AttendanceFactory(session=held[1], children_5_10=10, vulnerable_5_10=2)
    AttendanceFactory(session=held[2], children_5_10=5, children_11_15=4)
    AttendanceFactory(session=held[3], children_5_10=7, children_11_15=1)
    # Not held: cancelled (its attendance does not count), and one without attendance.
    cancelled = SessionFactory(
        action=action,
        day=MONDAY + datetime.timedelta(days=14),
        status=Session.Status.CANCELLED,
        change_reason="Staking",
    )
    AttendanceFactory(session=cancelled, children_5_10=30)
    SessionFactory(action=action, day=MONDAY + datetime.timedelta(days=21))
    return held


def test_the_week_pattern_counts_sessions_held(sessions, trajectory_a):
    slots, counts = dashboard.week_pattern(trajectory_a)
    assert slots == ["after_school", "wednesday"]
    assert counts == [[2, 0, 0, 0, 0, 0, 0], [0, 0, 2, 0, 0, 0, 0]]


def test_participation_per_month_per_age_group_and_site(
    sessions, trajectory_a, intake_a, in_english
):
    taking_part = dashboard.participation(trajectory_a)
    assert taking_part.months == [
        datetime.date(2026, 10, 1),
        datetime.date(2026, 11, 1),  # an empty month between two is zero, not left out
        datetime.date(2026, 12, 1),
    ]
    assert taking_part.per_age_group == {"5–10 years": [27, 0, 7], "11–15 years": [4, 0, 1]}
    assert taking_part.per_site == {
        "Central site": [0, 0, 8],
        str(intake_a["site"]): [31, 0, 0],
    }


def test_no_attendance_is_an_empty_series(two_actions, trajectory_a):
    assert dashboard.participation(trajectory_a) == dashboard.Participation()
    assert dashboard.week_pattern(trajectory_a) == ([], [])


def test_every_chart_has_a_title_a_description_and_its_table(sessions, trajectory_a, in_english):
    board = dashboard.build_dashboard(trajectory_a, today=TODAY.date())
    assert set(board.charts) == {"progress", "age_groups", "sites", "week", "spending"}
    for chart in board.charts.values():
        svg = chart.svg
        assert svg.startswith("<svg")
        assert 'role="img"' in svg
        [title_id] = re.findall(r'<title id="([^"]+)">', svg)
        assert f'aria-labelledby="{title_id}"' in svg
        assert re.search(r'<desc id="[^"]+">[^<]+</desc>', svg)
        for unsafe in ("style=", "<script", "href"):
            assert unsafe not in svg
        assert len(chart.headers) == len(chart.rows[0])
    week = board.charts["week"]
    assert week.rows[0][:4] == ["After school", "2", "0", "0"]
    assert "After school, Mon: 2" in week.svg


def test_the_page_shows_each_chart_with_its_table(sessions, trajectory_a, coordinator_client):
    coordinator_client.cookies["django_language"] = "en"
    page = coordinator_client.get(
        reverse("dashboard:overview", kwargs={"trajectory_pk": trajectory_a.pk})
    ).text
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') == 5
    assert page.count("<details") == 5
    assert "Sessions held per slot and weekday" in page
    assert 'style="' not in page.split("<main", 1)[-1]


def test_text_in_a_chart_is_escaped():
    chart = charts.bar_chart(
        "x", "<b>budget</b>", ["2026"], [charts.Series("<script>", [1])], empty="none"
    )
    assert "<b>" not in chart.svg
    assert "<script>" not in chart.svg
    assert "&lt;script&gt;" in chart.svg


def test_a_chart_can_name_the_pdf_font(sessions, trajectory_a):
    board = dashboard.build_dashboard(
        trajectory_a, today=TODAY.date(), font_family="PLUS Report Sans"
    )
    assert all('font-family="PLUS Report Sans"' in c.svg for c in board.charts.values())
