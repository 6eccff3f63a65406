from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.utils import translation


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(subject: str, body: str, recipients: list[str], html_body: str = "") -> None:
    """Send one e-mail from the worker, so a slow mail server never slows a page."""
    message = EmailMultiAlternatives(subject, body, to=recipients)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_password_reset(email: str, *, domain: str, use_https: bool, language: str) -> None:
    """Mail a reset link to each active account with this address; nothing for an unknown one.

    The lookup happens here rather than in the request, so that the request takes as long
    for an address without an account as for one with an account.
    """
    # The forms module queues this task; importing it at the top would be circular.
    from plus_portal.forms import PasswordResetMailForm

    form = PasswordResetMailForm({"email": email})
    if not form.is_valid():
        return
    with translation.override(language):
        form.save(domain_override=domain, use_https=use_https)
