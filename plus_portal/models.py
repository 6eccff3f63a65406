from contextlib import suppress

from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in. What they may see follows from their role and memberships."""

    class Role(models.TextChoices):
        ADMINISTRATOR = "administrator", _("IN-Z administrator")
        COORDINATOR = "coordinator", _("IN-Z coordinator")
        OFFICIAL = "official", _("Municipal official")
        BRIDGE_FIGURE = "bridge_figure", _("Bridge figure")

    # The least privileged role is the default: a forgotten choice never widens access.
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.OFFICIAL)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_administrator(self) -> bool:
        return self.role == self.Role.ADMINISTRATOR

    @property
    def is_coordinator(self) -> bool:
        return self.role == self.Role.COORDINATOR

    @property
    def is_official(self) -> bool:
        return self.role == self.Role.OFFICIAL

    @property
    def is_bridge_figure(self) -> bool:
        """A worker's own account: their own sessions and schedule, nothing else."""
        return self.role == self.Role.BRIDGE_FIGURE

    @property
    def works_for_inz(self) -> bool:
        """IN-Z staff draft and edit; officials read, comment and decide."""
        return self.role in {self.Role.ADMINISTRATOR, self.Role.COORDINATOR}

    def is_official_of(self, municipality) -> bool:
        """An official working for this municipality: who decides and accepts for it."""
        return self.is_official and self.is_member_of(municipality)

    def is_member_of(self, municipality) -> bool:
        """A coordinator coordinates, an official works for, the municipalities of their
        memberships; only an administrator grants them."""
        return getattr(municipality, "pk", municipality) in self.member_municipality_ids

    @cached_property
    def member_municipality_ids(self) -> frozenset[int]:
        """Read once per user object, and so once per request: a page asks whether its
        viewer may change each of the objects it shows. Like Django's permission cache, an
        object held across a membership change reads it again only when fetched anew; a
        membership saved or deleted with this very object forgets it at once."""
        return frozenset(self.memberships.values_list("municipality_id", flat=True))

    def forget_memberships(self) -> None:
        with suppress(AttributeError):  # not read yet
            del self.member_municipality_ids


class CommentQuerySet(models.QuerySet):
    def open_threads(self):
        """Threads (not replies) nobody has marked resolved yet."""
        return self.filter(parent__isnull=True, resolved_at__isnull=True)

    def awaiting_reply(self):
        """Officials' open threads nobody of IN-Z has answered yet: the coordinators' to-do."""
        return (
            self.open_threads()
            .filter(author__role="official")
            .exclude(replies__author__role__in=["coordinator", "administrator"])
        )


class Comment(models.Model):
    """A remark on any part of a trajectory (a SWOT item, a strategy, an action…), with replies.

    Officials comment, IN-Z answers (a right of reply); either marks a thread resolved.
    """

    trajectory = models.ForeignKey(
        "municipalities.Trajectory", on_delete=models.CASCADE, related_name="comments"
    )
    target_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="comments")
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        constraints = [
            models.CheckConstraint(condition=~models.Q(body=""), name="comment_has_a_body")
        ]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None
