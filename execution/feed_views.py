"""The calendar feeds, read by calendar apps without an account: the token is the secret."""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from execution.access import live_feed_for
from execution.feeds import feed_calendar


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    calendar_feed = live_feed_for(token)
    response = HttpResponse(
        feed_calendar(calendar_feed, today=timezone.localdate()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
