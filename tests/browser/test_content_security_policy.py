"""The pages work under a Content-Security-Policy that allows no inline script.

Every browser test fails on a refusal (conftest's csp_violations); these visit the pages
with htmx, Bootstrap and the portal's own script at work, and the Django admin.
"""

import re

from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.conftest import flush_console
from tests.factories import TEST_PASSWORD


def test_login_trajectory_swot_quick_add_and_plan_raise_no_violation(
    page: Page, login, live_server, csp_violations, coordinator, trajectory_a, plan_a
):
    # Chromium names any feature of the Permissions-Policy it does not know in the console.
    policy_errors = []
    page.on(
        "console",
        lambda message: "Permissions-Policy" in message.text and policy_errors.append(message.text),
    )
    response = page.goto(f"{live_server.url}{reverse('login')}")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "camera=()" in response.headers["permissions-policy"]
    login("coordinator", TEST_PASSWORD)

    page.goto(
        f"{live_server.url}{reverse('municipalities:trajectory_detail', args=[trajectory_a.pk])}"
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sint-Truiden")
    page.locator("header .dropdown-toggle").click()  # Bootstrap's dropdown
    expect(page.get_by_role("link", name="Wachtwoord wijzigen")).to_be_visible()

    page.goto(f"{live_server.url}{reverse('swot:matrix', args=[trajectory_a.pk])}")
    threats = page.locator("#quadrant-T")
    threats.get_by_label("Stelling").fill("Wachtlijsten bij de IBO groeien")
    threats.get_by_role("button", name="Toevoegen").click()
    expect(page.locator("#quadrant-T")).to_contain_text("Wachtlijsten bij de IBO groeien")

    page.goto(f"{live_server.url}{reverse('actionplans:plan', args=[trajectory_a.pk])}")
    expect(page.get_by_role("link", name=re.compile("A1.1.1 Naschoolse opvang"))).to_be_visible()
    flush_console(page)
    assert csp_violations == []
    assert policy_errors == []


def test_removing_a_plan_part_asks_first(
    page: Page, login, live_server, coordinator, trajectory_a, plan_a
):
    login("coordinator", TEST_PASSWORD)
    page.goto(f"{live_server.url}{reverse('actionplans:plan', args=[trajectory_a.pk])}")
    action = page.get_by_role("link", name=re.compile("A1.1.1 Naschoolse opvang"))
    remove = page.get_by_role("button", name="Verwijderen A1.1.1")

    questions = []

    def answer(dialog, accept: bool) -> None:
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    remove.click()
    page.wait_for_timeout(300)  # a submit that went through would be loading by now
    expect(action).to_be_visible()

    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    remove.click()
    expect(action).to_have_count(0)
    assert questions == ["Dit onderdeel uit het plan halen?"] * 2


def test_the_admin_raises_no_violation(page: Page, login, live_server, administrator):
    administrator.is_superuser = True
    administrator.save(update_fields=["is_superuser"])
    login("admin", TEST_PASSWORD)

    page.goto(f"{live_server.url}{reverse('admin:index')}")
    page.goto(f"{live_server.url}{reverse('admin:plus_portal_user_changelist')}")
    page.get_by_role("link", name="admin", exact=True).click()
    expect(page.locator("#id_username")).to_have_value("admin")


def test_a_refusal_is_noticed(page: Page, login, live_server, csp_violations, official_a):
    # The watch itself works: an inline <style> put in by hand is refused and reported.
    login("official_a", TEST_PASSWORD)
    page.evaluate("document.head.insertAdjacentHTML('beforeend', '<style>main{}</style>')")
    flush_console(page)

    assert any("style-src" in message for message in csp_violations)
    csp_violations.clear()
