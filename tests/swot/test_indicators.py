"""Each indicator on a small intake whose numbers are worked out here."""

from decimal import Decimal

import pytest
from django.utils import translation

from municipalities.models import ChildrenCount, Need, School
from swot.indicators import compute_suggestions
from swot.models import Quadrant, Theme
from tests.municipalities.factories import (
    AreaFactory,
    CareProviderFactory,
    LeisureActorFactory,
    SchoolFactory,
    SiteFactory,
    SiteYearFactory,
)

pytestmark = pytest.mark.usefixtures("in_english")


def suggestions(trajectory, prefix: str = "") -> dict:
    return {s.key: s for s in compute_suggestions(trajectory) if s.key.startswith(prefix)}


def count(trajectory, age_group, children, area=None):
    return ChildrenCount.objects.create(
        trajectory=trajectory, area=area, age_group=age_group, children=children
    )


def need(trajectory, **fields):
    values = {
        "voiced_by": Need.Voice.PARENTS,
        "age_group": "5-10",
        "source": Need.Source.SURVEY,
        "respondents": 0,
    } | fields
    return Need.objects.create(trajectory=trajectory, **values)


# --- 1. Care places per 100 children ---------------------------------------------------------


def test_few_care_places_for_the_municipality_is_a_weakness(trajectory_a):
    children = count(trajectory_a, "5-10", 2950)
    big = CareProviderFactory(trajectory=trajectory_a, capacity_5_10=200)
    small = CareProviderFactory(trajectory=trajectory_a, capacity_5_10=29)
    CareProviderFactory(trajectory=trajectory_a, capacity_5_10=0, capacity_11_15=12)

    suggestion = suggestions(trajectory_a)["care-per-100:5-10"]

    # 200 + 29 = 229 places; 229 × 100 / 2950 = 7.76… → 7.8, below 15.
    assert suggestion.quadrant == Quadrant.WEAKNESS
    assert suggestion.theme == Theme.CHILDCARE
    assert suggestion.age_groups == ["5-10"]
    assert suggestion.statement == "Few care places for 5–10 years: 7,8 per 100 children"
    assert suggestion.figures == (
        "Care places 5–10: 229; children 5–10: 2.950; 7,8 places per 100 children"
    )
    assert "229 × 100 / 2.950 = 7,8" in suggestion.explanation
    # The provider without places for 5–10 is no evidence for this group.
    assert suggestion.evidence == {
        "evidence_care_providers": sorted([big.pk, small.pk]),
        "evidence_children_counts": [children.pk],
    }


def test_figures_follow_the_belgian_number_format(trajectory_a):
    count(trajectory_a, "5-10", 2950)
    CareProviderFactory(trajectory=trajectory_a, capacity_5_10=229)

    with translation.override("nl-be"):
        suggestion = suggestions(trajectory_a)["care-per-100:5-10"]

    assert "2.950" in suggestion.figures
    assert "7,8" in suggestion.figures


def test_many_care_places_is_a_strength_and_the_middle_says_nothing(trajectory_a):
    count(trajectory_a, "5-10", 200)
    count(trajectory_a, "11-15", 400)
    CareProviderFactory(trajectory=trajectory_a, capacity_5_10=60, capacity_11_15=40)

    found = suggestions(trajectory_a, "care-per-100")

    # 5–10: 60 × 100 / 200 = 30.0, at the strength mark of 30.
    assert found["care-per-100:5-10"].quadrant == Quadrant.STRENGTH
    assert "30,0 per 100 children" in found["care-per-100:5-10"].statement
    # 11–15: 40 × 100 / 400 = 10.0, at the teen strength mark of 10.
    assert found["care-per-100:11-15"].quadrant == Quadrant.STRENGTH


def test_teen_care_between_the_marks_is_no_suggestion(trajectory_a):
    count(trajectory_a, "11-15", 400)
    CareProviderFactory(trajectory=trajectory_a, capacity_5_10=0, capacity_11_15=24)

    # 24 × 100 / 400 = 6.0: not below 5, not 10 or more.
    assert "care-per-100:11-15" not in suggestions(trajectory_a)


def test_care_places_per_area(trajectory_a):
    velm = AreaFactory(trajectory=trajectory_a, name="Velm")
    brustem = AreaFactory(trajectory=trajectory_a, name="Brustem")
    velm_children = count(trajectory_a, "5-10", 400, area=velm)
    brustem_children = count(trajectory_a, "5-10", 100, area=brustem)
    in_velm = CareProviderFactory(trajectory=trajectory_a, capacity_5_10=20, area=velm)
    in_brustem = CareProviderFactory(trajectory=trajectory_a, capacity_5_10=40, area=brustem)

    found = suggestions(trajectory_a, "care-per-100")

    # Velm: 20 × 100 / 400 = 5.0, below 15.
    velm_suggestion = found[f"care-per-100:5-10:area:{velm.pk}"]
    assert velm_suggestion.quadrant == Quadrant.WEAKNESS
    assert velm_suggestion.statement == (
        "Few care places for 5–10 years in Velm: 5,0 per 100 children"
    )
    assert velm_suggestion.evidence == {
        "evidence_care_providers": [in_velm.pk],
        "evidence_children_counts": [velm_children.pk],
    }
    # Brustem: 40 × 100 / 100 = 40.0, from 30 on.
    assert found[f"care-per-100:5-10:area:{brustem.pk}"].quadrant == Quadrant.STRENGTH
    # Without a whole-municipality count the areas add up: 400 + 100 = 500 children,
    # 20 + 40 = 60 places; 60 × 100 / 500 = 12.0, below 15.
    overall = found["care-per-100:5-10"]
    assert "12,0 per 100 children" in overall.statement
    assert overall.evidence["evidence_children_counts"] == sorted(
        [velm_children.pk, brustem_children.pk]
    )
    assert overall.evidence["evidence_care_providers"] == sorted([in_velm.pk, in_brustem.pk])


def test_no_figures_per_area_while_no_provider_has_an_area(trajectory_a):
    velm = AreaFactory(trajectory=trajectory_a)
    count(trajectory_a, "5-10", 400, area=velm)
    CareProviderFactory(trajectory=trajectory_a, capacity_5_10=20)

    assert list(suggestions(trajectory_a, "care-per-100")) == ["care-per-100:5-10"]


def test_no_care_suggestion_while_children_are_unknown(trajectory_a):
    CareProviderFactory(trajectory=trajectory_a, capacity_5_10=20)

    assert suggestions(trajectory_a, "care-per-100") == {}


# --- 2. Sites without after-school care ------------------------------------------------------


def test_sites_without_after_school_care(trajectory_a):
    school = SchoolFactory(trajectory=trajectory_a, name="Basisschool De Linde")
    bare = SiteFactory(school=school, name="Linde Velm", care_offer=["morning"])
    SiteYearFactory(site=bare, pupils_5_10=150, pupils_11_15=0)
    served = SiteFactory(school=school, care_offer=[])
    own = SiteFactory(school=school, care_offer=["after_school"])
    holidays_only = SiteFactory(school=school, care_offer=[])
    CareProviderFactory(trajectory=trajectory_a, slots=["after_school"], sites_served=[served])
    CareProviderFactory(
        trajectory=trajectory_a, name="Speelplein", slots=["holidays"], sites_served=[holidays_only]
    )

    found = suggestions(trajectory_a, "site-no-after-school")

    assert set(found) == {
        f"site-no-after-school:{bare.pk}",
        f"site-no-after-school:{holidays_only.pk}",
    }
    assert served.pk not in {int(key.rsplit(":", 1)[1]) for key in found}
    assert own.pk not in {int(key.rsplit(":", 1)[1]) for key in found}
    suggestion = found[f"site-no-after-school:{bare.pk}"]
    assert suggestion.quadrant == Quadrant.WEAKNESS
    assert suggestion.theme == Theme.CHILDCARE
    assert suggestion.statement == "No after-school care at or for Linde Velm"
    assert suggestion.figures == "Pupils 5–10: 150; pupils 11–15: 0 (2025-2026)"
    assert suggestion.age_groups == ["5-10"]
    assert suggestion.evidence == {"evidence_sites": [bare.pk], "evidence_schools": [school.pk]}
    assert "Speelplein" in found[f"site-no-after-school:{holidays_only.pk}"].explanation


# --- 3. Sites without a leisure actor in their area ------------------------------------------


def test_sites_in_an_area_without_leisure_actors(trajectory_a):
    velm = AreaFactory(trajectory=trajectory_a, name="Velm")
    brustem = AreaFactory(trajectory=trajectory_a, name="Brustem")
    LeisureActorFactory(trajectory=trajectory_a, area=velm)
    school = SchoolFactory(trajectory=trajectory_a)
    SiteFactory(school=school, area=velm)
    lonely = SiteFactory(school=school, area=brustem, name="Brustem-dorp")
    SiteFactory(school=school, area=None)

    found = suggestions(trajectory_a, "site-no-leisure")

    assert list(found) == [f"site-no-leisure:{lonely.pk}"]
    suggestion = found[f"site-no-leisure:{lonely.pk}"]
    assert suggestion.theme == Theme.LEISURE
    assert suggestion.quadrant == Quadrant.WEAKNESS
    assert suggestion.statement == "No leisure actor in Brustem, the area of Brustem-dorp"
    assert suggestion.evidence == {"evidence_sites": [lonely.pk], "evidence_schools": [school.pk]}


def test_no_leisure_suggestion_while_no_actor_has_an_area(trajectory_a):
    LeisureActorFactory(trajectory=trajectory_a, area=None)
    SiteFactory(
        school=SchoolFactory(trajectory=trajectory_a), area=AreaFactory(trajectory=trajectory_a)
    )

    assert suggestions(trajectory_a, "site-no-leisure") == {}


# --- 4. Schools with a high GOK share --------------------------------------------------------


def test_school_with_high_gok_and_no_after_school_care_is_a_weakness(trajectory_a):
    area = AreaFactory(trajectory=trajectory_a, name="Velm")
    school = SchoolFactory(trajectory=trajectory_a, name="Basisschool Velm")
    site = SiteFactory(school=school, name="Velm-centrum", care_offer=["morning"], area=area)
    # An older year above every average does not count: only the latest one does.
    SiteYearFactory(site=site, school_year="2024-2025", gok_home_language=Decimal("60.0"))
    SiteYearFactory(
        site=site,
        school_year="2025-2026",
        gok_school_allowance=Decimal("52.0"),  # average 39: 13.0 points above
        gok_home_language=Decimal("20.0"),  # average 24: below
        gok_neighbourhood=None,  # unknown
        gok_mother_education=Decimal("21.0"),  # average 21: equal, not above
    )
    morning_care = CareProviderFactory(
        trajectory=trajectory_a, name="Voorschoolse opvang", slots=["morning"], sites_served=[site]
    )
    chiro = LeisureActorFactory(trajectory=trajectory_a, name="Chiro Velm", area=area)
    LeisureActorFactory(trajectory=trajectory_a, name="Elders", area=None)

    suggestion = suggestions(trajectory_a)[f"gok-high:school:{school.pk}"]

    assert suggestion.theme == Theme.SCHOOLS
    assert suggestion.quadrant == Quadrant.WEAKNESS
    assert suggestion.statement == (
        "Basisschool Velm: GOK shares above the Flemish average (school allowance 52,0 %) "
        "and no after-school care"
    )
    assert suggestion.figures == "School allowance 52,0 % (Flemish average 39 %)"
    assert "Velm-centrum (2025-2026): school allowance 52,0 %, Flemish average 39 %" in (
        suggestion.explanation
    )
    assert "(13,0 percentage points above)" in suggestion.explanation
    assert "home language" not in suggestion.explanation
    assert "Care offered at its sites: Before school." in suggestion.explanation
    assert "Care providers serving its sites: Voorschoolse opvang." in suggestion.explanation
    assert "Leisure actors in the areas of its sites: Chiro Velm." in suggestion.explanation
    assert suggestion.evidence == {
        "evidence_schools": [school.pk],
        "evidence_sites": [site.pk],
        "evidence_care_providers": [morning_care.pk],
        "evidence_leisure_actors": [chiro.pk],
    }


def test_school_with_high_gok_and_care_is_an_opportunity(trajectory_a):
    school = SchoolFactory(trajectory=trajectory_a, name="GO! De Brug")
    calm = SiteFactory(school=school, care_offer=[])
    SiteYearFactory(site=calm)  # the factory's shares are all below the averages
    busy = SiteFactory(school=school, care_offer=[])
    SiteYearFactory(site=busy, gok_home_language=Decimal("30.0"))  # 24 + 6.0
    CareProviderFactory(trajectory=trajectory_a, slots=["after_school"], sites_served=[calm])

    suggestion = suggestions(trajectory_a)[f"gok-high:school:{school.pk}"]

    # The after-school care at one site counts for the school.
    assert suggestion.quadrant == Quadrant.OPPORTUNITY
    assert "home language not Dutch 30,0 %" in suggestion.statement
    assert "(6,0 percentage points above)" in suggestion.explanation
    assert suggestion.evidence["evidence_sites"] == [busy.pk]


def test_no_gok_suggestion_below_the_averages_or_for_secondary_schools(trajectory_a):
    SiteYearFactory(site=SiteFactory(school=SchoolFactory(trajectory=trajectory_a)))
    secondary = SchoolFactory(trajectory=trajectory_a, levels=[School.Level.SECUNDAIR])
    SiteYearFactory(site=SiteFactory(school=secondary), gok_school_allowance=Decimal("80.0"))

    assert suggestions(trajectory_a, "gok-high") == {}


# --- 5. Needs no provider covers -------------------------------------------------------------


def test_needs_no_provider_covers(trajectory_a):
    wednesday = need(trajectory_a, slot="wednesday", children_concerned=25, respondents=40)
    wednesday_schools = need(
        trajectory_a, slot="wednesday", voiced_by=Need.Voice.SCHOOLS, respondents=12
    )
    need(trajectory_a, slot="holidays", holiday_periods=["summer", "autumn"], children_concerned=10)
    teen_summer = need(
        trajectory_a,
        age_group="11-15",
        slot="holidays",
        holiday_periods=["summer"],
        children_concerned=8,
        respondents=5,
    )
    need(trajectory_a, slot="after_school", children_concerned=30)
    teen_lunch = need(trajectory_a, age_group="11-15", slot="lunchtime", respondents=3)
    # Open after school and in the holidays, with places for 5–10 only.
    CareProviderFactory(
        trajectory=trajectory_a,
        slots=["after_school", "holidays"],
        capacity_5_10=40,
        capacity_11_15=0,
    )

    found = suggestions(trajectory_a, "need-uncovered")

    assert set(found) == {
        "need-uncovered:5-10:wednesday",
        "need-uncovered:11-15:holidays:summer",
        "need-uncovered:11-15:lunchtime",
    }
    suggestion = found["need-uncovered:5-10:wednesday"]
    assert suggestion.theme == Theme.CHILDCARE
    assert suggestion.quadrant == Quadrant.WEAKNESS
    assert suggestion.age_groups == ["5-10"]
    # Children: 25 + unknown → 25 known; respondents: 40 + 12 = 52.
    assert suggestion.statement == (
        "Need not covered by any care provider: Wednesday afternoon, 5–10 years "
        "(25 children concerned, 52 respondents)"
    )
    assert "voiced by parents, schools" in suggestion.explanation
    assert suggestion.evidence == {"evidence_needs": sorted([wednesday.pk, wednesday_schools.pk])}
    summer = found["need-uncovered:11-15:holidays:summer"]
    assert "Summer holiday, 11–15 years (8 children concerned, 5 respondents)" in (summer.statement)
    assert summer.evidence == {"evidence_needs": [teen_summer.pk]}
    assert "(unknown children concerned, 3 respondents)" in (
        found["need-uncovered:11-15:lunchtime"].statement
    )
    assert found["need-uncovered:11-15:lunchtime"].evidence == {"evidence_needs": [teen_lunch.pk]}


# --- 6. The 11–15 offer against the 5–10 offer -----------------------------------------------


def test_teen_offer_below_half_of_the_children_offer(trajectory_a):
    count(trajectory_a, "5-10", 1000)
    teens = count(trajectory_a, "11-15", 800)
    provider = CareProviderFactory(trajectory=trajectory_a, capacity_5_10=100, capacity_11_15=20)
    for name in ("Judo", "Voetbal", "Tekenacademie"):
        LeisureActorFactory(trajectory=trajectory_a, name=name, age_groups=["5-10"])
    both = LeisureActorFactory(trajectory=trajectory_a, name="Chiro", age_groups=["5-10", "11-15"])
    scouts = LeisureActorFactory(trajectory=trajectory_a, name="Scouts", age_groups=["11-15"])

    suggestion = suggestions(trajectory_a)["teen-offer-gap"]

    # Care places: 5–10 100 × 100 / 1000 = 10.0; 11–15 20 × 100 / 800 = 2.5 < 10.0 / 2.
    # Leisure actors: 5–10 4 × 100 / 1000 = 0.40; 11–15 2 × 100 / 800 = 0.25 ≥ 0.40 / 2.
    assert suggestion.theme == Theme.LEISURE
    assert suggestion.quadrant == Quadrant.WEAKNESS
    assert suggestion.age_groups == ["11-15"]
    assert suggestion.statement == (
        "Less offer for 11–15 than for 5–10: 2,5 against 10,0 care places and 0,25 against "
        "0,40 leisure actors per 100 children"
    )
    assert "For care places the 11–15 figure is less than half" in suggestion.explanation
    assert suggestion.evidence["evidence_care_providers"] == [provider.pk]
    assert suggestion.evidence["evidence_leisure_actors"] == sorted([both.pk, scouts.pk])
    assert teens.pk in suggestion.evidence["evidence_children_counts"]


def test_no_teen_gap_when_the_offer_is_comparable(trajectory_a):
    count(trajectory_a, "5-10", 1000)
    count(trajectory_a, "11-15", 500)
    # Care places: 10.0 and 50 × 100 / 500 = 10.0; actors: 0.10 and 1 × 100 / 500 = 0.20.
    CareProviderFactory(trajectory=trajectory_a, capacity_5_10=100, capacity_11_15=50)
    LeisureActorFactory(trajectory=trajectory_a, age_groups=["5-10", "11-15"])

    assert "teen-offer-gap" not in suggestions(trajectory_a)


def test_no_teen_gap_while_teens_are_not_counted(trajectory_a):
    count(trajectory_a, "5-10", 1000)
    CareProviderFactory(trajectory=trajectory_a, capacity_5_10=100, capacity_11_15=0)

    assert "teen-offer-gap" not in suggestions(trajectory_a)


# --- 7. Leisure actors outside the local partnership -----------------------------------------


def test_leisure_actors_outside_the_partnership(trajectory_a):
    outside = [
        LeisureActorFactory(
            trajectory=trajectory_a, name=name, in_partnership=False, age_groups=["11-15"]
        )
        for name in ("A-club", "B-club", "C-club", "D-club", "E-club", "F-club", "G-club")
    ]
    LeisureActorFactory(trajectory=trajectory_a, name="Bib", in_partnership=True)

    suggestion = suggestions(trajectory_a)["actors-outside-partnership"]

    assert suggestion.theme == Theme.PARTICIPATION
    assert suggestion.quadrant == Quadrant.OPPORTUNITY
    assert suggestion.statement == (
        "7 leisure actors are not yet in the local partnership: "
        "A-club, B-club, C-club, D-club, E-club, …"
    )
    assert suggestion.figures == "Leisure actors: 8; outside the partnership: 7"
    assert suggestion.age_groups == ["11-15"]
    assert suggestion.evidence == {"evidence_leisure_actors": [a.pk for a in outside]}


def test_one_leisure_actor_outside_the_partnership(trajectory_a):
    LeisureActorFactory(trajectory=trajectory_a, name="Chiro Velm", in_partnership=False)

    assert suggestions(trajectory_a)["actors-outside-partnership"].statement == (
        "1 leisure actor is not yet in the local partnership: Chiro Velm"
    )


def test_everyone_in_the_partnership_is_no_suggestion(trajectory_a):
    LeisureActorFactory(trajectory=trajectory_a, in_partnership=True)

    assert "actors-outside-partnership" not in suggestions(trajectory_a)


# --- All together ----------------------------------------------------------------------------


def test_suggestions_come_by_theme_then_quadrant_with_unique_keys(intake_a):
    trajectory = intake_a["schools"].trajectory
    intake_a["leisure-actors"].in_partnership = False
    intake_a["leisure-actors"].save(update_fields=["in_partnership"])
    count(trajectory, "11-15", 1200)
    SiteFactory(school=intake_a["schools"], care_offer=[])

    found = compute_suggestions(trajectory)

    themes, quadrants = list(Theme.values), list(Quadrant.values)
    order = [(themes.index(s.theme), quadrants.index(s.quadrant)) for s in found]
    assert order == sorted(order)
    assert len({s.key for s in found}) == len(found)
    assert all(len(s.statement) <= 200 for s in found)
    assert {"care-per-100:5-10", "actors-outside-partnership"} <= {s.key for s in found}


# --- 8. Whether families voiced the needs themselves -----------------------------------------


def test_no_suggestion_on_the_families_voice_without_needs(trajectory_a):
    assert suggestions(trajectory_a, "families-voice") == {}


def test_needs_only_from_schools_say_families_were_not_heard(trajectory_a):
    need(trajectory_a, slot="after_school", voiced_by=Need.Voice.SCHOOLS)
    need(trajectory_a, slot="wednesday", source=Need.Source.SCHOOL_INTERVIEW)

    found = suggestions(trajectory_a, "families-voice")

    assert list(found) == ["families-voice-missing"]
    weakness = found["families-voice-missing"]
    assert (weakness.theme, weakness.quadrant) == (Theme.PARTICIPATION, Quadrant.WEAKNESS)
    assert weakness.figures == "Needs: 2; from families themselves: 0"


def test_needs_from_a_survey_are_the_families_own_voice(trajectory_a):
    need(trajectory_a, slot="after_school", voiced_by=Need.Voice.SCHOOLS)
    surveyed = [
        need(trajectory_a, slot=slot, respondents=respondents, source_name="bevraging opvang 2027")
        for slot, respondents in (("after_school", 43), ("wednesday", 30))
    ]
    heard = need(trajectory_a, slot="lunchtime", age_group="11-15", source=Need.Source.FOCUS_GROUP)

    found = suggestions(trajectory_a, "families-voice")

    assert list(found) == ["families-voice"]
    strength = found["families-voice"]
    assert (strength.theme, strength.quadrant) == (Theme.PARTICIPATION, Quadrant.STRENGTH)
    assert strength.statement == (
        "Families voiced 3 needs themselves (Focus group, bevraging opvang 2027)"
    )
    assert strength.figures == "Needs from families: 3; most respondents behind one need: 43"
    assert strength.age_groups == ["5-10", "11-15"]
    assert strength.evidence == {"evidence_needs": sorted(n.pk for n in [*surveyed, heard])}
