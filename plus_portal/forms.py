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
