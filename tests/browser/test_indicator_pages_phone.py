"""Every page of a trajectory's indicators and of its dashboard, on a 390 px phone, as its
coordinator: none scrolls sideways, and axe-core finds no serious or critical violation on
any (``conftest.axe_audit`` audits each page as it loads).

The pages are read from the URL resolver (the ``indicators`` and ``dashboard`` namespaces), so
a new page is visited as soon as it exists; its ids come from ``FILL`` below, and a route with
an id this test cannot fill fails it. Two pages are kept as screenshots in ``/tmp/shots/``.
"""

import datetime
from decimal import Decimal
from pathlib import Path

from django.urls import URLPattern, get_resolver, reverse
from playwright.sync_api import Page

from monitoring.models import FundingReceipt, Indicator, IndicatorResult, IndicatorTarget
from tests.browser.test_dashboard_official import dashboard_data  # noqa: F401 (a fixture)
from tests.factories import TEST_PASSWORD

NAMESPACES = ("indicators", "dashboard")
PHONE = {"width": 390, "height": 844}
SHOTS = Path("/tmp/shots")
SCREENSHOTS = {
    "indicators:list": "phone-indicators-list.png",
    "dashboard:overview": "phone-dashboard.png",
}
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


def routes() -> dict[str, URLPattern]:
    """The named routes of ``NAMESPACES``, from the URL resolver."""
    found = {}
    for namespace in NAMESPACES:
        _prefix, resolver = get_resolver().namespace_dict[namespace]
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLPattern) and pattern.name:
                found[f"{namespace}:{pattern.name}"] = pattern
    return found


def _data(plan) -> dict:
    """The ids the pages take: the objective, a manual indicator with a target and a result (and
    a computed one beside it), the action's funding source with a receipt."""
    objective = plan["objective"]
    indicator = Indicator.objects.create(
        objective=objective,
        name="Ouders die de school vinden",
        definition="Aandeel ouders dat de school zegt te kennen (enquête).",
        unit="%",
        baseline=Decimal("40"),
        baseline_note="Enquête 2025",
    )
    IndicatorTarget.objects.create(indicator=indicator, year=2026, value=Decimal("50"))
    result = IndicatorResult.objects.create(
        indicator=indicator,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        value=Decimal("45"),
        source="Oudervragenlijst",
        note="Afgenomen bij de inschrijving voor het nieuwe schooljaar in alle scholen",
    )
    computed = Indicator.objects.create(
        objective=objective, name="Kinderen bereikt (5–10)", computed_key="children_reached_5_10"
    )
    IndicatorTarget.objects.create(indicator=computed, year=2026, value=Decimal("20"))
    source = plan["action"].funding.order_by("pk").first()
    FundingReceipt.objects.create(
        funding_source=source, received_on=datetime.date(2026, 10, 1), amount=Decimal("9250")
    )
    return {
        "trajectory_pk": plan["plan"].trajectory_id,
        "objective_pk": objective.pk,
        "pk": indicator.pk,
        "result_pk": result.pk,
        # The receipts page's pk is a funding source's.
        "dashboard:receipts": {"pk": source.pk},
    }


def _url(name: str, pattern: URLPattern, data: dict) -> str:
    """The route filled with the ids its pattern names (a ``KeyError`` for an id ``data`` has
    not): the namespace's own ``trajectory_pk`` and those of the route itself."""
    own = data.get(name, {})
    kwargs = {"trajectory_pk": data["trajectory_pk"]}
    for key in pattern.pattern.converters:
        kwargs[key] = own[key] if key in own else data[key]
    return reverse(name, kwargs=kwargs)


def test_every_indicator_and_dashboard_page_fits_a_phone(
    page: Page,
    login,
    live_server,
    axe_audit,
    dashboard_data,  # noqa: F811
    coordinator,
):
    data = _data(dashboard_data)
    found = routes()
    assert {"indicators:list", "indicators:result_edit", "dashboard:receipts"} <= set(found)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(PHONE)
    login("coordinator", TEST_PASSWORD)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    sideways = []
    posts_only = []
    for name, pattern in found.items():
        url = _url(name, pattern, data)
        if page.request.get(f"{live_server.url}{url}").status == 405:
            posts_only.append(name)  # a button's target (a removal), not a page
            continue
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 200, (name, url, response.status)
        axe_audit.run()
        overflow = page.evaluate(OVERFLOW)
        if overflow > 0:
            sideways.append(f"{name} ({url}) is {overflow} px too wide")
        if name in SCREENSHOTS:
            page.screenshot(path=SHOTS / SCREENSHOTS[name], full_page=True)
    assert posts_only == ["indicators:result_remove"], posts_only
    assert len(axe_audit.audited) >= len(found) - len(posts_only)
    assert not sideways, "\n".join(sideways)
