"""A twin reads its document from the snapshot: the number of queries does not grow with the
plan's objectives and actions (or the report's), signed in or public."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans import services
from actionplans.models import Action, ActionPlan, Objective
from council.models import Submission
from monitoring import reports

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_twins_day")]

#: Signed in: session, user, trajectory, plan, version; the cover's decision, the previous
#: version (for the changes) and the council decision; the PDF offered for download (three
#: each in the document's language and the portal's: pending, last council decision, done).
VERSION_SIGNED_IN = 14
#: Public: the submission (with its trajectory, municipality, version and plan) and the cover;
#: the PDF offered for download, found as for a signed-in reader (six queries).
VERSION_PUBLIC = 10
#: A report reads its snapshot only: session, user, trajectory, report; or the submission.
REPORT_SIGNED_IN, REPORT_PUBLIC = 4, 1


def _grow(plan, objectives: int) -> None:
    for index in range(objectives):
        objective = services.part_add(Objective(plan=plan, title=f"Doel {index}"))
        for number in range(3):
            action_plan = services.part_add(
                ActionPlan(objective=objective, title=f"Actieplan {index}.{number}")
            )
            for count in range(3):
                services.part_add(
                    Action(
                        action_plan=action_plan,
                        title=f"Actie {index}.{number}.{count}",
                        starts_on=datetime.date(2026, 9, 1),
                    )
                )


def _approved(plan, coordinator, official):
    version = services.plan_submit(plan=plan, by=coordinator)
    services.plan_decide(plan=plan, outcome="approved", reason="", by=official)
    return version


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("objectives", [0, 6])
def test_the_version_twin_runs_a_fixed_number_of_queries(
    objectives, plan_a, coordinator, official_a, trajectory_a
):
    _grow(plan_a["plan"], objectives)
    version = _approved(plan_a["plan"], coordinator, official_a)
    client = Client()
    client.force_login(official_a)
    url = reverse(
        "council_twin:version",
        kwargs={"trajectory_pk": trajectory_a.pk, "number": version.number},
    )
    assert _count(client, url) == VERSION_SIGNED_IN
    submission = Submission.objects.create(
        trajectory=trajectory_a, plan_version=version, sent_by=official_a
    )
    public = reverse("council_public:twin", kwargs={"token": submission.public_token})
    assert _count(Client(), public) == VERSION_PUBLIC


@pytest.mark.parametrize("objectives", [0, 6])
def test_the_report_twin_runs_a_fixed_number_of_queries(
    objectives, plan_a, coordinator, official_a, trajectory_a
):
    _grow(plan_a["plan"], objectives)
    _approved(plan_a["plan"], coordinator, official_a)
    report = reports.progress_report_request(
        trajectory=trajectory_a,
        period_start=datetime.date(2026, 9, 1),
        period_end=datetime.date(2027, 8, 31),
        language="nl-be",
        by=coordinator,
    )
    client = Client()
    client.force_login(official_a)
    url = reverse("council_twin:report", kwargs={"trajectory_pk": trajectory_a.pk, "pk": report.pk})
    assert _count(client, url) == REPORT_SIGNED_IN
    submission = Submission.objects.create(
        trajectory=trajectory_a, progress_report=report, sent_by=official_a
    )
    public = reverse("council_public:twin", kwargs={"token": submission.public_token})
    assert _count(Client(), public) == REPORT_PUBLIC
