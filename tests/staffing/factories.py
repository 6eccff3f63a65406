"""Factories for staff: workers with their trajectory, competences and availability, and
placements with weekly slots."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from staffing.models import (
    Availability,
    Competence,
    DevelopmentPlan,
    Milestone,
    Placement,
    PlacementSlot,
    Worker,
    WorkerCompetence,
)
from tests.factories import TrajectoryFactory


class CompetenceFactory(DjangoModelFactory):
    class Meta:
        model = Competence
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Competentie {n}")


class WorkerFactory(DjangoModelFactory):
    class Meta:
        model = Worker

    first_name = factory.Sequence(lambda n: f"Voornaam{n}")
    last_name = factory.Sequence(lambda n: f"Achternaam{n}")
    function = Worker.Function.BRIDGE_FIGURE
    # LDE, the regime with a trajectory end, employed before the last day a new LDE
    # employment could start (30 June 2023).
    regime = Worker.Regime.LDE
    languages = factory.LazyFunction(lambda: ["nl"])
    age_group_experience = factory.LazyFunction(list)
    contract_starts_on = datetime.date(2023, 6, 1)
    hours_per_week = Decimal("30")
    trajectory_starts_on = datetime.date(2024, 1, 1)


class WorkerCompetenceFactory(DjangoModelFactory):
    class Meta:
        model = WorkerCompetence

    worker = factory.SubFactory(WorkerFactory)
    competence = factory.SubFactory(CompetenceFactory)
    level = WorkerCompetence.Level.GOOD


class AvailabilityFactory(DjangoModelFactory):
    class Meta:
        model = Availability

    worker = factory.SubFactory(WorkerFactory)
    weekday = 0
    starts_at = datetime.time(11, 30)
    ends_at = datetime.time(18, 30)


class DevelopmentPlanFactory(DjangoModelFactory):
    class Meta:
        model = DevelopmentPlan

    worker = factory.SubFactory(WorkerFactory)
    current_competences = "Begeleidt kleine groepen."
    target_competences = "Draagt zelfstandig een naschoolse werking."
    reviewed_on = datetime.date(2026, 1, 10)


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone

    worker = factory.SubFactory(WorkerFactory)
    kind = Milestone.Kind.EVALUATION


class PlacementFactory(DjangoModelFactory):
    class Meta:
        model = Placement
        skip_postgeneration_save = True

    worker = factory.SubFactory(WorkerFactory)
    trajectory = factory.SubFactory(TrajectoryFactory)
    central_site_name = "Centrale opvang"
    starts_on = datetime.date(2026, 9, 1)
    ends_on = datetime.date(2027, 6, 30)
    hours_per_week = Decimal("10")

    @factory.post_generation
    def actions(self, create, extracted, **kwargs):
        if create and extracted:
            self.actions.set(extracted)


class PlacementSlotFactory(DjangoModelFactory):
    class Meta:
        model = PlacementSlot

    placement = factory.SubFactory(PlacementFactory)
    weekday = 0
    holiday_period = ""
    starts_at = datetime.time(15, 30)
    ends_at = datetime.time(18, 0)
