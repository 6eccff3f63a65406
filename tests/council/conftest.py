"""What the council tests share: an approved version of plan A, and the day the twins and
the public PDF are read on, with the PDFs stored in a folder of the test's own."""

import datetime

import pytest
import time_machine

from actionplans import services

TWINS_DAY = datetime.datetime(2027, 3, 15, 10, tzinfo=datetime.UTC)


@pytest.fixture
def on_twins_day(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(TWINS_DAY, tick=False):
        yield


@pytest.fixture
def version(plan_a, coordinator, official_a):
    """Plan A's first version, submitted by the coordinator and approved by its official."""
    made = services.plan_submit(plan=plan_a["plan"], by=coordinator)
    services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)
    return made
