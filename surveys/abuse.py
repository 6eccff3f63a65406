"""Protection of the public survey against floods, kept in the cache only (never stored).

The public survey needs no account, so an address is all there is to tell one sender from
another. Nothing about it ever reaches the database: the address (taken as the login lockout
takes it, ``plus_portal.middleware.client_ip_address``, which believes X-Forwarded-For only as
far as ``PLUS_TRUSTED_PROXY_COUNT`` says) is hashed with HMAC-SHA256 under ``SECRET_KEY`` and
used only inside cache keys that expire. An IPv6 address counts by its /64, which one
household or phone gets whole.

The rules, per survey, in fixed windows of the clock:

* An address may send ``BURST_AFTER`` (8) answers in ``WINDOW`` (15 minutes) like any family:
  a parent with three children, or a few parents on a home network, stays below it.
* From the 9th answer in the window its answers are still stored, but join one ``Burst``
  (pending) that a coordinator reviews: a class filling in the children's version together
  on one school network is accepted there; a script is discarded. Until accepted, a burst's
  answers are not counted (``ResponseQuerySet.counted``). The 8 answers before the threshold
  join the same burst once it exists (``stored`` keeps their ids in the cache for the window).
* From the 61st answer in the window (``REFUSE_AFTER``) the address is refused, with the
  seconds left in the window as Retry-After. 60 in a quarter of an hour is two whole classes
  behind one school router answering in the same lesson; beyond that no school produces.
* Across all addresses, more than ``SURVEY_BURST_AFTER`` (60) answers to one survey in
  ``SURVEY_WINDOW`` (5 minutes) is far beyond what a flyer handed out at a school gate brings
  in: those answers, and the 60 before them, join a survey-wide burst, so a flood spread over
  many addresses is set aside for review instead of skewing results silently.

The proof-of-work challenge (django-altcha) makes every answer cost the sender a second or so
of computing; these limits are what is left for a sender with many machines or much patience.

Counting uses ``cache.add`` and ``cache.incr``, atomic in Redis and in the local-memory cache,
so concurrent answers each get their own number. Production shares one Redis cache between
gunicorn's workers (``CACHE_URL`` / ``REDIS_URL``); without it each worker counts on its own.
A cache that fails never loses an answer: it is admitted without marking, with a warning in
the log.

Interface for the public views: ``admit(request, survey)`` before storing an answer (answer
429 with Retry-After when not allowed; store ``burst=admission.burst``), then
``stored(request, survey, response)`` once the answer is saved.
"""

import datetime
import hashlib
import hmac
import ipaddress
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from plus_portal.middleware import client_ip_address
from surveys.models import Burst, Response

logger = logging.getLogger(__name__)

#: Seconds of one address's window.
WINDOW = 15 * 60
#: Answers an address sends in a window before its next ones join a burst.
BURST_AFTER = 8
#: Answers an address sends in a window before its next ones are refused.
REFUSE_AFTER = 60
#: Seconds of the survey-wide window.
SURVEY_WINDOW = 5 * 60
#: Answers to one survey from all addresses in a window before they join a burst.
SURVEY_BURST_AFTER = 60

PREFIX = "survey-abuse"
# What admit() learnt for stored(): kept on the request, never anywhere else.
REQUEST_ATTRIBUTE = "_survey_admission"


@dataclass(frozen=True)
class Admission:
    allowed: bool
    retry_after: int = 0  # seconds, when not allowed
    burst: object = None  # the surveys.models.Burst the answer joins, or None


@dataclass(frozen=True)
class _Scope:
    """One counter: an address's answers to a survey, or all of a survey's answers."""

    key: str  # cache key prefix, the address only as an HMAC
    window: int
    burst_after: int
    number: int = 0  # this answer's place in the window
    window_ends: float = 0

    def count_key(self, slot: int) -> str:
        return f"{self.key}:{slot}:count"

    def burst_key(self, slot: int) -> str:
        return f"{self.key}:{slot}:burst"

    def earlier_key(self, slot: int, number: int) -> str:
        return f"{self.key}:{slot}:answer:{number}"


def address_digest(request) -> str:
    """The sender's address as an HMAC under SECRET_KEY: a cache key that cannot be read back."""
    address = client_ip_address(request) or ""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        pass
    else:
        if parsed.version == 6:
            address = str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    secret = settings.SECRET_KEY.encode()
    return hmac.new(secret, f"survey-address:{address}".encode(), hashlib.sha256).hexdigest()


def _scopes(request, survey) -> tuple[_Scope, _Scope]:
    base = f"{PREFIX}:{survey.pk}"
    return (
        _Scope(f"{base}:address:{address_digest(request)}", WINDOW, BURST_AFTER),
        _Scope(f"{base}:all", SURVEY_WINDOW, SURVEY_BURST_AFTER),
    )


def _count(scope: _Scope, now: float) -> _Scope:
    """This answer's number in the scope's current window (add + incr: atomic)."""
    slot = int(now // scope.window)
    key = scope.count_key(slot)
    timeout = scope.window + 60
    for _attempt in range(2):
        cache.add(key, 0, timeout)
        try:
            number = cache.incr(key)
            break
        except ValueError:  # expired between add and incr
            continue
    else:
        raise RuntimeError(f"could not count {key}")
    return _Scope(scope.key, scope.window, scope.burst_after, number, (slot + 1) * scope.window)


def _slot(scope: _Scope) -> int:
    return int(scope.window_ends // scope.window) - 1


def _burst(survey, scope: _Scope, now) -> Burst | None:
    """The pending burst this answer joins in the scope, made when the threshold is passed."""
    if scope.number <= scope.burst_after:
        return None
    key = scope.burst_key(_slot(scope))
    timeout = scope.window + 60
    burst_id = cache.get(key)
    if burst_id is not None:
        burst = Burst.objects.filter(pk=burst_id, status=Burst.Status.PENDING).first()
        if burst is not None:
            if burst.last_at < now:
                Burst.objects.filter(pk=burst.pk, last_at__lt=now).update(last_at=now)
                burst.last_at = now
            return burst
    # The first answer past the threshold (or a burst a coordinator has reviewed since, whose
    # later answers are a new burst to review): one new burst for the rest of the window.
    earlier = _earlier_answers(scope)
    times = [datetime.datetime.fromtimestamp(t, datetime.UTC) for _, t in earlier]
    first_at = min([now, *times])
    burst = Burst.objects.create(survey=survey, first_at=first_at, last_at=now)
    if burst_id is None:
        if not cache.add(key, burst.pk, timeout):
            # Another answer made one at the same moment: join theirs.
            theirs = cache.get(key)
            if theirs is not None and theirs != burst.pk:
                burst.delete()
                return _burst(survey, scope, now)
    else:
        cache.set(key, burst.pk, timeout)
    ids = [pk for pk, _ in earlier]
    if ids:
        Response.objects.filter(pk__in=ids, survey=survey, burst__isnull=True).update(burst=burst)
    return burst


def _earlier_answers(scope: _Scope) -> list[tuple[int, float]]:
    """The (id, time) of the answers stored in the window before the threshold was passed."""
    slot = _slot(scope)
    keys = [scope.earlier_key(slot, number) for number in range(1, scope.burst_after + 1)]
    return [tuple(value) for value in cache.get_many(keys).values()]


def admit(request, survey) -> Admission:
    """Whether this request may store an answer now, and in which burst it goes."""
    try:
        return _admit(request, survey)
    except Exception:  # a cache (or anything) failing must not lose the answer
        logger.warning("survey flood check failed; answer admitted unchecked", exc_info=True)
        return Admission(allowed=True)


def _admit(request, survey) -> Admission:
    now_seconds = time.time()
    now = timezone.now()
    address, everyone = _scopes(request, survey)
    address = _count(address, now_seconds)
    if address.number > REFUSE_AFTER:
        return Admission(allowed=False, retry_after=max(1, int(address.window_ends - now_seconds)))
    everyone = _count(everyone, now_seconds)
    setattr(request, REQUEST_ATTRIBUTE, (address, everyone))
    burst = _burst(survey, address, now) or _burst(survey, everyone, now)
    return Admission(allowed=True, burst=burst)


def stored(request, survey, response) -> None:
    """After an admitted answer is saved: remember it, so that a burst made by a later answer
    of the same window takes it in too; or put it in a burst made in the meantime."""
    try:
        _stored(request, survey, response)
    except Exception:
        logger.warning("survey flood check could not note a stored answer", exc_info=True)


def _stored(request, survey, response) -> None:
    scopes = getattr(request, REQUEST_ATTRIBUTE, None)
    if scopes is None or response.burst_id is not None:
        return
    now = time.time()
    for scope in scopes:
        slot = _slot(scope)
        burst_id = cache.get(scope.burst_key(slot))
        if burst_id is not None:
            # A burst made while this answer was being stored: join it while it is pending.
            burst = Burst.objects.filter(pk=burst_id, status=Burst.Status.PENDING).first()
            if burst is not None:
                Response.objects.filter(pk=response.pk, burst__isnull=True).update(burst=burst)
                response.burst = burst
                return
        if scope.number <= scope.burst_after:
            key = scope.earlier_key(slot, scope.number)
            cache.set(key, (response.pk, now), scope.window + 60)
