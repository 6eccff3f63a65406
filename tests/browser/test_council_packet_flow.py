"""The council packet, end to end, as the issue asks: an official edits the draft decision,
marks the packet as sent to the council, and a visitor without an account downloads the PDF
from the public page and verifies it; a copy with one byte changed is unknown.

The PDF is the real one: the shared Celery worker renders it (PDF/A) when the version is
frozen and approved. axe-core audits every page on the way (``conftest.axe_audit``). The
official reads in English (the language cookie); the visitor reads the portal's Dutch.
"""

import time

import pypdf
from playwright.sync_api import Browser, Page, expect

from actionplans import services
from actionplans.models import Report
from council.models import DraftDecision, Submission
from tests.browser.conftest import AxeAudit
from tests.factories import TEST_PASSWORD

WAIT_FOR_PDF_SECONDS = 90


def _wait_for_pdf(version) -> Report:
    """The version's PDF once the worker has made it (polled, not slept for a fixed time)."""
    deadline = time.monotonic() + WAIT_FOR_PDF_SECONDS
    while time.monotonic() < deadline:
        done = Report.objects.filter(version=version, status=Report.Status.DONE).first()
        if done and not Report.objects.filter(version=version).pending().exists():
            return done
        time.sleep(0.2)
    raise AssertionError("the worker made no PDF of the approved version")


def test_an_official_sends_the_packet_and_a_visitor_verifies_its_pdf(
    page: Page,
    browser: Browser,
    login,
    live_server,
    axe_audit,
    celery_worker,
    settings,
    tmp_path,
    plan_a,
    coordinator,
    official_a,
):
    settings.MEDIA_ROOT = tmp_path
    version = services.plan_submit(plan=plan_a["plan"], by=coordinator)
    services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)
    trajectory = version.plan.trajectory

    login(official_a.username, TEST_PASSWORD)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"{live_server.url}/trajectories/{trajectory.pk}/plan/versions/{version.number}/")
    page.get_by_role("link", name="Council packet").click()
    expect(page.get_by_text(version.content_hash).first).to_be_visible()

    page.get_by_role("link", name="Edit the draft decision").click()
    page.get_by_label("Title").fill("Goedkeuring van het PLUS-actieplan van Sint-Truiden")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The draft decision is saved.")).to_be_visible()
    assert DraftDecision.objects.get(version=version).title.endswith("van Sint-Truiden")

    page.get_by_role("link", name="Mark as sent to the council").click()
    page.get_by_label("Date of the council meeting").fill("2027-01-25")
    page.get_by_role("button", name="Mark as sent to the council").click()
    expect(page.get_by_text("Council meeting of 25 January 2027.")).to_be_visible()
    public_link = page.locator(".council-twin a.text-break")
    public_url = public_link.get_attribute("href")
    assert public_url == f"/council/{Submission.objects.get(plan_version=version).public_token}/"
    issued = _wait_for_pdf(version)

    visitor = browser.new_context(locale="nl-BE", accept_downloads=True)
    public = visitor.new_page()
    visitor_audit = AxeAudit(public)
    public.on("load", lambda _page: visitor_audit.run())
    public.goto(f"{live_server.url}{public_url}")
    expect(public.get_by_role("heading", level=1)).to_be_visible()
    with public.expect_download() as download_info:
        public.get_by_role("link", name="De pdf downloaden").click()
    downloaded = tmp_path / "ontvangen.pdf"
    download_info.value.save_as(downloaded)
    assert downloaded.read_bytes() == issued.file.open("rb").read()
    assert "Sint-Truiden" in pypdf.PdfReader(downloaded).metadata.title

    public.locator("a[href$='/verify/']").first.click()
    public.set_input_files("#id_document", str(downloaded))
    public.locator("#verify-form button[type=submit]").click()
    result = public.locator("#verify-result")
    expect(result).to_contain_text("Uitgegeven door het PLUS-portaal")
    expect(result).to_contain_text(trajectory.municipality.name_nl)

    changed = tmp_path / "gewijzigd.pdf"
    content = bytearray(downloaded.read_bytes())
    content[len(content) // 2] ^= 0x01
    changed.write_bytes(bytes(content))
    public.set_input_files("#id_document", str(changed))
    public.locator("#verify-form button[type=submit]").click()
    expect(public.locator("#verify-result")).to_contain_text("Onbekend")
    expect(public.locator("#verify-result")).not_to_contain_text(trajectory.municipality.name_nl)
    public.screenshot(path=str(tmp_path / "verify.png"), full_page=True)
    visitor_audit.run()
    visitor.close()
    assert len(visitor_audit.audited) >= 3
    assert not visitor_audit.violations, "\n".join(visitor_audit.violations)
