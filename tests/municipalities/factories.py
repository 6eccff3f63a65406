"""Factories for the intake records the spreadsheet import reads and writes."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from municipalities.models import (
    Area,
    CareProvider,
    LeisureActor,
    PostalCode,
    School,
    Site,
    SiteYear,
)
from tests.factories import TrajectoryFactory, next_number


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area

    trajectory = factory.SubFactory(TrajectoryFactory)
    name = factory.Sequence(lambda n: f"Deelgemeente {n}")


class SchoolFactory(DjangoModelFactory):
    class Meta:
        model = School

    trajectory = factory.SubFactory(TrajectoryFactory)
    institution_number = factory.Sequence(lambda n: f"{100000 + n:06d}")
    name = factory.Sequence(lambda n: f"Basisschool {n}")
    network = School.Network.FREE_CATHOLIC
    levels = factory.LazyFunction(lambda: ["kleuter", "lager"])


class SiteFactory(DjangoModelFactory):
    class Meta:
        model = Site

    school = factory.SubFactory(SchoolFactory)
    site_number = next_number(Site, "school", field="site_number")
    name = ""
    street = factory.Sequence(lambda n: f"Schoolstraat {n + 1}")
    postal_code = "3800"
    setting = Site.Setting.URBAN
    latitude = Decimal("50.816300")
    longitude = Decimal("5.186600")
    care_offer = factory.LazyFunction(lambda: ["morning", "after_school"])


class SiteYearFactory(DjangoModelFactory):
    class Meta:
        model = SiteYear

    site = factory.SubFactory(SiteFactory)
    school_year = "2025-2026"
    pupils_5_10 = 150
    pupils_11_15 = 10
    gok_school_allowance = Decimal("24.0")
    gok_home_language = Decimal("18.5")
    gok_neighbourhood = Decimal("20.0")
    gok_mother_education = Decimal("15.0")


class CareProviderFactory(DjangoModelFactory):
    class Meta:
        model = CareProvider
        skip_postgeneration_save = True

    trajectory = factory.SubFactory(TrajectoryFactory)
    name = factory.Sequence(lambda n: f"IBO {n}")
    kind = CareProvider.Kind.IBO
    recognition = CareProvider.Recognition.RECOGNISED
    capacity_5_10 = 40
    capacity_11_15 = 0
    enrolled_children = 110
    slots = factory.LazyFunction(lambda: ["morning", "after_school", "holidays"])
    address = "Speelstraat 4, 3800 Sint-Truiden"

    @factory.post_generation
    def sites_served(self, create, extracted, **kwargs):
        if create and extracted:
            self.sites_served.set(extracted)


class LeisureActorFactory(DjangoModelFactory):
    class Meta:
        model = LeisureActor

    trajectory = factory.SubFactory(TrajectoryFactory)
    name = factory.Sequence(lambda n: f"Sportclub {n}")
    kind = LeisureActor.Kind.SPORT
    age_groups = factory.LazyFunction(lambda: ["5-10"])
    participants = 60
    cost_level = LeisureActor.CostLevel.LOW
    location = "Sporthal"
    slots = factory.LazyFunction(lambda: ["wednesday"])
    contact_name = "An Peeters"
    contact_email = "an@example.be"
    contact_phone = "+32 11 12 34 56"
    in_partnership = True


SINT_TRUIDEN_POSTAL_CODES = ("3800", "3803", "3806")


def add_postal_codes(municipality, codes=SINT_TRUIDEN_POSTAL_CODES) -> None:
    """Give a test municipality its postal codes without loading the reference data."""
    PostalCode.objects.bulk_create(
        [PostalCode(code=code, municipality=municipality) for code in codes]
    )
