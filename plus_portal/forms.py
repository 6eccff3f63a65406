from django.contrib.auth.forms import PasswordResetForm
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django.utils import translation

from plus_portal.tasks import send_email, send_password_reset


def _render_mail(subject_template_name, email_template_name, context, html_email_template_name):
    subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
    body = loader.render_to_string(email_template_name, context)
    html_body = ""
    if html_email_template_name:
        html_body = loader.render_to_string(html_email_template_name, context)
    return subject, body, html_body


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, answering alike for a known and an unknown address.

    Looking the address up in the request would make the answer for an account slower than
    for no account (a query, a token, a rendered mail), which tells an attacker which
    addresses have one. The request only queues the address; the worker looks it up.
    """

    def save(self, domain_override=None, use_https=False, request=None, **_django_options):
        # The other options PasswordResetView passes are Django's defaults, which the worker
        # uses too: the default token generator, sender and templates.
        domain = domain_override or get_current_site(request).domain
        send_password_reset.delay_on_commit(
            self.cleaned_data["email"],
            domain=domain,
            use_https=use_https,
            language=translation.get_language(),
        )


class PasswordResetMailForm(PasswordResetForm):
    """Django's reset form as the worker runs it: look the address up, mail each account."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject, body, html_body = _render_mail(
            subject_template_name, email_template_name, context, html_email_template_name
        )
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        if html_body:
            message.attach_alternative(html_body, "text/html")
        # Django's own send_mail logs a failure and carries on; raising lets the task retry.
        message.send()


class AccountInvitationForm(PasswordResetForm):
    """Invites a new user, who has no password yet, to choose one."""

    def __init__(self, user):
        super().__init__({"email": user.email})
        self.invited_user = user

    def get_users(self, email):
        # Django's reset form skips accounts without a usable password; an invitee has none.
        return [self.invited_user]

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject, body, html_body = _render_mail(
            subject_template_name, email_template_name, context, html_email_template_name
        )
        send_email.delay_on_commit(subject, body, [to_email], html_body)

    def invite(self, *, domain: str, use_https: bool) -> None:
        if not self.is_valid():
            raise ValueError(self.errors.as_text())
        self.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name="registration/invitation_subject.txt",
            email_template_name="registration/invitation_email.html",
        )
