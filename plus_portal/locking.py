"""Optimistic locking: of two people saving the same record, the second is told, not overwritten.

A locked model carries a ``version``; its edit form sends back the version it was opened
at (a required hidden field), and the save claims the next version with a conditional
UPDATE. A save based on an older version changes nothing and shows the other's values.
"""

from collections.abc import Callable

from django import forms
from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plus_portal.templatetags.portal import display_value


class Versioned(models.Model):
    # Every save through a form raises it; a save based on an older value is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


def current_values(current: models.Model, names) -> list[tuple[str, str]]:
    """A record's values as a person reads them, field by field (for example what the other
    person saved, in ``includes/stale_edit.html``)."""
    return [
        (current._meta.get_field(name).verbose_name, display_value(current, name))
        for name in names
        if name != "lock_version"
    ]


def stale_context(error: "StaleEdit", names) -> dict:
    """Template context for ``includes/stale_edit.html``: the other person's values."""
    return {"current": error.current, "current_fields": current_values(error.current, names)}


class StaleEdit(Exception):
    """Someone else saved this record since it was opened; ``current`` is what they saved."""

    def __init__(self, current: models.Model):
        super().__init__(
            _(
                "Someone else saved “%(record)s” while you were editing it. Your changes were "
                "not saved; their version is shown below."
            )
            % {"record": current}
        )
        self.current = current


@transaction.atomic
def save_unless_changed(instance: models.Model, *, expected_version: int, save: Callable):
    """Run ``save`` (which writes the instance and whatever belongs to it) only if the
    stored version is still the one the editor started from.

    The conditional UPDATE both checks and claims the version, so of two saves of the
    same record exactly one succeeds; the other raises StaleEdit and writes nothing.
    """
    model = type(instance)
    claimed = model._base_manager.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if claimed != 1:
        raise StaleEdit(model._base_manager.get(pk=instance.pk))
    instance.version = expected_version + 1
    return save()


OUT_OF_DATE = gettext_lazy(
    "This form is out of date: open the page again and make your change there."
)


class VersionLockedForm(forms.ModelForm):
    """A model form that sends back the version its record was opened at."""

    # Not required at field level: a hidden field's error would not show next to anything,
    # so a missing or malformed version is reported for the whole form in clean().
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["lock_version"].initial = self.instance.version
        else:
            # A new record has no version yet to compare with.
            del self.fields["lock_version"]

    def clean(self):
        cleaned = super().clean()
        if "lock_version" in self.fields and not (
            "lock_version" not in self.errors and (cleaned.get("lock_version") or 0) >= 1
        ):
            self.errors.pop("lock_version", None)
            raise forms.ValidationError(OUT_OF_DATE, code="out_of_date")
        return cleaned

    @property
    def expected_version(self) -> int:
        return self.cleaned_data["lock_version"]

    def save_locked(self, save: Callable | None = None):
        """Save the form (or run ``save``) if nobody saved the record meanwhile."""
        save = save or self.save
        if not self.instance.pk or self.instance._state.adding:
            return save()
        return save_unless_changed(self.instance, expected_version=self.expected_version, save=save)
