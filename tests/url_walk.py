"""Every route the portal answers, with real ids to fill it, for the tests that walk them all.

``routes()`` reads the URL resolver, so a new page is walked as soon as it exists; a route
this module cannot fill fails ``test_every_route_is_walked`` until it is added to ``FILL``.
"""

import datetime
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from plus_portal.models import User
from tests.walks import (
    attendance,
    council_decision,
    council_public,
    council_submission,
    council_twin,
    dashboard,
    indicators,
    portfolio,
    progress,
    records,
    reports,
    sessions,
    survey_admin,
    survey_intake,
    survey_public,
    survey_results,
    surveys,
)

# Each part of execution and monitoring walks its own routes, with the records it adds.
EXECUTION_WALKS = (
    progress,
    sessions,
    attendance,
    records,
    indicators,
    dashboard,
    portfolio,
    reports,
    surveys,
    survey_public,
    survey_admin,
    survey_results,
    survey_intake,
    council_decision,
    council_submission,
    council_twin,
    council_public,
)

# Routes whose answer does not depend on who asks (Django's own account pages, the
# health check, the language switch) and routes only Django's admin serves.
PUBLIC = {
    "health",
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    # A calendar feed answers without an account: its secret token is the key. It is walked
    # with a revoked token, so no walk ever reads a live feed's sessions.
    "feeds:feed",
    # The public survey: anyone with its address answers it, without an account.
    "survey_public:start",
    "survey_public:parent",
    "survey_public:child",
    "survey_public:thanks",
    # What a municipality sent to its council: anyone may verify its PDF and read its twin.
    "council_public:verify",
    "council_public:twin",
    "council_public:pdf",
}


@dataclass(frozen=True)
class Route:
    name: str
    kwargs: dict

    @property
    def url(self) -> str:
        return reverse(self.name, kwargs=self.kwargs)

    @property
    def has_ids(self) -> bool:
        """The route names one municipality's object; outsiders must not reach it."""
        return bool(self.kwargs) and self.name not in PUBLIC

    def __str__(self) -> str:
        return self.url


def route_names() -> Iterator[str]:
    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue  # Django's admin has its own permission system and tests
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    seen = set()
    for name in walk(get_resolver().url_patterns, None):
        if name not in seen:
            seen.add(name)
            yield name


def build_world(*, coordinator: User, official: User, trajectory, intake, swot, plan) -> dict:
    """Municipality A with one of everything: intake, SWOT, a submitted plan with a report,
    comments, an import in preview, a placed worker. Returns the ids routes need."""
    from actionplans import services as plan_services
    from actionplans.models import Report
    from municipalities.models import ImportBatch, Membership
    from plus_portal.models import Comment
    from staffing.models import Placement, PlacementSlot, Worker

    version = plan_services.plan_submit(plan=plan["plan"], by=coordinator)
    report = Report.objects.create(version=version, language="nl-be", requested_by=coordinator)
    comment = Comment.objects.create(
        trajectory=trajectory,
        target=plan["action"],
        author=official,
        body="Graag meer plaatsen in Velm.",
    )
    batch = ImportBatch.objects.create(
        trajectory=trajectory, kind=ImportBatch.Kind.SCHOOLS, filename="scholen.csv", rows=[]
    )
    worker = Worker.objects.create(
        first_name="Ahmed",
        last_name="Benali",
        function=Worker.Function.BRIDGE_FIGURE,
        regime=Worker.Regime.LDE,
        languages=["nl"],
        contract_starts_on=datetime.date(2023, 6, 1),
        hours_per_week=Decimal("30"),
        trajectory_starts_on=datetime.date(2024, 1, 1),
    )
    placement = Placement.objects.create(
        worker=worker,
        trajectory=trajectory,
        site=intake["site"],
        starts_on=datetime.date(2026, 9, 1),
        hours_per_week=Decimal("10"),
    )
    placement.actions.set([plan["action"]])
    PlacementSlot.objects.create(
        placement=placement,
        weekday=0,
        starts_at=datetime.time(15, 30),
        ends_at=datetime.time(18, 0),
    )
    world = {
        "trajectory": trajectory.pk,
        "municipality": trajectory.municipality_id,
        "records": {slug: record.pk for slug, record in intake.items() if slug != "site"},
        "site": intake["site"].pk,
        "contact": intake["contacts"].pk,
        "batch": batch.pk,
        "membership": Membership.objects.get(user=coordinator).pk,
        "item": swot["W1"].pk,
        "strategy": swot["strategy"].pk,
        "parts": {
            "objective": plan["objective"].pk,
            "actionplan": plan["action_plan"].pk,
            "action": plan["action"].pk,
        },
        "action": plan["action"].pk,
        "version": version.number,
        "report": report.pk,
        "comment": comment.pk,
        "worker": worker.pk,
        "placement": placement.pk,
    }
    objects = {
        "coordinator": coordinator,
        "official": official,
        "trajectory": trajectory,
        "intake": intake,
        "swot": swot,
        "plan": plan,
        "version": version,
        "worker": worker,
        "placement": placement,
    }
    for part in EXECUTION_WALKS:
        world.update(part.extend(world, objects))
    return world


def _records(world, **extra):
    return [
        {"pk": world["trajectory"], "section": slug, "record_pk": pk, **extra}
        for slug, pk in world["records"].items()
    ]


def _sections(world, **extra):
    return [{"pk": world["trajectory"], "section": slug, **extra} for slug in world["records"]]


def _importable(world, **extra):
    # Only these sections import and export spreadsheets; others answer 404, checked too.
    return [
        {"pk": world["trajectory"], "section": slug, **extra}
        for slug in ("schools", "care-providers", "leisure-actors", "children", "needs")
    ]


def _parts(world, **extra):
    return [
        {"trajectory_pk": world["trajectory"], "kind": kind, "pk": pk, **extra}
        for kind, pk in world["parts"].items()
    ]


def _in_trajectory(world, **extra):
    return [{"trajectory_pk": world["trajectory"], **extra}]


FILL = {
    "home": lambda w: [{}],
    "health": lambda w: [{}],
    "inbox": lambda w: [{}],
    "comment_add": lambda w: [{"label": "actionplans.action", "pk": w["action"]}],
    "comment_resolve": lambda w: [{"pk": w["comment"]}],
    "login": lambda w: [{}],
    "logout": lambda w: [{}],
    "password_change": lambda w: [{}],
    "password_change_done": lambda w: [{}],
    "password_reset": lambda w: [{}],
    "password_reset_done": lambda w: [{}],
    "password_reset_confirm": lambda w: [{"uidb64": "MQ", "token": "set-password"}],
    "password_reset_complete": lambda w: [{}],
    "set_language": lambda w: [{}],
    "municipalities:trajectory_list": lambda w: [{}],
    "municipalities:trajectory_start": lambda w: [{}],
    "municipalities:membership_list": lambda w: [{}],
    "municipalities:membership_revoke": lambda w: [{"pk": w["membership"]}],
    "municipalities:trajectory_detail": lambda w: [{"pk": w["trajectory"]}],
    "municipalities:trajectory_edit": lambda w: [{"pk": w["trajectory"]}],
    "municipalities:trajectory_phase": lambda w: [{"pk": w["trajectory"]}],
    "municipalities:municipality_detail": lambda w: [{"pk": w["municipality"]}],
    "municipalities:record_list": _sections,
    "municipalities:record_create": _sections,
    "municipalities:record_detail": _records,
    "municipalities:record_update": _records,
    "municipalities:record_delete": _records,
    "municipalities:record_history": _records,
    "municipalities:record_export": lambda w: (
        _importable(w, fmt="xlsx") + _importable(w, fmt="csv")
    ),
    "municipalities:import_upload": _importable,
    "municipalities:import_preview": lambda w: [
        {"pk": w["trajectory"], "section": "schools", "batch_pk": w["batch"]}
    ],
    "municipalities:import_template": lambda w: _importable(w, fmt="xlsx"),
    "municipalities:site_years": lambda w: [{"pk": w["trajectory"], "site_pk": w["site"]}],
    "municipalities:contact_portal_access": lambda w: [
        {"pk": w["trajectory"], "record_pk": w["contact"]}
    ],
    "swot:matrix": _in_trajectory,
    "swot:analysis_start": _in_trajectory,
    "swot:item_create": _in_trajectory,
    "swot:item_quick_add": _in_trajectory,
    "swot:item_detail": lambda w: _in_trajectory(w, pk=w["item"]),
    "swot:item_update": lambda w: _in_trajectory(w, pk=w["item"]),
    "swot:item_inline_edit": lambda w: _in_trajectory(w, pk=w["item"]),
    "swot:item_move": lambda w: _in_trajectory(w, pk=w["item"]),
    "swot:item_park": lambda w: _in_trajectory(w, pk=w["item"]),
    "swot:item_delete": lambda w: _in_trajectory(w, pk=w["item"]),
    "swot:suggestions": _in_trajectory,
    "swot:suggestion_decide": _in_trajectory,
    "swot:tows": _in_trajectory,
    "swot:strategy_create": _in_trajectory,
    "swot:strategy_detail": lambda w: _in_trajectory(w, pk=w["strategy"]),
    "swot:strategy_update": lambda w: _in_trajectory(w, pk=w["strategy"]),
    "swot:strategy_delete": lambda w: _in_trajectory(w, pk=w["strategy"]),
    "swot:coverage": _in_trajectory,
    "swot:export": _in_trajectory,
    "actionplans:plan": _in_trajectory,
    "actionplans:plan_create": _in_trajectory,
    "actionplans:plan_edit": _in_trajectory,
    "actionplans:plan_submit": _in_trajectory,
    "actionplans:plan_decide": _in_trajectory,
    "actionplans:library": _in_trajectory,
    "actionplans:report_list": _in_trajectory,
    "actionplans:report_request": _in_trajectory,
    "actionplans:report_status": lambda w: _in_trajectory(w, report_id=w["report"]),
    "actionplans:report_download": lambda w: _in_trajectory(w, report_id=w["report"]),
    "actionplans:report_retry": lambda w: _in_trajectory(w, report_id=w["report"]),
    "actionplans:council_decision": lambda w: _in_trajectory(w, number=w["version"]),
    "actionplans:version": lambda w: _in_trajectory(w, number=w["version"]),
    "actionplans:diff": _in_trajectory,
    "actionplans:export": lambda w: _in_trajectory(w, fmt="xlsx") + _in_trajectory(w, fmt="csv"),
    "actionplans:action_detail": lambda w: _in_trajectory(w, pk=w["action"]),
    "actionplans:part_create": lambda w: [
        {"trajectory_pk": w["trajectory"], "kind": kind} for kind in w["parts"]
    ],
    "actionplans:part_detail": _parts,
    "actionplans:part_update": _parts,
    "actionplans:part_remove": _parts,
    "actionplans:part_move": _parts,
    "staffing:list": lambda w: [{}],
    "staffing:alerts": lambda w: [{}],
    "staffing:worker_create": lambda w: [{}],
    "staffing:worker": lambda w: [{"pk": w["worker"]}],
    "staffing:worker_update": lambda w: [{"pk": w["worker"]}],
    "staffing:worker_pop": lambda w: [{"pk": w["worker"]}],
    "staffing:worker_competences": lambda w: [{"pk": w["worker"]}],
    "staffing:worker_qualifications": lambda w: [{"pk": w["worker"]}],
    "staffing:worker_availability": lambda w: [{"pk": w["worker"]}],
    "staffing:worker_milestones": lambda w: [{"pk": w["worker"]}],
    "staffing:worker_trainings": lambda w: [{"pk": w["worker"]}],
    "staffing:municipality": _in_trajectory,
    "staffing:suggestions": _in_trajectory,
    "staffing:placement_create": _in_trajectory,
    "staffing:placement_update": lambda w: _in_trajectory(w, pk=w["placement"]),
    "execution:current_year": _in_trajectory,
    "execution:year": lambda w: _in_trajectory(w, year=2026),
    "execution:free_day_import": _in_trajectory,
    "execution:school_free_days": lambda w: _in_trajectory(w, school_pk=w["records"]["schools"]),
    "execution:school_free_day_remove": lambda w: _in_trajectory(
        w, school_pk=w["records"]["schools"]
    ),
}


for part in EXECUTION_WALKS:
    FILL.update(part.FILL)


def routes(world: dict) -> list[Route]:
    return [Route(name, kwargs) for name in route_names() for kwargs in FILL[name](world)]


def unknown_ids(route: Route) -> Route:
    """The same route with every id replaced by one that exists nowhere."""
    kwargs = {
        key: (uuid.UUID(int=1) if isinstance(value, uuid.UUID) else 987654)
        if isinstance(value, int | uuid.UUID) and not isinstance(value, bool)
        else value
        for key, value in route.kwargs.items()
    }
    return Route(route.name, kwargs)
