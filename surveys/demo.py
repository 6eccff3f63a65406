"""Demo data for the public needs survey: Sint-Truiden asked its families in March 2026,
halfway through its plan's first school year, to prepare the next one.

One closed survey over Sint-Truiden's six school sites with 150 counted answers (mostly in
Dutch, some in French and English; parents and children), a few free texts (published, one
hidden, one still to review) and a pending burst of ten children's answers that came in
within minutes from one class. The answers are drawn from ``random.Random(SEED)``, so every
run draws the same ones. The small site (De Zonnewijzer in Brustem) has fewer than
``MINIMUM_CELL`` answers, and so do the answers naming Wilderen, to show suppression.

The survey is not turned into intake needs here: the coordinator tries that step in the
demo (Sint-Truiden's intake already holds the needs a coordinator typed in from notes).
Idempotent: once the survey exists, it is left alone.
"""

import datetime
import random
import uuid

from django.db import transaction
from django.utils import timezone

from municipalities.demo import demo_trajectory
from municipalities.models import Area, Municipality, Site
from surveys.models import Burst, Response, Survey
from surveys.questions import Barrier, Company, Holiday, Interest, Moment, Occupation, Place

SEED = 71053
NAME = "Bevraging opvang en vrije tijd 2026"
OPENS_ON = datetime.date(2026, 3, 2)
CLOSES_ON = datetime.date(2026, 3, 29)

# (school's institution number, site number): counted answers there, and the share of them
# children gave. Brustem's site stays under five answers.
SITES = [
    (("036137", 1), 45, 0.1),  # GO! Het Speelhof, Centrum
    (("036111", 1), 35, 0.1),  # De Zonnewijzer, Centrum
    (("036129", 1), 25, 0.15),  # Sint-Jozef, Velm
    (("036145", 1), 20, 0.15),  # De Boomgaard, Zepperen
    (("045211", 1), 21, 0.6),  # Atheneum (secondary), Centrum
    (("036111", 2), 4, 0.0),  # De Zonnewijzer, Brustem
]
LANGUAGES = [("nl-be", 0.8), ("fr", 0.12), ("en", 0.08)]
# How often a parent asks for each moment; rural sites need the morning and late hours more.
MOMENTS = {
    Moment.MORNING: 0.35,
    Moment.AFTER_SCHOOL: 0.62,
    Moment.WEDNESDAY: 0.45,
    Moment.LUNCHTIME: 0.1,
    Moment.SCHOOL_FREE_DAYS: 0.3,
}
HOLIDAYS = {
    Holiday.AUTUMN: 0.15,
    Holiday.CHRISTMAS: 0.15,
    Holiday.SPRING: 0.18,
    Holiday.EASTER: 0.3,
    Holiday.SUMMER: 0.55,
}
BARRIERS = {
    Barrier.COST: 0.25,
    Barrier.TRANSPORT: 0.12,
    Barrier.OPENING_HOURS: 0.22,
    Barrier.INFORMATION: 0.3,
    Barrier.LANGUAGE: 0.04,
    Barrier.WAITING_LIST: 0.1,
    Barrier.CHILD_WISHES: 0.08,
}
OCCUPATIONS = [
    (Occupation.BOTH, 0.6),
    (Occupation.SOME, 0.25),
    (Occupation.NONE, 0.08),
    (Occupation.UNSAID, 0.07),
]
PICKUP_TIMES = ["16:00", "16:30", "17:00", "17:30", "18:00", "18:30"]
URBAN_PICKUP = [0.1, 0.2, 0.3, 0.25, 0.1, 0.05]
RURAL_PICKUP = [0.05, 0.1, 0.2, 0.25, 0.25, 0.15]

# (language, text, shown to officials or None for hidden/pending, status)
P, H, W = Response.TextStatus.PUBLISHED, Response.TextStatus.HIDDEN, Response.TextStatus.PENDING
FREE_TEXTS = [
    ("nl-be", "Graag opvang tot half zeven in Velm, we werken allebei in Hasselt.", P),
    ("nl-be", "Op woensdagnamiddag is er niets voor onze zoon van 12.", P),
    ("fr", "Nous ne savions pas qu'il existe une plaine de jeux en été.", P),
    ("en", "More information in English would help us a lot.", P),
    (
        "nl-be",
        "Ik ben Els Janssens, bel me op 0470 12 34 56 over de wachtlijst.",
        H,
    ),
    ("nl-be", "De opvang is te duur als je drie kinderen hebt.", W),
]


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _some(rng, chances):
    return [value for value, chance in chances.items() if rng.random() < chance]


def _day(rng):
    # Most answers in the first week, after the flyer went home with the children.
    offset = min(int(rng.expovariate(1 / 6)), (CLOSES_ON - OPENS_ON).days)
    return OPENS_ON + datetime.timedelta(days=offset)


def _answer(rng, survey, site, area, *, child, teens_school, rural, others):
    language = _pick(rng, LANGUAGES)
    answer = Response(
        survey=survey,
        kind=Response.Kind.CHILD if child else Response.Kind.PARENT,
        language=language,
        submission_key=uuid.UUID(int=rng.getrandbits(128), version=4),
        submitted_on=_day(rng),
        site=site,
        interests=rng.sample(Interest.values, rng.randint(1, 3)),
        free_text_status=Response.TextStatus.PENDING,
    )
    roll = rng.random()
    if roll < 0.87:
        answer.area = area
    elif roll < 0.89:
        answer.area = others.get("Wilderen")
    if answer.area and rng.random() < 0.5:
        answer.postal_code = "3806" if answer.area.name == "Velm" else "3800"
    if child:
        answer.age_groups = ["11-15" if teens_school or rng.random() < 0.3 else "5-10"]
        answer.places = rng.sample(Place.values, rng.randint(1, 2))
        answer.company = rng.sample(Company.values, rng.randint(1, 2))
        return answer
    if teens_school:
        answer.age_groups = ["11-15"] if rng.random() < 0.8 else ["5-10", "11-15"]
    else:
        answer.age_groups = ["5-10"] if rng.random() < 0.75 else ["5-10", "11-15"]
    chances = dict(MOMENTS)
    if rural:
        chances[Moment.MORNING] = 0.5
    if teens_school:
        chances = {moment: chance / 2 for moment, chance in chances.items()}
    answer.moments = _some(rng, chances) or [Moment.AFTER_SCHOOL.value]
    if Moment.AFTER_SCHOOL in answer.moments and rng.random() < 0.9:
        hour = rng.choices(PICKUP_TIMES, weights=RURAL_PICKUP if rural else URBAN_PICKUP)[0]
        answer.pickup_time = datetime.time.fromisoformat(hour)
    answer.holidays = _some(rng, HOLIDAYS)
    barriers = dict(BARRIERS)
    if language != "nl-be":
        barriers[Barrier.LANGUAGE] = 0.35
    if rural:
        barriers[Barrier.TRANSPORT] = 0.35
    answer.barriers = _some(rng, barriers)
    answer.occupation = _pick(rng, OCCUPATIONS)
    return answer


@transaction.atomic
def seed(world) -> None:
    sint_truiden = Municipality.objects.filter(nis_code="71053").first()
    trajectory = demo_trajectory(sint_truiden) if sint_truiden else None
    if trajectory is None or Survey.objects.filter(trajectory=trajectory, name=NAME).exists():
        return
    rng = random.Random(SEED)
    sites = {
        (site.school.institution_number, site.site_number): site
        for site in Site.objects.filter(school__trajectory=trajectory).select_related(
            "school", "area"
        )
    }
    areas = {area.name: area for area in Area.objects.filter(trajectory=trajectory)}
    survey = Survey.objects.create(
        trajectory=trajectory,
        name=NAME,
        opens_on=OPENS_ON,
        closes_on=CLOSES_ON,
        created_by=world.users.get("coordinator"),
    )
    survey.sites.set([sites[key] for key, _count, _children in SITES if key in sites])
    answers = []
    for key, count, children in SITES:
        site = sites.get(key)
        if site is None:
            continue
        for _index in range(count):
            answers.append(
                _answer(
                    rng,
                    survey,
                    site,
                    site.area,
                    child=rng.random() < children,
                    teens_school=key[0] == "045211",
                    rural=site.setting == "rural",
                    others=areas,
                )
            )
    for language, text, status in FREE_TEXTS:
        candidates = [a for a in answers if a.language == language and not a.free_text]
        answer = rng.choice(candidates)
        answer.free_text = text
        answer.free_text_status = status
        answer.free_text_shown = text if status == P else ""
    Response.objects.bulk_create(answers)
    _seed_burst(rng, survey, sites.get(("045211", 1)), areas)


def _seed_burst(rng, survey, site, areas):
    """Ten children's answers within seven minutes from one address: a class that filled it
    in together, or a flood; kept aside until the coordinator decides."""
    if site is None:
        return
    first = datetime.datetime(2026, 3, 17, 10, 2, tzinfo=timezone.get_current_timezone())
    burst = Burst.objects.create(
        survey=survey, first_at=first, last_at=first + datetime.timedelta(minutes=7)
    )
    answers = [
        _answer(
            rng, survey, site, site.area, child=True, teens_school=True, rural=False, others=areas
        )
        for _index in range(10)
    ]
    for answer in answers:
        answer.burst = burst
        answer.language = "nl-be"
        answer.submitted_on = first.date()
    Response.objects.bulk_create(answers)
