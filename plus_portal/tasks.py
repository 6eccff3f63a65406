from celery import shared_task
from django.core.mail import EmailMultiAlternatives


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(subject: str, body: str, recipients: list[str], html_body: str = "") -> None:
    """Send one e-mail from the worker, so a slow mail server never slows a page."""
    message = EmailMultiAlternatives(subject, body, to=recipients)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()
