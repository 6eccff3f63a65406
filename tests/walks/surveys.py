"""The survey every survey walk uses (``tests/walks/survey_*.py`` add only their routes).

One survey of municipality A over two sites: six answers at the first site (shown) and two
at the second (fewer than ``MINIMUM_CELL``, suppressed), a free text to review, a burst to
review and a finished flyer.
"""

import datetime


def extend(world: dict, objects: dict) -> dict:
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from municipalities.models import Site
    from surveys.models import Burst, Flyer, Response
    from tests.surveys.factories import ResponseFactory, SurveyFactory

    trajectory = objects["trajectory"]
    sites = list(Site.objects.filter(school__trajectory=trajectory).order_by("pk")[:2])
    # Open on the day the walk runs, so the walk reaches the public forms, not the closed page.
    today = timezone.localdate()
    survey = SurveyFactory(
        trajectory=trajectory,
        name="walk",
        sites=sites,
        opens_on=today - datetime.timedelta(days=7),
        closes_on=today + datetime.timedelta(days=60),
    )
    for _index in range(6):
        ResponseFactory(survey=survey, site=sites[0])
    for _index in range(2):
        ResponseFactory(survey=survey, site=sites[-1], language="fr")
    text = ResponseFactory(survey=survey, free_text="Meer opvang op woensdag, graag.")
    burst = Burst.objects.create(survey=survey, first_at=timezone.now(), last_at=timezone.now())
    ResponseFactory(survey=survey, burst=burst, kind=Response.Kind.CHILD, age_groups=["11-15"])
    flyer = Flyer(survey=survey, status=Flyer.Status.DONE, progress=100)
    flyer.pdf.save("walk-flyer.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    flyer.save()
    return {
        "survey": survey.pk,
        "survey_token": survey.token,
        "survey_text": text.pk,
        "survey_burst": burst.pk,
        "survey_flyer": flyer.pk,
    }


FILL: dict = {}
