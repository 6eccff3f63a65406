"""A development plan (POP) is reviewed before each evaluation: the alert says when that is
due, and stays quiet when there is nothing to prepare."""

import datetime

import pytest

from staffing.models import Worker
from staffing.rules import pop_review_due
from tests.staffing.factories import DevelopmentPlanFactory, MilestoneFactory, WorkerFactory

D = datetime.date
TODAY = D(2026, 11, 27)

pytestmark = pytest.mark.django_db


def _due(worker) -> bool:
    fresh = Worker.objects.select_related("pop").prefetch_related("milestones").get(pk=worker.pk)
    return pop_review_due(fresh, today=TODAY)


def test_no_pop_at_all_is_due_once_the_trajectory_started():
    assert _due(WorkerFactory(trajectory_starts_on=D(2026, 1, 1)))


def test_no_pop_is_not_due_before_the_trajectory_starts():
    assert not _due(WorkerFactory(trajectory_starts_on=D(2027, 1, 1)))


def test_review_before_the_last_evaluation_held_is_due():
    worker = WorkerFactory()
    DevelopmentPlanFactory(worker=worker, reviewed_on=D(2026, 3, 1))
    MilestoneFactory(worker=worker, planned_on=D(2026, 6, 1), done_on=D(2026, 6, 3))
    MilestoneFactory(worker=worker, planned_on=D(2026, 12, 10))
    assert _due(worker)


def test_review_after_the_last_evaluation_held_is_not_due():
    worker = WorkerFactory()
    DevelopmentPlanFactory(worker=worker, reviewed_on=D(2026, 6, 3))
    MilestoneFactory(worker=worker, planned_on=D(2026, 6, 1), done_on=D(2026, 6, 3))
    MilestoneFactory(worker=worker, planned_on=D(2026, 12, 10))
    assert not _due(worker)


def test_without_an_evaluation_held_the_review_counts_within_30_days_of_the_planned_one():
    worker = WorkerFactory()
    pop = DevelopmentPlanFactory(worker=worker, reviewed_on=D(2026, 11, 10))
    MilestoneFactory(worker=worker, planned_on=D(2026, 12, 10))
    assert not _due(worker)  # reviewed exactly 30 days before
    pop.reviewed_on = D(2026, 11, 9)
    pop.save(update_fields=["reviewed_on"])
    assert _due(worker)


def test_an_evaluation_planned_today_still_counts():
    worker = WorkerFactory()
    DevelopmentPlanFactory(worker=worker, reviewed_on=D(2026, 1, 1))
    MilestoneFactory(worker=worker, planned_on=TODAY)
    assert _due(worker)


def test_nothing_is_due_without_a_coming_evaluation():
    worker = WorkerFactory()
    DevelopmentPlanFactory(worker=worker, reviewed_on=D(2025, 1, 1))
    MilestoneFactory(worker=worker, planned_on=D(2026, 6, 1), done_on=D(2026, 6, 1))
    MilestoneFactory(worker=worker, kind="traineeship", planned_on=D(2027, 2, 1))
    assert not _due(worker)


def test_nothing_is_due_once_an_outcome_is_recorded():
    worker = WorkerFactory(outcome=Worker.Outcome.REGULAR_JOB, outcome_employer="Colruyt")
    assert not _due(worker)


def test_a_list_of_workers_asks_without_a_query_per_worker(django_assert_num_queries):
    for index in range(5):
        worker = WorkerFactory()
        if index % 2:
            DevelopmentPlanFactory(worker=worker, reviewed_on=D(2026, 1, 1))
        MilestoneFactory(worker=worker, planned_on=D(2026, 12, 10))
    with django_assert_num_queries(2):
        workers = Worker.objects.select_related("pop").prefetch_related("milestones")
        answers = [pop_review_due(worker, today=TODAY) for worker in workers]
    assert answers == [True] * 5
