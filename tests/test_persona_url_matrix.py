"""Every route from the resolver × every role, on municipality A's objects.

Outsiders (a coordinator of B, a coordinator without any membership, an official of B, an
official of a municipality without a trajectory) get 403 or 404 for anything that names
A's objects, see nothing of A on pages that name nothing, and change nothing by POSTing.
Insiders never meet a server error. Anonymous visitors are sent to the login page.

One test per route and group of roles, so the walk spreads over the suite's processes; the
data is made once for the module (``walk_data``) and every request meets it unchanged.
"""

import re

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.url_walk import FILL, PUBLIC, Route, route_names, routes, unknown_ids

OUTSIDERS = ["coordinator_b", "coordinator_without_membership", "official_b", "official_c"]
INSIDERS = ["administrator", "coordinator", "official_a"]
# What of A would show that an outsider reached it: its own data (a municipality's name is
# public reference data) and links to its objects.
A_MARKERS = ["Velm", "Benali", "Erkende IBO", "PLUS-actieplan", "Koen Vanhees"]
# The public survey asks families which part of the municipality they live in: A's area names
# are on its form by design, for anyone with its address.
SURVEY_FORM_SHOWS = {"Velm"}
# POSTs by which an official of A may change something: talking, deciding, their own account.
OFFICIAL_WRITES = {
    "comment_add",
    "comment_resolve",
    "actionplans:plan_decide",
    "actionplans:report_request",
    "actionplans:report_retry",
    # The draft decision and the council packet are the municipality's own.
    "council_decision:edit",
    "council_submission:send_version",
    "council_submission:send_report",
}
ACCOUNT_ROUTES = {"logout", "password_change", "set_language", "password_reset"}
ROUTE_NAMES = list(route_names())
# A number with the Belgian thousands separator inside a link, a form or an element id: an id
# localized for reading ("10.001"), which the next request cannot find. The suite's ids start
# at 10,001 (``django_db_setup``), so any id printed that way shows up here.
LOCALIZED_NUMBER_IN_ATTRIBUTE = re.compile(
    r'(?:href|action|formaction|hx-[a-z]+|id|for|name|value)="[^"]*?'
    r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d,])"
)


# Tables a request may write to without changing the portal's data.
BOOKKEEPING_TABLES = ("django_session", "axes_")


def data_writes(queries) -> list[str]:
    """The statements among these that changed the portal's data."""
    return [
        query["sql"]
        for query in queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and not any(table in query["sql"] for table in BOOKKEEPING_TABLES)
    ]


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def _each_route(world, user, name):
    """Each route of this name with a fresh client, inside a savepoint rolled back afterwards,
    so every route meets the same data whatever an earlier POST did."""
    for kwargs in FILL[name](world):
        client = _client(user)
        savepoint = transaction.savepoint()
        try:
            yield Route(name, kwargs), client
        finally:
            transaction.savepoint_rollback(savepoint)


def test_every_route_is_walked(db, walk_data):
    world, _personas = walk_data
    names = {route.name for route in routes(world)}
    assert names == set(route_names())


@pytest.mark.parametrize("name", ROUTE_NAMES)
def test_anonymous_visitors_are_sent_to_the_login_page(db, walk_data, name):
    world, _personas = walk_data
    failures = []
    for route, client in _each_route(world, None, name):
        for method in ("get", "post"):
            response = getattr(client, method)(route.url)
            if route.name in PUBLIC:
                ok = response.status_code < 500
            else:
                # 405 where the route takes only POST: it tells nothing either.
                ok = response.status_code == 405 or (
                    response.status_code == 302 and "/accounts/login/" in response.url
                )
            if not ok:
                failures.append(f"{method.upper()} {route} → {response.status_code}")
    assert not failures, "\n".join(failures)


# Not their own account, which the insiders' walk checks.
@pytest.mark.parametrize("name", [name for name in ROUTE_NAMES if name not in ACCOUNT_ROUTES])
def test_outsiders_reach_nothing_of_another_municipality(db, walk_data, name):
    world, personas = walk_data
    failures = []
    for persona in OUTSIDERS:
        for route, client in _each_route(world, personas[persona], name):
            markers = [*_a_markers(route), *_links_to_a(world)]
            with CaptureQueriesContext(connection) as queries:
                for method in ("get", "post"):
                    response = getattr(client, method)(route.url)
                    status = response.status_code
                    if (route.has_ids and status not in (403, 404, 405)) or status >= 500:
                        failures.append(f"{persona}: {method.upper()} {route} → {status}")
                    elif status == 200 and (leaks := [m for m in markers if m in _text(response)]):
                        failures.append(f"{persona}: {method.upper()} {route} shows {leaks}")
            if data_writes(queries.captured_queries):
                failures.append(f"{persona}: POST {route} changed data")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name", ROUTE_NAMES)
def test_insiders_never_meet_a_server_error(db, walk_data, name):
    world, personas = walk_data
    failures = []
    for persona in INSIDERS:
        for route, client in _each_route(world, personas[persona], name):
            with CaptureQueriesContext(connection) as queries:
                for method in ("get", "post"):
                    response = getattr(client, method)(route.url)
                    if response.status_code >= 500:
                        failures.append(
                            f"{persona}: {method.upper()} {route} → {response.status_code}"
                        )
                    elif found := LOCALIZED_NUMBER_IN_ATTRIBUTE.findall(_text(response)):
                        failures.append(f"{persona}: {method.upper()} {route} prints {found}")
            changed = bool(data_writes(queries.captured_queries))
            if persona == "official_a" and changed and route.name not in OFFICIAL_WRITES:
                failures.append(f"POST {route} by an official changed data")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name", ROUTE_NAMES)
def test_unknown_ids_answer_404(db, walk_data, name):
    world, personas = walk_data
    failures = []
    for persona in INSIDERS:
        for route, client in _each_route(world, personas[persona], name):
            if not route.has_ids:
                continue
            missing: Route = unknown_ids(route)
            for method in ("get", "post"):
                status = getattr(client, method)(missing.url).status_code
                if status not in (403, 404, 405):
                    failures.append(f"{persona}: {method.upper()} {missing} → {status}")
    assert not failures, "\n".join(failures)


# A bridge figure's own pages (their day, their week, their sessions' attendance, their
# contacts with families); every other page of the portal is not theirs.
BRIDGE_FIGURE_ROUTES = {
    "today:today",
    "today:week",
    "today:attendance",
    "followup:my_contacts",
    "followup:missing_attendance",
}
# Where a bridge figure may be sent instead of a 403 or 404: the login page or their day.
BRIDGE_FIGURE_REDIRECTS = ("/accounts/login/", "/today/")


def _bridge_figure_answer_ok(world, route: Route, method: str, response) -> bool:
    status = response.status_code
    if route.name in BRIDGE_FIGURE_ROUTES:
        if route.name == "today:attendance" and route.kwargs["pk"] == world["other_session"]:
            return status == 404
        return status in (200, 302) if method == "post" else status == 200
    if route.name in PUBLIC or route.name in ACCOUNT_ROUTES or route.name == "password_change_done":
        return status < 500
    if status == 302:
        return response.url.startswith(BRIDGE_FIGURE_REDIRECTS)
    return status in (403, 404, 405)


@pytest.mark.parametrize("name", ROUTE_NAMES)
def test_a_bridge_figure_reaches_only_their_own_sessions(db, walk_data, name):
    """Their day, their week and the sessions they are on; nothing else of any municipality,
    and never another worker's last name."""
    world, personas = walk_data
    failures = []
    for route, client in _each_route(world, personas["bridge_figure"], name):
        own = route.name in BRIDGE_FIGURE_ROUTES
        markers = ["Benali"] if own else [*_a_markers(route), *_links_to_a(world)]
        with CaptureQueriesContext(connection) as queries:
            for method in ("get", "post"):
                response = getattr(client, method)(route.url)
                if not _bridge_figure_answer_ok(world, route, method, response):
                    failures.append(f"{method.upper()} {route} → {response.status_code}")
                elif response.status_code == 200 and (
                    leaks := [m for m in markers if m in _text(response)]
                ):
                    failures.append(f"{method.upper()} {route} shows {leaks}")
        if not own and route.name not in ACCOUNT_ROUTES and data_writes(queries.captured_queries):
            failures.append(f"POST {route} changed data")
    assert not failures, "\n".join(failures)


def _a_markers(route: Route) -> list[str]:
    if route.name.startswith("survey_public:"):
        return [marker for marker in A_MARKERS if marker not in SURVEY_FORM_SHOWS]
    return A_MARKERS


def _links_to_a(world) -> list[str]:
    return [
        f"/trajectories/{world['trajectory']}/",
        f"/staffing/municipality/{world['trajectory']}/",
        f"/staffing/workers/{world['worker']}/",
    ]


def _text(response) -> str:
    if response.get("Content-Type", "").startswith(("text/", "application/json")):
        return response.content.decode(errors="replace")
    return ""
