"""Protection of the public survey against floods, kept in the cache only (never stored).

STUB by the lead: the helper who owns this module replaces the implementation, keeping the
interface the public views call.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Admission:
    allowed: bool
    retry_after: int = 0  # seconds, when not allowed
    burst: object = None  # the surveys.models.Burst the answer joins, or None


def admit(request, survey) -> Admission:
    """Whether this request may store an answer now, and in which burst it goes."""
    return Admission(allowed=True)
