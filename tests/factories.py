import factory
from factory.django import DjangoModelFactory

from municipalities.models import Membership, Municipality, Province, Region, Trajectory
from plus_portal.models import User

TEST_PASSWORD = "a-test-password-1"


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
