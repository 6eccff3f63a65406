"""The accessible HTML twin of a council document: a plan version's PDF or a progress report.

The twin shows what the PDF shows, from the same frozen snapshot and in the document's
language: its context is the PDF's own (``actionplans.reports.report_context`` and
``monitoring.reports.report_context``), with what a screen reader needs beside it — a table
of contents, every chart's figures as a table, and the fingerprint in a colophon. Nothing
here reads the plan or the period as they are today.

Call both builders inside ``translation.override(language)`` of the document.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _

from actionplans import reports as plan_reports
from actionplans.models import Action, PlanVersion, Report
from actionplans.snapshots import READABLE_SCHEMAS, snapshot_schema
from actionplans.templatetags.plans import iso_date
from monitoring import reports as progress_reports
from monitoring.models import ProgressReport


def version_language(language: str | None = None) -> str:
    """The language of a version's twin: the one asked for if the portal has it, else the
    portal's own (the language of the PDF made when the version was frozen, which the council
    receives)."""
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def language_tag(language: str) -> str:
    return "nl-BE" if language.startswith("nl") else language


def nested_toc(toc: list[dict]) -> list[dict]:
    """The flat table of contents (levels 1 and 2) as chapters, each with its parts."""
    chapters: list[dict] = []
    for entry in toc:
        if entry["level"] == 1 or not chapters:
            chapters.append({**entry, "children": []})
        else:
            chapters[-1]["children"].append(entry)
    return chapters


def _timeline_rows(objective) -> list[dict]:
    statuses = dict(Action.Status.choices)
    return [
        {
            "code": action.code,
            "title": action.title,
            "is_prioritair": action.is_prioritair,
            "starts_on": iso_date(action.starts_on) if action.starts_on else "—",
            "ends_on": iso_date(action.ends_on) if action.ends_on else "—",
            "status": statuses.get(action.status, action.status),
        }
        for action_plan in objective.action_plans
        for action in action_plan.actions
    ]


def _coverage_rows(matrix) -> list[dict]:
    """Each row of need against offer, each cell as the chart prints it and in words."""
    return [
        {
            "label": f"{row.age_group_label} · {row.area_label}",
            "cells": [
                ""
                if cell.status == "none"
                else f"{cell.available}/{cell.need_display} ({cell.status_label})"
                for cell in row.cells
            ],
        }
        for row in matrix.rows
    ]


def version_twin_context(version: PlanVersion, *, language: str) -> dict:
    """The PDF's context of ``version`` in ``language``, with the twin's additions.

    The PDF's builder takes a ``Report``; an unsaved one names the version and the language
    and nothing else, so no row is made for a page view. 404 for a snapshot this portal
    cannot read (the PDF refuses it too).
    """
    if snapshot_schema(version.snapshot or {}) not in READABLE_SCHEMAS:
        raise Http404
    context = plan_reports.report_context(Report(version=version, language=language))
    toc = [*context["toc"], {"id": "colophon", "title": _("About this document"), "level": 1}]
    context.update(
        toc=nested_toc(toc),
        timelines=[
            (objective, chart, _timeline_rows(objective))
            for objective, chart in context["timelines"]
        ],
        coverage_rows=_coverage_rows(context["coverage"]),
        heading=context["plan_data"].title,
        kind="version",
    )
    return context


def report_twin_context(report: ProgressReport) -> dict:
    """The progress report PDF's context, with the twin's table of contents; 404 for a
    snapshot this portal cannot read."""
    if (report.snapshot or {}).get("schema") != progress_reports.SCHEMA:
        raise Http404
    context = progress_reports.report_context(report)
    titles = {
        "summary": _("Summary"),
        "indicators": _("Indicators against their targets"),
        "progress": _("Progress per objective and action"),
        "sessions": _("Sessions and participation"),
        "staffing": _("Staffing"),
        "finance": _("Financial execution"),
        "stories": _("In their own words"),
    }
    toc = [{"id": f"section-{key}", "title": title, "level": 1} for key, title in titles.items()]
    toc.append({"id": "colophon", "title": _("About this document"), "level": 1})
    context.update(
        toc=nested_toc(toc),
        titles=titles,
        heading=report.title,
        municipality_name=context["data"].get("municipality", ""),
        kind="report",
    )
    return context


def version_pdf(version: PlanVersion, language: str) -> Report | None:
    """The finished PDF of ``version`` in ``language`` offered for download beside the twin."""
    offered = plan_reports.report_shown(version=version, language=language)
    return offered if offered and offered.is_downloadable else None
