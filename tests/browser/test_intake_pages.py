"""Every intake page a coordinator uses, loaded in the browser (and so audited by axe-core),
on a desktop and on a 360 px phone without horizontal scrolling of the page itself."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from municipalities.sections import SECTIONS
from tests.factories import TEST_PASSWORD


def _pages(trajectory, intake):
    yield reverse("municipalities:trajectory_detail", kwargs={"pk": trajectory.pk})
    yield reverse("municipalities:trajectory_edit", kwargs={"pk": trajectory.pk})
    for slug in SECTIONS:
        base = {"pk": trajectory.pk, "section": slug}
        record = {**base, "record_pk": intake[slug].pk}
        yield reverse("municipalities:record_list", kwargs=base)
        yield reverse("municipalities:record_create", kwargs=base)
        yield reverse("municipalities:record_detail", kwargs=record)
        yield reverse("municipalities:record_update", kwargs=record)
        yield reverse("municipalities:record_history", kwargs=record)
    yield reverse(
        "municipalities:import_upload", kwargs={"pk": trajectory.pk, "section": "schools"}
    )
    yield reverse(
        "municipalities:site_years", kwargs={"pk": trajectory.pk, "site_pk": intake["site"].pk}
    )


@pytest.mark.parametrize("width", [1280, 360])
def test_every_intake_page_is_accessible(
    page: Page, login, live_server, axe_audit, coordinator, trajectory_a, intake_a, width
):
    page.set_viewport_size({"width": width, "height": 800})
    login("coordinator", TEST_PASSWORD)
    for path in _pages(trajectory_a, intake_a):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        axe_audit.run()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
