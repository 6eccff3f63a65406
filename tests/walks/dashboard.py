"""Routes and data of this part of monitoring, for the persona × URL matrix and the bad-input walk.

``extend(world, objects)`` adds this part's records to the walk's world (``objects`` are the
model instances ``build_world`` made) and returns the ids to put in it; ``FILL`` maps each of
this part's route names to the URL kwargs to walk it with.

The dashboard and the financial execution: the world's plan action gets a spending row and a
receipt on its funding source (its plan is in review, so the pages say there is no plan in
force and its receipts page answers 404); the trajectory with a plan in force (made by the
progress walk) gets the same, so the pages are walked with figures too.
"""

import datetime
from decimal import Decimal


def _money_for(action, *, year: int, by) -> int:
    from actionplans.models import FundingSource
    from monitoring.models import FundingReceipt, Spending

    source = action.funding.order_by("pk").first() or FundingSource.objects.create(
        action=action, kind="boa", year=year, amount=Decimal("18500")
    )
    Spending.objects.create(action=action, year=year, amount=Decimal("9100"), recorded_by=by)
    FundingReceipt.objects.create(
        funding_source=source,
        received_on=datetime.date(year, 10, 1),
        amount=Decimal("9250"),
        recorded_by=by,
    )
    return source.pk


def extend(world: dict, objects: dict) -> dict:
    from actionplans.models import Action

    coordinator = objects["coordinator"]
    source = _money_for(objects["plan"]["action"], year=2026, by=coordinator)
    approved = Action.objects.get(pk=world["approved_action"])
    approved_source = _money_for(approved, year=2032, by=coordinator)
    return {"funding_source": source, "approved_funding_source": approved_source}


def _both(world, **extra):
    """The world's trajectory (plan in review) and the one with a plan in force."""
    return [
        {"trajectory_pk": world["trajectory"], **extra},
        {"trajectory_pk": world["approved_trajectory"], **extra},
    ]


FILL: dict = {
    "dashboard:overview": _both,
    "dashboard:finance": _both,
    "dashboard:spending": _both,
    "dashboard:receipts": lambda w: [
        {"trajectory_pk": w["trajectory"], "pk": w["funding_source"]},
        {"trajectory_pk": w["approved_trajectory"], "pk": w["approved_funding_source"]},
    ],
}
