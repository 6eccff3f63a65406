"""Comments on the parts of a trajectory: one thread per remark, with replies.

A model takes comments when it is listed in COMMENTABLE, has ``objects.visible_to(user)`` and
a ``trajectory`` attribute; every comment URL finds its target through them, so a user never
comments on (or learns of) something they cannot see.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from plus_portal.models import Comment, User

# Model label → what to call (dotted path) once a comment on it is committed, if anything.
COMMENTABLE = {
    "swot.swotitem": None,
    "swot.strategy": None,
    "actionplans.objective": "actionplans.services.notify_comment",
    "actionplans.actionplan": "actionplans.services.notify_comment",
    "actionplans.action": "actionplans.services.notify_comment",
    "monitoring.progressreport": None,
}


class CommentError(Exception):
    pass


def commentable_for(user: User, label: str, pk: int) -> models.Model:
    if label not in COMMENTABLE:
        raise Http404
    model = apps.get_model(label)
    return get_object_or_404(model.objects.visible_to(user), pk=pk)


def comment_add(*, target: models.Model, author: User, body: str, parent: Comment | None = None):
    """Add a remark to a target, or a reply to a thread on it."""
    body = body.strip()
    if not body:
        raise CommentError(_("Write a comment first."))
    target_type = ContentType.objects.get_for_model(target)
    if parent is not None and (
        parent.target_type_id != target_type.pk or parent.target_id != target.pk or parent.parent_id
    ):
        raise CommentError(_("A reply belongs to a thread on the same item."))
    comment = Comment.objects.create(
        trajectory=target.trajectory,
        target_type=target_type,
        target_id=target.pk,
        parent=parent,
        author=author,
        body=body,
    )
    notifier = COMMENTABLE.get(f"{target_type.app_label}.{target_type.model}")
    if notifier:
        transaction.on_commit(lambda: import_string(notifier)(comment))
    return comment


def comment_resolve(*, comment: Comment, by: User) -> None:
    comment.resolved_at = timezone.now()
    comment.resolved_by = by
    comment.save(update_fields=["resolved_at", "resolved_by"])


def comment_reopen(*, comment: Comment) -> None:
    comment.resolved_at = None
    comment.resolved_by = None
    comment.save(update_fields=["resolved_at", "resolved_by"])


def threads_for(target: models.Model):
    """The threads on a target, each with its replies, oldest first."""
    return (
        Comment.objects.filter(
            target_type=ContentType.objects.get_for_model(target),
            target_id=target.pk,
            parent__isnull=True,
        )
        .select_related("author", "resolved_by")
        .prefetch_related(Prefetch("replies", queryset=Comment.objects.select_related("author")))
    )


def with_open_comment_count(queryset: models.QuerySet) -> models.QuerySet:
    """Annotate ``open_comments``: unresolved threads on each row, in the same query."""
    target_type = ContentType.objects.get_for_model(queryset.model)
    counts = (
        Comment.objects.open_threads()
        .filter(target_type=target_type, target_id=OuterRef("pk"))
        .order_by()
        .values("target_id")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return queryset.annotate(open_comments=Subquery(counts))
