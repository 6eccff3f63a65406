"""A developer's machine: SQLite and the filesystem broker unless the environment says else."""

from plus_portal.settings.base import *  # noqa: F403
from plus_portal.settings.environment import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY") or "local-development-only-not-secret"

# Serve static files straight from the app folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
