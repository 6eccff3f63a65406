"""Production: refuses to start unless it is configured to be safe."""

from django.core.exceptions import ImproperlyConfigured

from plus_portal.settings.base import *  # noqa: F403
from plus_portal.settings.base import ALLOWED_HOSTS, SECRET_KEY
from plus_portal.settings.environment import env_bool, env_int, env_url

if env_bool("DEBUG", False):
    raise ImproperlyConfigured("DEBUG must be off in production.")
DEBUG = False

if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or "not-secret" in SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production."
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the portal's host names.")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# TLS ends at the reverse proxy, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The container health check speaks plain HTTP from inside.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# The default cache holds the public survey's counts per address (surveys.abuse) and
# django-altcha's used challenges (ALTCHA_CACHE_ALIAS): gunicorn's workers must share it, so
# Redis when CACHE_URL (or REDIS_URL) is set. Without it each worker keeps its own
# local-memory cache: an address may then send the survey's limits once per worker, and a
# solved challenge could be replayed once in each. A Redis that does not answer within a
# second fails the check rather than the request (surveys.abuse admits the answer).
_CACHE_URL = env_url("CACHE_URL", schemes={"redis", "rediss"}) or env_url(
    "REDIS_URL", schemes={"redis", "rediss"}
)
if _CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _CACHE_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
