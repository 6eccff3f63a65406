"""Stored snapshot dicts for tests that need a plan tree, not a database: every field of the
schema (``actionplans.snapshots.Snapshot``) with a plain default, overridden per test."""

from actionplans.snapshots import SCHEMA_VERSION


def action_data(code: str = "A1.1.1", **fields) -> dict:
    return {
        "id": int("".join(filter(str.isdigit, code)) or 1),
        "code": code,
        "number": int(code.rsplit(".", 1)[-1]) if "." in code else 1,
        "title": f"Actie {code}",
        "description": "",
        "is_prioritair": False,
        "strategies": [],
        "swot_items": [],
        "age_groups": [],
        "at_central_site": False,
        "central_site_name": "",
        "sites": [],
        "slots": [],
        "partners": {"leisure_actors": [], "care_providers": [], "schools": []},
        "owner": "",
        "starts_on": None,
        "ends_on": None,
        "status": "planned",
        "progress": 0,
        "budget_lines": [],
        "funding": [],
        "budget_total": "0.00",
        "funding_total": "0.00",
        **fields,
    }


def slot_data(slot: str, holiday_period: str = "", expected_children: int = 0, **fields) -> dict:
    return {
        "slot": slot,
        "holiday_period": holiday_period,
        "starts_at": None,
        "ends_at": None,
        "expected_children": expected_children,
        **fields,
    }


def action_plan_data(code: str = "AP1.1", actions=(), **fields) -> dict:
    return {
        "id": int("".join(filter(str.isdigit, code)) or 1),
        "code": code,
        "number": int(code.rsplit(".", 1)[-1]),
        "title": f"Actieplan {code}",
        "description": "",
        "own_prioritair": False,
        "is_prioritair": False,
        "budget_total": "0.00",
        "funding_total": "0.00",
        "actions": list(actions),
        **fields,
    }


def objective_data(code: str = "BD1", action_plans=(), **fields) -> dict:
    return {
        "id": int(code.removeprefix("BD")),
        "code": code,
        "number": int(code.removeprefix("BD")),
        "title": f"Doelstelling {code}",
        "description": "",
        "own_prioritair": False,
        "is_prioritair": False,
        "strategies": [],
        "swot_items": [],
        "budget_total": "0.00",
        "funding_total": "0.00",
        "action_plans": list(action_plans),
        **fields,
    }


def snapshot_data(objectives=(), *, schema: int = SCHEMA_VERSION, totals=None, **plan) -> dict:
    return {
        "schema": schema,
        "plan": {
            "id": 1,
            "title": "Plan Sint-Truiden",
            "summary": "",
            "trajectory_id": 1,
            "municipality": {"nis_code": "71053", "name": "Sint-Truiden"},
            "cycle": {"start": 2026, "end": 2031},
            **plan,
        },
        "objectives": list(objectives),
        "totals": {
            "budget": "0.00",
            "funding": "0.00",
            "budget_by_year": {},
            "funding_by_year": {},
            "funding_by_source_and_year": {},
            **(totals or {}),
        },
    }
