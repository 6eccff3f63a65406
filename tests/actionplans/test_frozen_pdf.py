"""Frozen means frozen: a version's PDF reads its snapshot, never the live intake, SWOT or staff.

One Dutch render before and one after changing everything the PDF shows besides the plan; the
two texts must be the same. The same render shows the staffing as numbers, never names, and
no raw code of a choice.
"""

import datetime
import io
import re
from decimal import Decimal

import pytest
import time_machine
from pypdf import PdfReader

from actionplans import reports, services
from actionplans.models import Report
from municipalities.models import ChildrenCount, Contact, LeisureActor, Need, SiteYear
from staffing.models import Placement
from swot.models import SwotItem
from tests.staffing.factories import PlacementFactory, PlacementSlotFactory, WorkerFactory

pytestmark = pytest.mark.django_db

# A Monday in the first school year of the plan: the action runs, the worker is placed.
SUBMITTED = datetime.datetime(2026, 10, 5, 9, tzinfo=datetime.UTC)


def _text(version, user) -> str:
    report = Report.objects.filter(version=version).first() or Report.objects.create(
        version=version, language="nl-be", requested_by=user
    )
    pdf = reports.render_report_pdf(report).content
    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]
    return re.sub(r"\s+", " ", " ".join(pages))


def _place(worker, trajectory, site, action, *, hours: str, weekday: int) -> Placement:
    placement = PlacementFactory(
        worker=worker,
        trajectory=trajectory,
        site=site,
        central_site_name="",
        hours_per_week=Decimal(hours),
        actions=[action],
    )
    PlacementSlotFactory(placement=placement, weekday=weekday)
    return placement


def _change_everything_live(trajectory, intake, swot, plan, coordinator) -> None:
    """What happens in the municipality after approval: new figures, a new SWOT, new staff."""
    SiteYear.objects.filter(site=intake["site"]).update(pupils_5_10=260)
    ChildrenCount.objects.filter(pk=intake["children"].pk).update(children=4100)
    Need.objects.create(
        trajectory=trajectory,
        voiced_by=Need.Voice.SCHOOLS,
        age_group="11-15",
        slot="wednesday",
        children_concerned=40,
        source=Need.Source.SURVEY,
    )
    LeisureActor.objects.create(trajectory=trajectory, name="KFC Velm", kind="sport")
    SwotItem.objects.filter(pk=swot["W1"].pk).update(statement="Alles opgelost in Velm")
    SwotItem.objects.create(
        analysis=swot["analysis"],
        quadrant="T",
        priority=2,
        statement="Nieuwe bedreiging na goedkeuring",
        theme="childcare",
        age_groups=["5-10"],
        author=coordinator,
    )
    swot["strategy"].title = "Een andere strategie"
    swot["strategy"].save(update_fields=["title"])
    _place(
        WorkerFactory(first_name="Lotte", last_name="Peeters"),
        trajectory,
        intake["site"],
        plan["action"],
        hours="19",
        weekday=1,
    )
    Placement.objects.filter(worker__last_name="Benali").update(hours_per_week=Decimal("38"))
    # The approving official changes name, function and role in the portal.
    official = Contact.objects.get(role="Diensthoofd Jeugd").user
    official.first_name, official.last_name, official.role = "Lies", "Claes", "coordinator"
    official.save(update_fields=["first_name", "last_name", "role"])
    Contact.objects.filter(user=official).update(role="Algemeen directeur")


@pytest.fixture
def approved(plan_a, trajectory_a, intake_a, coordinator, official_a):
    with time_machine.travel(SUBMITTED, tick=False):
        _place(
            WorkerFactory(first_name="Ahmed", last_name="Benali"),
            trajectory_a,
            intake_a["site"],
            plan_a["action"],
            hours="25",
            weekday=0,
        )
        official_a.first_name, official_a.last_name = "Lies", "Vandormael"
        official_a.save(update_fields=["first_name", "last_name"])
        Contact.objects.create(
            trajectory=trajectory_a,
            name="Lies Vandormael",
            role="Diensthoofd Jeugd",
            user=official_a,
        )
        version = services.plan_submit(plan=plan_a["plan"], by=coordinator)
        services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)
        yield version


def test_the_pdf_of_a_version_stays_the_same_when_intake_swot_and_staff_change(
    approved, plan_a, trajectory_a, intake_a, swot_a, coordinator, official_a
):
    before = _text(approved, official_a)
    with time_machine.travel(SUBMITTED + datetime.timedelta(days=30), tick=False):
        _change_everything_live(trajectory_a, intake_a, swot_a, plan_a, coordinator)
        after = _text(approved, official_a)
    # What changed live is in neither text ...
    for live_only in ("Alles opgelost in Velm", "Nieuwe bedreiging", "Een andere strategie"):
        assert live_only not in after
    # ... and what was frozen is in both.
    assert "Geen naschoolse opvang in Velm" in after
    assert "Opvang in Velm" in after
    assert "(Lies Vandormael, Diensthoofd Jeugd)" in after
    # The PDF carries no render date, so the two texts are equal as they are.
    assert before == after


def test_the_public_pdf_shows_staff_as_numbers_and_no_raw_codes(approved, official_a):
    text = _text(approved, official_a)
    for personal in ("Ahmed", "Benali", "LDE", "lde"):
        assert not re.search(rf"\b{personal}\b", text), personal
    # One person placed for 25 hours a week: 25 / 38 FTE, in the Belgian decimal format.
    assert "0,66" in text
    # Every code of a choice the fixture uses, as the snapshot stores it.
    codes = [
        "after_school",
        "holidays",
        "personnel",
        "boa",
        "municipal",
        "youth_work",
        "free_catholic",
        "bridge_figure",
        "in_review",
        "approved",
        "planned",
        "childcare",
    ]
    for code in codes:
        assert not re.search(rf"\b{code}\b", text), code
