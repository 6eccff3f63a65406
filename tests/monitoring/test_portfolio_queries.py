"""The portfolio runs the same number of queries for 3 municipalities as for all 285.

``build_trajectories`` bulk-creates light but complete trajectories (a plan in force or in
review, an action with a subsidy call, sessions with and without attendance, an indicator with
a target, a placed worker, a weakness, an unanswered remark, a cooperation agreement ending and,
for one in five, a planning cycle ending this year), fast enough for a test; the
benchmark ``bench/portfolio.py`` uses it too.
"""

import datetime
import itertools
from decimal import Decimal

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans.models import (
    Action,
    ActionPlan,
    Decision,
    FundingSource,
    Objective,
    Plan,
    PlanVersion,
)
from execution.models import Attendance, Enrolment, Session
from monitoring.models import Indicator, IndicatorTarget
from monitoring.portfolio import portfolio_for
from municipalities.models import (
    CooperationAgreement,
    Municipality,
    Province,
    Region,
    Trajectory,
)
from plus_portal.models import Comment, User
from staffing.models import Placement, Worker
from swot.models import Quadrant, SwotAnalysis, SwotItem, Theme

TODAY = datetime.date(2026, 11, 20)
PROVINCES = [
    Province.LIMBURG,
    Province.VLAAMS_BRABANT,
    Province.ANTWERPEN,
    Province.OOST_VLAANDEREN,
    Province.WEST_VLAANDEREN,
]
PHASES = [phase for phase, _label in Trajectory.Phase.choices]
SESSION_DAYS = tuple(datetime.date(2026, 11, day) for day in (3, 4, 5, 6, 9, 10, 12, 13))
_batch = itertools.count(1)


def build_trajectories(
    count: int,
    *,
    official: User,
    coordinator: User | None = None,
    session_days: tuple[datetime.date, ...] = SESSION_DAYS,
) -> list:
    """``count`` trajectories in several provinces and every phase, each with a plan (in
    review, approved, being amended or a draft), sessions, a worker, an indicator, a weakness,
    a remark and a cooperation agreement ending within 60 days; one in five has its planning
    cycle end this year.
    ``official`` writes the remarks and decisions; ``coordinator`` (if given) coordinates them;
    each trajectory has a session on each of ``session_days``, two in three with attendance."""
    batch = next(_batch)
    municipalities = Municipality.objects.bulk_create(
        Municipality(
            # Codes no real municipality has, so the reference data may be loaded too.
            nis_code=f"X{batch % 10}{n:03d}",
            name_nl=f"Testgemeente {batch}-{n:03d}",
            name_fr=f"Testgemeente {batch}-{n:03d}",
            province=PROVINCES[n % len(PROVINCES)],
            region=Region.FLANDERS,
        )
        for n in range(count)
    )
    if coordinator is not None:
        coordinator.memberships.model.objects.bulk_create(
            coordinator.memberships.model(user=coordinator, municipality=m) for m in municipalities
        )
    trajectories = Trajectory.objects.bulk_create(
        Trajectory(
            municipality=m,
            phase=PHASES[n % len(PHASES)],
            phase_started_on=TODAY,
            cycle_end_year=2026 if n % 5 == 0 else 2031,
        )
        for n, m in enumerate(municipalities)
    )
    CooperationAgreement.objects.bulk_create(
        CooperationAgreement(
            trajectory=t,
            status=CooperationAgreement.Status.SIGNED,
            signed_on=datetime.date(2024, 12, 1),
            starts_on=datetime.date(2025, 1, 1),
            ends_on=TODAY + datetime.timedelta(days=5 + n % 50),
        )
        for n, t in enumerate(trajectories)
    )
    plans = Plan.objects.bulk_create(
        Plan(
            trajectory=t,
            title=f"Plan {t.municipality.name_nl}",
            status=[Plan.Status.IN_REVIEW, Plan.Status.APPROVED, Plan.Status.DRAFT][n % 4 % 3],
        )
        for n, t in enumerate(trajectories)
    )
    versions = PlanVersion.objects.bulk_create(
        PlanVersion(plan=p, number=1, snapshot={}, content_hash="0" * 64, submitted_by=official)
        for p in plans
    )
    Decision.objects.bulk_create(
        Decision(version=v, outcome=Decision.Outcome.APPROVED, reason="", decided_by=official)
        for n, v in enumerate(versions)
        if n % 2
    )
    objectives = Objective.objects.bulk_create(
        Objective(plan=p, number=1, title="Elk kind een plek") for p in plans
    )
    action_plans = ActionPlan.objects.bulk_create(
        ActionPlan(objective=o, number=1, title="Opvang") for o in objectives
    )
    actions = Action.objects.bulk_create(
        Action(
            action_plan=a,
            number=1,
            title="Naschoolse opvang",
            owner="Dienst Vrije Tijd",
            age_groups=["5-10"],
            starts_on=datetime.date(2026, 9, 1),
            ends_on=datetime.date(2027, 6, 30),
        )
        for a in action_plans
    )
    FundingSource.objects.bulk_create(
        FundingSource(
            action=a,
            kind=FundingSource.Kind.PROJECT_SUBSIDY,
            year=2027,
            amount=Decimal("5000"),
            call_name="Oproep vrijetijdsparticipatie",
            call_deadline=TODAY + datetime.timedelta(days=10 + n % 40),
        )
        for n, a in enumerate(actions)
    )
    sessions = Session.objects.bulk_create(
        Session(
            trajectory=t,
            action=a,
            site=None,
            place_key="central",
            slot="after_school",
            planned_on=day,
            day=day,
            starts_at=datetime.time(15, 30),
            ends_at=datetime.time(18, 0),
            expected_children=14,
        )
        for t, a in zip(trajectories, actions, strict=True)
        for day in session_days
    )
    Attendance.objects.bulk_create(
        Attendance(session=s, children_5_10=10, vulnerable_5_10=2)
        for n, s in enumerate(sessions)
        if n % 3
    )
    Enrolment.objects.bulk_create(
        Enrolment(
            trajectory=t,
            site=None,
            age_group="5-10",
            school_year=2026,
            term="autumn",
            children=25 + n % 30,
            vulnerable=5,
        )
        for n, t in enumerate(trajectories)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            objective=o,
            name="Kinderen bereikt (5–10)",
            computed_key="children_reached_5_10",
            unit="kinderen",
        )
        for o in objectives
    )
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(indicator=i, year=2026, value=Decimal("40")) for i in indicators
    )
    workers = Worker.objects.bulk_create(
        Worker(
            first_name="Brugfiguur",
            last_name=f"{batch}-{n:03d}",
            function=Worker.Function.BRIDGE_FIGURE,
            regime=Worker.Regime.LDE,
            languages=["nl"],
            age_group_experience=[],
            contract_starts_on=datetime.date(2022, 3, 1),
            contract_ends_on=TODAY + datetime.timedelta(days=20 + n % 30),
            hours_per_week=Decimal("30"),
            trajectory_starts_on=datetime.date(2022, 3, 1),
        )
        for n in range(count)
    )
    Placement.objects.bulk_create(
        Placement(
            worker=w,
            trajectory=t,
            central_site_name="Centrale opvang",
            starts_on=datetime.date(2026, 9, 1),
            ends_on=datetime.date(2027, 6, 30),
            hours_per_week=Decimal("10"),
        )
        for w, t in zip(workers, trajectories, strict=True)
    )
    analyses = SwotAnalysis.objects.bulk_create(SwotAnalysis(trajectory=t) for t in trajectories)
    SwotItem.objects.bulk_create(
        SwotItem(
            analysis=a,
            theme=Theme.CHILDCARE,
            quadrant=Quadrant.WEAKNESS,
            statement="Te weinig opvangplaatsen op woensdagnamiddag"
            if n % 3
            else f"Eigen zwakte {n}",
            priority=1,
            age_groups=["5-10"],
        )
        for n, a in enumerate(analyses)
    )
    action_type = ContentType.objects.get_for_model(Action)
    Comment.objects.bulk_create(
        Comment(
            trajectory=t,
            target_type=action_type,
            target_id=a.pk,
            author=official,
            body="Wie begeleidt deze opvang?",
        )
        for t, a in zip(trajectories, actions, strict=True)
    )
    return trajectories


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("portfolio:portfolio"))
    assert response.status_code == 200
    return len(queries)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC), tick=False):
        yield


def test_the_same_queries_for_3_as_for_285_municipalities(administrator, administrator_client):
    official = User.objects.create(username="official.test", role=User.Role.OFFICIAL)
    build_trajectories(3, official=official)
    few = _queries(administrator_client)
    build_trajectories(282, official=official)
    assert Trajectory.objects.count() == 285
    many = _queries(administrator_client)
    assert many == few
    # 21 before cooperation agreements ending were alerted (one query for all trajectories);
    # planning cycles ending are read from the trajectories already loaded.
    assert many <= 22, many


def test_a_coordinator_s_portfolio_is_fixed_too(coordinator, coordinator_client):
    official = User.objects.create(username="official.test", role=User.Role.OFFICIAL)
    build_trajectories(3, official=official, coordinator=coordinator)
    few = _queries(coordinator_client)
    build_trajectories(40, official=official, coordinator=coordinator)
    assert _queries(coordinator_client) == few


def test_the_built_data_shows_every_kind_of_alert(administrator, administrator_client):
    official = User.objects.create(username="official.test", role=User.Role.OFFICIAL)
    build_trajectories(6, official=official)
    administrator_client.cookies["django_language"] = "en"
    page = administrator_client.get(reverse("portfolio:portfolio")).text
    for text in (
        "Plan awaits a decision",
        "remark(s) awaiting a reply",
        "Subsidy call closes",
        "contract ends",
        "work trajectory ends",
        "session(s) without attendance",
        "Indicator behind target",
        "Te weinig opvangplaatsen op woensdagnamiddag",
        "amendment in progress",
        "Cooperation agreement ends",
        "Planning cycle 2026–2026 ends",
    ):
        assert text in page, text


LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def test_the_indicators_points_are_measured_again_only_when_their_data_changes(
    administrator, administrator_client, settings
):
    settings.CACHES = LOCAL_CACHE
    official = User.objects.create(username="official.test", role=User.Role.OFFICIAL)
    [trajectory, *_others] = build_trajectories(3, official=official)
    cold = _queries(administrator_client)
    assert _queries(administrator_client) < cold
    Enrolment.objects.filter(trajectory=trajectory).update(children=60)
    Enrolment.objects.create(
        trajectory=trajectory,
        site=None,
        age_group="5-10",
        school_year=2026,
        term="winter",
        children=70,
    )
    assert _queries(administrator_client) == cold
    points = portfolio_for(administrator, {}, today=TODAY).comparison.rows
    assert points[0][1][0].actual == 70
