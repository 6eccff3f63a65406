"""Routes and data of this part of monitoring, for the persona × URL matrix and the bad-input walk.

``extend(world, objects)`` adds this part's records to the walk's world (``objects`` are the
model instances ``build_world`` made) and returns the ids to put in it; ``FILL`` maps each of
this part's route names to the URL kwargs to walk it with.
"""

import datetime


def extend(world: dict, objects: dict) -> dict:
    """A finished progress report with a small PDF, one without a file, a comment on the
    first and a story."""
    from django.core.files.base import ContentFile

    from monitoring import reports
    from monitoring.models import ProgressReport, Story
    from plus_portal.comments import comment_add

    trajectory = objects["trajectory"]
    coordinator = objects["coordinator"]
    start, end = reports.period_of(reports.CALENDAR_YEAR, 2026)
    snapshot = reports.progress_snapshot(trajectory, start, end, today=datetime.date(2027, 1, 15))
    done = ProgressReport(
        trajectory=trajectory,
        period_start=start,
        period_end=end,
        title="Voortgangsrapport 2026",
        snapshot=snapshot,
        content_hash="a" * 64,
        status=ProgressReport.Status.DONE,
        progress=100,
        requested_by=coordinator,
    )
    done.pdf.save("walk.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    done.save()
    failed = ProgressReport.objects.create(
        trajectory=trajectory,
        period_start=start,
        period_end=end,
        title="Voortgangsrapport 2026 (mislukt)",
        snapshot=snapshot,
        content_hash="b" * 64,
        status=ProgressReport.Status.FAILED,
        requested_by=coordinator,
    )
    comment_add(target=done, author=objects["official"], body="Graag meer uitleg.")
    story = Story.objects.create(
        trajectory=trajectory,
        text="Eindelijk opvang dicht bij school.",
        told_by="een moeder",
        consent_on=datetime.date(2026, 10, 1),
        created_by=coordinator,
    )
    return {
        "progress_report": done.pk,
        "failed_progress_report": failed.pk,
        "story": story.pk,
    }


def _in_trajectory(world, **extra):
    return [{"trajectory_pk": world["trajectory"], **extra}]


def _reports(world):
    return [
        {"trajectory_pk": world["trajectory"], "pk": world[key]}
        for key in ("progress_report", "failed_progress_report")
    ]


FILL: dict = {
    "progress_reports:list": _in_trajectory,
    "progress_reports:request": _in_trajectory,
    "progress_reports:detail": _reports,
    "progress_reports:download": _reports,
    "progress_reports:xlsx": _reports,
    "progress_reports:csv": _reports,
    "progress_reports:retry": _reports,
    "progress_reports:accept": _reports,
    "progress_reports:story_add": _in_trajectory,
    "progress_reports:story_edit": lambda w: _in_trajectory(w, pk=w["story"]),
    "progress_reports:story_remove": lambda w: _in_trajectory(w, pk=w["story"]),
}
