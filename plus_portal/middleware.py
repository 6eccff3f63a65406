import ipaddress

from django.conf import settings
from django.http import Http404, HttpRequest
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers

# Browser features the portal never uses, denied to it and to anything it might embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class DutchFirstLocaleMiddleware:
    """Dutch unless the user chose another language with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, which on
    most municipal PCs says English; the portal is Flemish first, by design.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        # Restored afterwards, so a request never leaves its language to whatever the same
        # thread runs next (a Celery task in the same process, the next test).
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response


class SecurityHeadersMiddleware:
    """A Permissions-Policy on every response; nothing for a signed-in user is ever cached.

    Pages, htmx fragments, exports and PDFs shown to a signed-in user hold municipal data:
    a shared PC's browser cache or a proxy must not keep them. Static files (served by
    WhiteNoise before sessions and authentication run) stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # A response that never read the session cannot show who is signed in; asking would
        # load the session for nothing.
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and session.accessed and user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class SessionIdleMiddleware:
    """Keep an active session alive, so that SESSION_COOKIE_AGE ends only an idle one.

    A save moves the session's expiry to now + SESSION_COOKIE_AGE. A session that the request
    changed is saved anyway, and notes the time; an unchanged one is saved again once that
    note is older than REFRESH_SECONDS. A session ends between SESSION_COOKIE_AGE minus
    REFRESH_SECONDS and SESSION_COOKIE_AGE after its last request. A session without the note
    (only one created outside a request, as tests do) keeps the expiry it was saved with.
    """

    KEY = "_plus_saved_at"
    REFRESH_SECONDS = 300

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.accessed or session.is_empty():
            return response
        now = int(timezone.now().timestamp())
        saved_at = session.get(self.KEY)
        if session.modified or (saved_at is not None and now - saved_at >= self.REFRESH_SECONDS):
            session[self.KEY] = now  # SessionMiddleware, outside this one, saves it
        return response


def client_ip_address(request: HttpRequest) -> str | None:
    """The client's address, as django-axes records it with each login attempt.

    With ``PLUS_TRUSTED_PROXY_COUNT`` = N, each of N reverse proxies appended the address it
    was connected from to X-Forwarded-For, so the client is the N-th entry from the right.
    Entries further left come from the client itself and could say anything; so does the
    whole header when no proxy is trusted. A request that did not pass through the proxies
    (too few entries, or one that is not an address) is recorded under REMOTE_ADDR.
    """
    remote_addr = request.META.get("REMOTE_ADDR")
    count = settings.PLUS_TRUSTED_PROXY_COUNT
    if count == 0:
        return remote_addr
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry for entry in forwarded if entry]
    if len(forwarded) < count:
        return remote_addr
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr


class BridgeFigureScopeMiddleware:
    """A bridge figure reaches their own day and nothing else: any other page answers 404.

    Their views (the ``today`` and ``followup`` namespaces) scope every record to the worker
    themselves; every other page is for IN-Z and the municipalities. Said once here, so a new
    page is closed to bridge figures until it is written for them.
    """

    NAMESPACES = {"today", "followup"}
    # The public survey, which anyone answers without an account (a bridge figure who is a
    # parent too) and which shows nothing of the portal.
    PUBLIC_NAMESPACES = {"survey_public"}
    # Signing in and out, the password, the language, the start page (which sends them on).
    PAGES = {
        "home",
        "health",
        "login",
        "logout",
        "password_change",
        "password_change_done",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "set_language",
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_bridge_figure:
            return None
        match = request.resolver_match
        namespaces = self.NAMESPACES | self.PUBLIC_NAMESPACES
        if match.namespace in namespaces or match.view_name in self.PAGES:
            return None
        raise Http404
