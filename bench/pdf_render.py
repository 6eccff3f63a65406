"""Benchmark: the council PDF of a plan version, warm, in one process; and Chromium beside it.

    .venv/bin/python bench/pdf_render.py
    .venv/bin/python bench/pdf_render.py --database-url postgres://postgres@127.0.0.1:5432/plus_bench
    .venv/bin/python bench/pdf_render.py --runs 5 --no-chromium

Two plans in a throwaway database (see support.py): a demo-like one (3 objectives × 2 action
plans × 3 actions, about 20 pages) and a large one (8 × 4 × 10 = 320 actions, about 100
pages). Each is rendered once to warm the caches (fonts, stylesheet), then RUNS times; the
median is reported with pages per second. Peak resident memory is getrusage's maxrss for the
whole process. The same HTML (stylesheet inlined) is printed by headless Chromium twice over:
cold, one ``chromium --headless --print-to-pdf`` process per print (start-up included), and
warm, one browser launched once through Playwright, then ``set_content`` + ``page.pdf()`` per
print. Both ratios (WeasyPrint median / Chromium median) are printed. Goals: 20 pages under
3 s warm, 100 pages under 15 s, peak under 500 MB.
"""

import argparse
import datetime
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from support import throwaway_database

CHROMIUM = "/usr/bin/chromium"


def build_plan(nis_code: str, name: str, *, objectives: int, action_plans: int, actions: int):
    """A submitted plan with intake, SWOT and full actions; returns its version."""
    from actionplans import services
    from actionplans.models import (
        Action,
        ActionPlan,
        ActionSlot,
        BudgetLine,
        FundingSource,
        Objective,
    )
    from municipalities.models import (
        Area,
        CareProvider,
        ChildrenCount,
        LeisureActor,
        Membership,
        Municipality,
        Need,
        School,
        Site,
        SiteYear,
        Trajectory,
    )
    from plus_portal.models import User
    from swot.models import Strategy, SwotAnalysis, SwotItem

    municipality = Municipality.objects.create(
        nis_code=nis_code, name_nl=name, name_fr=name, province="70000", region="02000"
    )
    trajectory = Trajectory.objects.create(municipality=municipality)
    coordinator = User.objects.create_user(
        f"bench-{nis_code}", password="x", role=User.Role.COORDINATOR
    )
    Membership.objects.create(user=coordinator, municipality=municipality)
    areas = [Area.objects.create(trajectory=trajectory, name=f"Deelgemeente {n}") for n in range(4)]
    sites = []
    for n in range(6):
        school = School.objects.create(
            trajectory=trajectory,
            institution_number=f"{nis_code[:3]}{n:03d}",
            name=f"Basisschool De Regenboog {n}",
            network="go",
        )
        site = Site.objects.create(
            school=school,
            site_number=1,
            street=f"Schoolstraat {n + 1}",
            postal_code="3800",
            area=areas[n % len(areas)],
            setting="urban",
        )
        SiteYear.objects.create(site=site, school_year="2025-2026", pupils_5_10=120 + 10 * n)
        sites.append(site)
    CareProvider.objects.create(
        trajectory=trajectory, name="IBO De Speelvogel", kind="ibo", capacity_5_10=84
    )
    LeisureActor.objects.create(
        trajectory=trajectory, name="Chiro", kind="youth_work", age_groups=["5-10", "11-15"]
    )
    ChildrenCount.objects.create(trajectory=trajectory, age_group="5-10", children=2950)
    for n, slot in enumerate(["after_school", "wednesday", "lunchtime"]):
        Need.objects.create(
            trajectory=trajectory,
            voiced_by="parents",
            age_group="5-10",
            slot=slot,
            area=areas[n],
            children_concerned=30 + 10 * n,
            source="survey",
            respondents=100,
        )
    analysis = SwotAnalysis.objects.create(trajectory=trajectory)
    items = {
        quadrant: [
            SwotItem.objects.create(
                analysis=analysis,
                quadrant=quadrant,
                priority=p,
                theme="childcare",
                statement=f"{quadrant}{p}: een vaststelling over opvang en vrije tijd",
                author=coordinator,
            )
            for p in range(1, 6)
        ]
        for quadrant in "SWOT"
    }
    strategy = Strategy.objects.create(analysis=analysis, kind="WO", title="Opvang op de campus")
    strategy.items.set([items["W"][0], items["O"][0]])

    plan = services.plan_create(
        trajectory=trajectory,
        title=f"PLUS-actieplan {name}",
        summary="Opvang en vrije tijd samen, voor kinderen van 5 tot 15 jaar.\n" * 3,
    )
    for o in range(objectives):
        objective = services.part_add(
            Objective(
                plan=plan,
                title=f"Elk kind een plek na school, doelstelling {o + 1}",
                description="Waarom deze doelstelling telt, in een paar zinnen. " * 3,
            )
        )
        objective.strategies.set([strategy])
        for p in range(action_plans):
            action_plan = services.part_add(
                ActionPlan(objective=objective, title=f"Opvang en vrije tijd, actieplan {p + 1}")
            )
            for a in range(actions):
                action = services.part_add(
                    Action(
                        action_plan=action_plan,
                        title=f"Naschoolse werking met brugfiguren, actie {a + 1}",
                        description="Wat er gebeurt, met wie en waar.",
                        owner="Joris Claes",
                        age_groups=["5-10"] if a % 2 else ["5-10", "11-15"],
                        is_prioritair=a == 0,
                        starts_on=datetime.date(2026 + a % 3, 9, 1),
                        ends_on=datetime.date(2027 + a % 3 + a % 2, 6, 30),
                    )
                )
                action.sites.set(sites[: 1 + a % 3])
                ActionSlot.objects.create(
                    action=action, slot="after_school", expected_children=20 + a
                )
                ActionSlot.objects.create(
                    action=action, slot="holidays", holiday_period="summer", expected_children=30
                )
                for year in (2026, 2027):
                    BudgetLine.objects.create(
                        action=action, category="personnel", year=year, amount=Decimal("9000")
                    )
                    FundingSource.objects.create(
                        action=action,
                        kind=["boa", "municipal", "project_subsidy"][a % 3],
                        year=year,
                        amount=Decimal("9000"),
                    )
    return services.plan_submit(plan=plan, by=coordinator), coordinator


def render_once(report, *, keep_html: Path | None = None):
    from django.template.loader import render_to_string
    from django.utils import translation

    from actionplans import reports

    started, cpu_started = time.perf_counter(), time.process_time()
    pdf = reports.render_report_pdf(report)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if keep_html:
        with translation.override(report.language):
            context = reports.report_context(report)
            html = render_to_string(reports.REPORT_TEMPLATE, context)
            css = Path(reports.finders.find(reports.REPORT_STYLESHEET)).read_text()
            fonts = Path(reports.finders.find("fonts/DejaVuSans.ttf")).parent.as_uri()
            css = css.replace("../fonts", fonts) + reports._page_css(context)
        keep_html.write_text(html.replace("</head>", f"<style>{css}</style></head>", 1))
    return pdf, elapsed, cpu


def chromium_cold_seconds(html: Path, runs: int) -> float | None:
    if not Path(CHROMIUM).exists():
        return None
    times = []
    with tempfile.TemporaryDirectory() as profile:
        for _ in range(runs):
            out = html.with_suffix(".chromium.pdf")
            started = time.perf_counter()
            subprocess.run(
                [
                    CHROMIUM,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    f"--user-data-dir={profile}",
                    "--no-pdf-header-footer",
                    f"--print-to-pdf={out}",
                    html.as_uri(),
                ],
                check=True,
                capture_output=True,
                timeout=120,
            )
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def chromium_warm_seconds(html: Path, runs: int) -> float | None:
    """One browser for all prints; the first print (fonts, layout code) is not counted."""
    if not Path(CHROMIUM).exists():
        return None
    from playwright.sync_api import sync_playwright

    content = html.read_text()
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page()
        # Opened from its file once, so set_content keeps the file: origin the fonts need.
        page.goto(html.as_uri())
        page.pdf(prefer_css_page_size=True)
        for _ in range(runs):
            started = time.perf_counter()
            page.set_content(content, wait_until="load")
            page.pdf(prefer_css_page_size=True)
            times.append(time.perf_counter() - started)
        browser.close()
    return statistics.median(times)


def _ratio(weasyprint_s: float, chromium_s: float | None) -> str:
    return f"{weasyprint_s / chromium_s:6.1f}" if chromium_s else "     –"


def _seconds(value: float | None) -> str:
    return f"{value:6.2f}" if value else "     –"


def run(runs: int, chromium: bool, large_actions: int) -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, skip_checks=True)
    from django.conf import settings

    from actionplans.models import Report

    plans = {
        "demo-like (3×2×3)": build_plan(
            "71053", "Sint-Truiden", objectives=3, action_plans=2, actions=3
        ),
        f"large (8×4×{large_actions})": build_plan(
            "24107", "Tienen", objectives=8, action_plans=4, actions=large_actions
        ),
    }
    work = Path(tempfile.mkdtemp(prefix="pdf-bench-"))
    print(
        f"{'plan':<20} {'pages':>5} {'median s':>9} {'cpu s':>6} {'pages/s':>8} {'size KB':>8}"
        f" {'cold s':>6} {'warm s':>6} {'/cold':>6} {'/warm':>6}"
    )
    for label, (version, _user) in plans.items():
        # The PDF queued when the version was frozen: rendered here instead of by a worker.
        report = Report.objects.get(version=version, language=settings.LANGUAGE_CODE)
        html = work / f"{version.plan.trajectory.municipality.name_nl}.html"
        pdf, _wall, _cpu = render_once(report, keep_html=html)  # warms fonts and stylesheet
        measured = [render_once(report)[1:] for _ in range(runs)]
        median = statistics.median(wall for wall, _cpu in measured)
        cpu = statistics.median(cpu for _wall, cpu in measured)
        pages = pdf.page_count
        cold = chromium_cold_seconds(html, runs) if chromium else None
        warm = chromium_warm_seconds(html, runs) if chromium else None
        print(
            f"{label:<20} {pages:>5} {median:9.2f} {cpu:6.2f} {pages / median:8.1f} "
            f"{len(pdf.content) / 1024:8.0f} {_seconds(cold)} {_seconds(warm)} "
            f"{_ratio(median, cold)} {_ratio(median, warm)}"
        )
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory (getrusage maxrss) {maxrss:.0f} MB")
    print("cpu s: this process's CPU time (median), steadier than wall time on a busy machine")
    print(
        "/cold, /warm = WeasyPrint median / Chromium median; cold: a chromium process per print "
        "(start-up included), warm: one browser, page.pdf() per print"
    )
    shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="postgres://… database to create, use and drop")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-chromium", action="store_true")
    parser.add_argument("--large-actions", type=int, default=10, help="actions per action plan")
    args = parser.parse_args()
    with throwaway_database(args.database_url):
        run(args.runs, chromium=not args.no_chromium, large_actions=args.large_actions)


if __name__ == "__main__":
    main()
