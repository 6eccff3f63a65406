"""A worker's own sign-in, as a bridge figure: invited by a coordinator, revoked by one.

The account sees the worker's own sessions and schedule only (``Session.objects.visible_to``);
it has no memberships, so nothing else of any municipality. It starts without a password:
the worker receives an e-mail (sent by the Celery worker) with a link to choose one.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from plus_portal.forms import AccountInvitationForm
from plus_portal.models import User
from staffing.models import Worker

INVITATION_SUBJECT = "registration/invitation_subject.txt"
INVITATION_BODY = "execution/today_invitation_email.html"


def _require_coordinator(worker: Worker, by: User) -> None:
    if not by.works_for_inz or not worker.editable_by(by):
        raise PermissionDenied


def _send_invitation(user: User, *, domain: str, use_https: bool) -> None:
    form = AccountInvitationForm(user)
    if not form.is_valid():
        raise ValidationError(_("Enter a valid e-mail address."))
    form.save(
        domain_override=domain,
        use_https=use_https,
        subject_template_name=INVITATION_SUBJECT,
        email_template_name=INVITATION_BODY,
    )


@transaction.atomic
def worker_account_invite(
    *, worker: Worker, email: str, by: User, domain: str, use_https: bool = True
) -> User:
    """Give the worker a bridge figure's account with this e-mail address and mail them a
    link to choose a password. A revoked account of the worker is opened again instead."""
    _require_coordinator(worker, by)
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    account = worker.account
    if account is not None and account.is_active:
        raise ValidationError(_("%(name)s already has an account.") % {"name": worker})
    others = User.objects.filter(email__iexact=email) | User.objects.filter(username__iexact=email)
    if account is not None:
        others = others.exclude(pk=account.pk)
    if others.exists():
        raise ValidationError({"email": _("This e-mail address already belongs to an account.")})
    if account is None:
        account = User(role=User.Role.BRIDGE_FIGURE)
    # An old password of a revoked account opens nothing: the link chooses a new one.
    account.set_unusable_password()
    account.username, account.email = email.lower(), email
    account.first_name, account.last_name = worker.first_name, worker.last_name
    account.is_active = True
    account.full_clean(exclude=["password"])
    account.save()
    if worker.account_id != account.pk:
        worker.account = account
        worker._history_user = by
        worker.save(update_fields=["account", "updated_at"])
    _send_invitation(account, domain=domain, use_https=use_https)
    return account


@transaction.atomic
def worker_account_revoke(*, worker: Worker, by: User) -> None:
    """Close the worker's account: it can no longer sign in, and a signed-in browser is
    signed out at its next request (Django refuses inactive accounts)."""
    _require_coordinator(worker, by)
    account = worker.account
    if account is None or not account.is_active:
        raise ValidationError(_("%(name)s has no account to revoke.") % {"name": worker})
    account.is_active = False
    account.save(update_fields=["is_active"])
