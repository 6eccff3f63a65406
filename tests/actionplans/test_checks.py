"""Plan checks: funding gaps, unfunded and ownerless actions, subsidy deadlines coming up."""

from datetime import date, timedelta
from decimal import Decimal

from actionplans.checks import (
    DEADLINE_WINDOW_DAYS,
    DeadlineSoon,
    FundingGap,
    OwnerlessAction,
    UnfundedAction,
    plan_checks,
)
from tests.actionplans.snapshot_data import (
    action_data,
    action_plan_data,
    objective_data,
    snapshot_data,
)

TODAY = date(2026, 3, 2)


def action(code="A1.1.1", *, status="planned", owner="Koen Vanhees", budget=(), funding=()):
    """An action of the snapshot schema; ``budget`` as (year, amount), ``funding`` as dicts."""
    return action_data(
        code,
        status=status,
        owner=owner,
        age_groups=["5-10"],
        budget_lines=[
            {"category": "activities", "year": year, "amount": amount, "description": ""}
            for year, amount in budget
        ],
        funding=[
            {
                "kind": "municipal",
                "year": 2026,
                "amount": "0.00",
                "call_name": "",
                "call_deadline": None,
                **source,
            }
            for source in funding
        ],
    )


def snapshot(*actions):
    return snapshot_data([objective_data("BD1", [action_plan_data("AP1.1", actions)])], schema=1)


def subsidy(deadline, *, call="Oproep Brede School", amount="5000.00", kind="project_subsidy"):
    return {
        "kind": kind,
        "year": 2026,
        "amount": amount,
        "call_name": call,
        "call_deadline": deadline,
    }


def test_a_balanced_plan_is_clean():
    checks = plan_checks(
        snapshot(
            action(
                budget=[(2026, "1000.00"), (2027, "500.00")],
                funding=[
                    {"year": 2026, "amount": "600.00"},
                    {"kind": "boa", "year": 2026, "amount": "400"},
                    {"year": 2027, "amount": "500.00"},
                ],
            ),
            action("A1.1.2"),  # no cost, no funding: nothing to say
        ),
        today=TODAY,
    )

    assert checks.funding_gaps == []
    assert checks.unfunded_actions == []
    assert checks.actions_without_owner == []
    assert checks.deadlines_soon == []
    assert checks.is_clean


def test_gaps_are_listed_for_the_whole_action_and_per_year():
    # Cost 1000 + 500 = 1500; funding 800 + 500 = 1300: short 200 in total, all of it in 2026.
    checks = plan_checks(
        snapshot(
            action(
                budget=[(2026, "600.00"), (2026, "400.00"), (2027, "500.00")],
                funding=[{"year": 2026, "amount": "800.00"}, {"year": 2027, "amount": "500.00"}],
            )
        ),
        today=TODAY,
    )

    assert checks.funding_gaps == [
        FundingGap("A1.1.1", "Actie A1.1.1", None, Decimal("1500.00"), Decimal("1300.00")),
        FundingGap("A1.1.1", "Actie A1.1.1", 2026, Decimal("1000.00"), Decimal("800.00")),
    ]
    assert checks.funding_gaps[0].difference == Decimal("200.00")
    assert checks.unfunded_actions == []
    assert not checks.is_clean


def test_funding_in_the_wrong_year_shows_only_year_gaps():
    checks = plan_checks(
        snapshot(action(budget=[(2026, "1000.00")], funding=[{"year": 2027, "amount": "1000"}])),
        today=TODAY,
    )

    assert [(gap.year, gap.difference) for gap in checks.funding_gaps] == [
        (2026, Decimal("1000.00")),
        (2027, Decimal("-1000")),
    ]


def test_more_funding_than_cost_is_a_negative_difference():
    checks = plan_checks(
        snapshot(action(budget=[(2026, "100.00")], funding=[{"year": 2026, "amount": "150.50"}])),
        today=TODAY,
    )

    assert [gap.difference for gap in checks.funding_gaps] == [Decimal("-50.50")] * 2


def test_an_action_with_cost_and_no_funding_is_unfunded():
    checks = plan_checks(
        snapshot(
            action("A1.1.1", budget=[(2026, "750.00"), (2027, "250.00")]),
            # A funding row of zero is no funding either.
            action("A1.1.2", budget=[(2026, "80.00")], funding=[{"year": 2026, "amount": "0"}]),
            action("A1.1.3", budget=[(2026, "0.00")]),
        ),
        today=TODAY,
    )

    assert checks.unfunded_actions == [
        UnfundedAction("A1.1.1", "Actie A1.1.1", Decimal("1000.00")),
        UnfundedAction("A1.1.2", "Actie A1.1.2", Decimal("80.00")),
    ]
    # They are gaps too: whole action and each year.
    assert [(gap.action_code, gap.year) for gap in checks.funding_gaps] == [
        ("A1.1.1", None),
        ("A1.1.1", 2026),
        ("A1.1.1", 2027),
        ("A1.1.2", None),
        ("A1.1.2", 2026),
    ]


def test_actions_without_an_owner_are_listed():
    checks = plan_checks(
        snapshot(action("A1.1.1", owner=""), action("A1.1.2", owner="  "), action("A1.1.3")),
        today=TODAY,
    )

    assert checks.actions_without_owner == [
        OwnerlessAction("A1.1.1", "Actie A1.1.1"),
        OwnerlessAction("A1.1.2", "Actie A1.1.2"),
    ]
    assert not checks.is_clean


def test_project_subsidy_deadlines_within_sixty_days_are_listed_by_date():
    last_day = TODAY + timedelta(days=DEADLINE_WINDOW_DAYS)  # 2026-05-01
    checks = plan_checks(
        snapshot(
            action(
                "A1.1.1",
                budget=[(2026, "7000.00")],
                funding=[
                    subsidy(last_day.isoformat(), call="Zomerkampen", amount="2000.00"),
                    subsidy((TODAY - timedelta(days=1)).isoformat(), call="Gisteren"),
                    subsidy((last_day + timedelta(days=1)).isoformat(), call="Te laat"),
                    subsidy(None, call="Zonder datum"),
                ],
            ),
            action(
                "A1.1.2",
                budget=[(2026, "5000.00")],
                funding=[
                    subsidy(TODAY.isoformat(), call="Vandaag"),
                    # Only project subsidies have calls to watch.
                    subsidy("2026-03-10", call="BOA", kind="boa"),
                ],
            ),
        ),
        today=TODAY,
    )

    assert checks.deadlines_soon == [
        DeadlineSoon("A1.1.2", "Actie A1.1.2", "Vandaag", TODAY, 0, Decimal("5000.00")),
        DeadlineSoon("A1.1.1", "Actie A1.1.1", "Zomerkampen", date(2026, 5, 1), 60, Decimal(2000)),
    ]
    assert not checks.is_clean


def test_dropped_actions_are_left_out():
    checks = plan_checks(
        snapshot(
            action(
                status="dropped",
                owner="",
                budget=[(2026, "900.00")],
                funding=[subsidy("2026-03-20", amount="100.00")],
            )
        ),
        today=TODAY,
    )

    assert checks.is_clean
