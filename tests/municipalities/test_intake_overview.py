"""The trajectory page adds the intake up: figures and the checklist towards the SWOT."""

import datetime

from django.urls import reverse
from django.utils import translation

from municipalities.intake import intake_checklist, intake_figures, ready_for_swot
from municipalities.models import (
    CareProvider,
    ChildrenCount,
    Contact,
    CooperationAgreement,
    Need,
    SiteYear,
)


def test_figures_of_a_small_intake(trajectory_a, intake_a):
    # A second, older school year must not be counted: only each site's latest.
    SiteYear.objects.create(site=intake_a["site"], school_year="2024-2025", pupils_5_10=999)
    CareProvider.objects.create(
        trajectory=trajectory_a,
        name="Speelplein",
        kind="playground",
        capacity_5_10=36,
        capacity_11_15=40,
    )
    ChildrenCount.objects.create(trajectory=trajectory_a, age_group="11-15", children=800)

    figures = intake_figures(trajectory_a)

    assert (figures.schools, figures.sites, figures.school_year) == (1, 1, "2025-2026")
    children, teens = figures.age_groups
    assert (children.pupils, children.children, children.care_places) == (140, 2950, 120)
    assert children.places_per_100_children == 4.1  # 120 / 2950 × 100
    assert (teens.pupils, teens.children, teens.care_places) == (0, 800, 40)
    assert teens.places_per_100_children == 5.0
    assert figures.leisure_actors == 1
    assert figures.sites_without_figures == []


def test_children_per_area_add_up_when_there_is_no_whole_count(trajectory_a, intake_a):
    ChildrenCount.objects.all().delete()
    area = intake_a["areas"]
    ChildrenCount.objects.create(trajectory=trajectory_a, area=area, age_group="5-10", children=200)
    from municipalities.models import Area

    other = Area.objects.create(trajectory=trajectory_a, name="Brustem")
    ChildrenCount.objects.create(
        trajectory=trajectory_a, area=other, age_group="5-10", children=300
    )

    assert intake_figures(trajectory_a).age_groups[0].children == 500


def test_checklist_lists_what_is_missing(trajectory_a, intake_a):
    checklist = intake_checklist(trajectory_a, intake_figures(trajectory_a))
    with translation.override("en"):
        missing = {str(item.label) for item in checklist if not item.done}

    assert missing == {
        "Policy vision described",
        "Children counted for both age groups",
        "Needs recorded for both age groups",
        "Needs heard from parents and from schools",
    }
    assert not ready_for_swot(checklist)


def test_checklist_complete(trajectory_a, intake_a):
    trajectory_a.policy_vision = "Elk kind een plek na school."
    trajectory_a.save(update_fields=["policy_vision"])
    ChildrenCount.objects.create(trajectory=trajectory_a, age_group="11-15", children=800)
    Need.objects.create(
        trajectory=trajectory_a,
        voiced_by="schools",
        age_group="11-15",
        slot="wednesday",
        source="school_interview",
    )

    checklist = intake_checklist(trajectory_a, intake_figures(trajectory_a))

    assert ready_for_swot(checklist)


def test_overview_page_shows_figures_and_checklist(official_a_client, trajectory_a, intake_a):
    response = official_a_client.get(
        reverse("municipalities:trajectory_detail", kwargs={"pk": trajectory_a.pk})
    )
    assert "Intake-checklist" in response.text
    assert "De intake is nog niet volledig" in response.text
    assert "2.950" in response.text  # Belgian thousands separator


def test_checklist_knows_contacts_and_agreement(trajectory_a):
    figures = intake_figures(trajectory_a)
    with translation.override("en"):
        done = {str(i.label): i.done for i in intake_checklist(trajectory_a, figures)}
    assert not done["Municipal contacts recorded"]
    Contact.objects.create(trajectory=trajectory_a, name="An")
    CooperationAgreement.objects.create(
        trajectory=trajectory_a,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2031, 12, 31),
    )
    with translation.override("en"):
        done = {str(i.label): i.done for i in intake_checklist(trajectory_a, figures)}
    assert done["Municipal contacts recorded"]
    assert done["Cooperation agreement recorded"]
