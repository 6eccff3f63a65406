import datetime
import uuid

import factory
from factory.django import DjangoModelFactory

from surveys.models import Response, Survey
from tests.factories import TrajectoryFactory


class SurveyFactory(DjangoModelFactory):
    class Meta:
        model = Survey
        skip_postgeneration_save = True

    trajectory = factory.SubFactory(TrajectoryFactory)
    name = factory.Sequence(lambda n: f"opvang {2027 + n}")
    opens_on = datetime.date(2027, 2, 1)
    closes_on = datetime.date(2027, 3, 31)

    @factory.post_generation
    def sites(self, create, extracted, **kwargs):
        if extracted:
            self.sites.set(extracted)


class ResponseFactory(DjangoModelFactory):
    class Meta:
        model = Response

    survey = factory.SubFactory(SurveyFactory)
    kind = Response.Kind.PARENT
    language = "nl-be"
    submission_key = factory.LazyFunction(uuid.uuid4)
    submitted_on = datetime.date(2027, 2, 10)
    age_groups = factory.LazyFunction(lambda: ["5-10"])
    moments = factory.LazyFunction(lambda: ["after_school"])
