"""Quotes and short stories for the progress report, each told with recorded consent."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction

from monitoring.models import Story
from municipalities.models import Trajectory
from plus_portal.models import User


@transaction.atomic
def story_save(
    *,
    trajectory: Trajectory,
    text: str,
    told_by: str,
    consent_on: datetime.date,
    by: User,
    story: Story | None = None,
) -> Story:
    """Add a story to the trajectory, or change one of its own. ``told_by`` describes the
    person (“a mother in Velm”), never names them; the consent date is required (model)."""
    if not trajectory.editable_by(by):
        raise PermissionDenied
    if story is None:
        story = Story(trajectory=trajectory, created_by=by)
    story.text, story.told_by, story.consent_on = text, told_by, consent_on
    story.full_clean(exclude=["created_by"])  # kept as it was (None for imported stories)
    story._history_user = by
    story.save()
    return story


@transaction.atomic
def story_remove(*, story: Story, by: User) -> None:
    """Remove a story; reports already made keep it in their frozen snapshot."""
    if not story.editable_by(by):
        raise PermissionDenied
    story._history_user = by
    story.delete()
