from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in. What they may see follows from their role and memberships."""

    class Role(models.TextChoices):
        ADMINISTRATOR = "administrator", _("IN-Z administrator")
        COORDINATOR = "coordinator", _("IN-Z coordinator")
        OFFICIAL = "official", _("Municipal official")

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
    def works_for_inz(self) -> bool:
        """IN-Z staff draft and edit; officials read, comment and decide."""
        return self.role in {self.Role.ADMINISTRATOR, self.Role.COORDINATOR}
