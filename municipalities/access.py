"""How intake views turn ids from outside into records: 404 for what the user may not see.

Each helper first finds the trajectory through ``trajectory_for`` (403 when ``write`` and the
user may not change it), then the record among that trajectory's own.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from municipalities.models import Contact, ImportBatch, Membership, Site, Trajectory
from municipalities.sections import Section, section_for
from plus_portal.access import parse_id, trajectory_for
from plus_portal.models import User


def record_for(
    user: User, trajectory_pk: object, section_slug: str, pk: object, *, write: bool = False
) -> tuple[Trajectory, Section, object]:
    """The trajectory, the intake section and the record of that section."""
    trajectory = trajectory_for(user, trajectory_pk, write=write)
    section = section_for(section_slug)
    return trajectory, section, get_object_or_404(section.records(trajectory), pk=parse_id(pk))


def site_for(user: User, trajectory_pk: object, pk: object, *, write: bool = False):
    """The trajectory and one of its schools' sites."""
    trajectory = trajectory_for(user, trajectory_pk, write=write)
    sites = Site.objects.filter(school__trajectory=trajectory).select_related("school")
    return trajectory, get_object_or_404(sites, pk=parse_id(pk))


def contact_for(user: User, trajectory_pk: object, pk: object, *, write: bool = False):
    """The trajectory and one of its contacts."""
    trajectory = trajectory_for(user, trajectory_pk, write=write)
    contacts = Contact.objects.filter(trajectory=trajectory)
    return trajectory, get_object_or_404(contacts, pk=parse_id(pk))


def importable_section_for(section_slug: str) -> Section:
    """An intake section that has an import (and export); 404 for the others."""
    section = section_for(section_slug)
    if not section.import_kind:
        raise Http404
    return section


def batch_for(user: User, trajectory_pk: object, section_slug: str, pk: object):
    """The trajectory, its importable section and an upload of that kind, for a user who
    may change the trajectory (an import writes to it)."""
    trajectory = trajectory_for(user, trajectory_pk, write=True)
    section = importable_section_for(section_slug)
    batches = ImportBatch.objects.filter(trajectory=trajectory, kind=section.import_kind)
    return trajectory, section, get_object_or_404(batches, pk=parse_id(pk))


def administrator_only(user: User) -> None:
    if not user.is_administrator:
        raise PermissionDenied(_("Only IN-Z administrators grant or take away access."))


def membership_for(user: User, pk: object) -> Membership:
    """A membership, for an administrator (the only one who grants or revokes access)."""
    administrator_only(user)
    memberships = Membership.objects.select_related("user", "municipality")
    return get_object_or_404(memberships, pk=parse_id(pk))
