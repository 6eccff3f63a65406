import factory
from django.db.models import Max
from factory.django import DjangoModelFactory

from municipalities.models import Membership, Municipality, Province, Region, Trajectory
from plus_portal.models import User

TEST_PASSWORD = "a-test-password-1"


def next_number(model, parent, field="number"):
    """The next free number under the same parent, for a numbering that must be unique there.

    A factory sequence would collide with a record a fixture made with an explicit number,
    depending on which test happened to run first in the process.
    """

    def number(resolved):
        taken = model._base_manager.filter(**{parent: getattr(resolved, parent)})
        return (taken.aggregate(last=Max(field))["last"] or 0) + 1

    return factory.LazyAttribute(number)


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("nis_code",)

    nis_code = factory.Sequence(lambda n: f"{71100 + n:05d}")
    name_nl = factory.Sequence(lambda n: f"Gemeente {n}")
    name_fr = factory.SelfAttribute("name_nl")
    province = Province.LIMBURG
    region = Region.FLANDERS


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_BE")
    last_name = factory.Faker("last_name", locale="nl_BE")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.be")
    role = User.Role.OFFICIAL
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        for municipality in extracted or []:
            Membership.objects.create(user=self, municipality=municipality)


class TrajectoryFactory(DjangoModelFactory):
    class Meta:
        model = Trajectory

    municipality = factory.SubFactory(MunicipalityFactory)
    cycle_start_year = 2026
    cycle_end_year = 2031
