"""Shared data for the attendance tests: a session of A's action on Monday 5 October 2026
(the day the tests are frozen on), with the bridge figure's worker on it."""

import datetime

import pytest
import time_machine

from tests.execution.factories import SessionFactory, StaffPresenceFactory

MONDAY = datetime.date(2026, 10, 5)


@pytest.fixture
def on_monday():
    with time_machine.travel(datetime.datetime(2026, 10, 5, 19, tzinfo=datetime.UTC), tick=False):
        yield MONDAY


@pytest.fixture
def session_a(plan_a, bridge_figure, on_monday):
    session = SessionFactory(action=plan_a["action"], day=MONDAY)
    StaffPresenceFactory(session=session, worker=bridge_figure.worker)
    return session
