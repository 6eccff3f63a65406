"""The small survey the results, review and export tests count by hand.

Site "Sint-Jozef Velm": 7 parents' answers (5 in Dutch, 2 in French); site "De Regenboog":
3 parents' answers (in Dutch, fewer than MINIMUM_CELL); 2 children's answers without a
site (in English); a pending burst of 4 answers at De Regenboog, not counted.
"""

from django.utils import timezone

from municipalities.models import Area, School, Site
from surveys.models import Burst, Response
from tests.surveys.factories import ResponseFactory, SurveyFactory


def make_site(trajectory, name, number, area=None):
    school, _created = School.objects.get_or_create(
        trajectory=trajectory,
        institution_number="036129",
        defaults={"name": "Scholengroep", "network": School.Network.FREE_CATHOLIC},
    )
    return Site.objects.create(
        school=school,
        site_number=number,
        name=name,
        street="Kerkstraat 1",
        postal_code="3800",
        area=area,
    )


def make_counted_survey(trajectory_a):
    velm = Area.objects.create(trajectory=trajectory_a, name="Velm")
    site_a = make_site(trajectory_a, "Sint-Jozef Velm", 1, area=velm)
    site_b = make_site(trajectory_a, "De Regenboog", 2)
    survey = SurveyFactory(trajectory=trajectory_a, sites=[site_a, site_b])
    for index in range(7):
        ResponseFactory(
            survey=survey,
            site=site_a,
            area=velm,
            language="nl-be" if index < 5 else "fr",
            age_groups=["5-10", "11-15"] if index == 0 else ["5-10"],
            moments=["after_school", "wednesday"] if index < 3 else ["after_school"],
            holidays=["summer"] if index < 2 else [],
            barriers=["cost"] if index < 4 else ["transport"],
            interests=["sport"],
        )
    for _index in range(3):
        ResponseFactory(
            survey=survey,
            site=site_b,
            postal_code="3800",
            moments=["lunchtime"],
            barriers=["cost"],
        )
    for _index in range(2):
        ResponseFactory(
            survey=survey,
            kind=Response.Kind.CHILD,
            language="en",
            age_groups=["11-15"],
            moments=[],
            interests=["games"],
            places=["club"],
            company=["friends"],
        )
    burst = Burst.objects.create(survey=survey, first_at=timezone.now(), last_at=timezone.now())
    for _index in range(4):
        ResponseFactory(survey=survey, site=site_b, burst=burst, moments=["morning"])
    return {"survey": survey, "site_a": site_a, "site_b": site_b, "burst": burst, "area": velm}
