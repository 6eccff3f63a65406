from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

from plus_portal.tasks import send_email


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the mail sent by the worker after the request commits."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        html_body = ""
        if html_email_template_name:
            html_body = loader.render_to_string(html_email_template_name, context)
        send_email.delay_on_commit(subject, body, [to_email], html_body)


class AccountInvitationForm(QueuedPasswordResetForm):
    """Invites a new user, who has no password yet, to choose one."""

    def __init__(self, user):
        super().__init__({"email": user.email})
        self.invited_user = user

    def get_users(self, email):
        # Django's reset form skips accounts without a usable password; an invitee has none.
        return [self.invited_user]

    def invite(self, *, domain: str, use_https: bool) -> None:
        if not self.is_valid():
            raise ValueError(self.errors.as_text())
        self.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name="registration/invitation_subject.txt",
            email_template_name="registration/invitation_email.html",
        )
