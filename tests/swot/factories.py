"""Factories for the SWOT analysis, its items and its TOWS strategies."""

import factory
from factory.django import DjangoModelFactory

from swot.models import Quadrant, Strategy, SwotAnalysis, SwotItem, Theme
from tests.factories import TrajectoryFactory


class SwotAnalysisFactory(DjangoModelFactory):
    class Meta:
        model = SwotAnalysis

    trajectory = factory.SubFactory(TrajectoryFactory)


class SwotItemFactory(DjangoModelFactory):
    class Meta:
        model = SwotItem
        skip_postgeneration_save = True

    analysis = factory.SubFactory(SwotAnalysisFactory)
    theme = Theme.CHILDCARE
    quadrant = Quadrant.WEAKNESS
    statement = factory.Sequence(lambda n: f"Stelling {n}")
    priority = factory.Sequence(lambda n: n + 1)
    age_groups = factory.LazyFunction(lambda: ["5-10"])


class StrategyFactory(DjangoModelFactory):
    class Meta:
        model = Strategy
        skip_postgeneration_save = True

    analysis = factory.SubFactory(SwotAnalysisFactory)
    kind = Strategy.Kind.WO
    title = factory.Sequence(lambda n: f"Strategie {n}")
    priority = factory.Sequence(lambda n: n + 1)

    @factory.post_generation
    def items(self, create, extracted, **kwargs):
        if create and extracted:
            self.items.set(extracted)
