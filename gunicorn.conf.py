"""gunicorn's settings for the portal's web server.

gunicorn reads this file from its working directory (the image's /app) by itself; elsewhere pass
``-c gunicorn.conf.py``. Options given on the command line win over these. Each environment
variable is read once at start, and a value that cannot be meant stops the start with a message
that names it, like the Django settings do.
"""

import os


def _whole_number(name: str, default: int, *, minimum: int = 1) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not a whole number.") from None
    if value < minimum:
        raise ValueError(f"{name}={raw!r} must be at least {minimum}.")
    return value


def _cores() -> int:
    # The cores this process may run on: in a container limited with --cpuset-cpus that is
    # fewer than os.cpu_count() reports for the host.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


bind = "0.0.0.0:8000"

# Sync workers, each serving one request at a time. gunicorn's rule of thumb is 2 per core
# plus 1; the cap keeps a large host from starting more processes (each holding its own
# database connection, and up to some 150 MB while it reads a large spreadsheet) than a
# portal for IN-Z's and the municipalities' staff needs.
workers = _whole_number("GUNICORN_WORKERS", min(2 * _cores() + 1, 8))

# A request that runs longer than this is killed and its worker replaced. No page needs
# long: PDFs are rendered by the Celery worker, and the import's limits keep the largest
# accepted spreadsheet near 2 s (see municipalities/spreadsheets/__init__.py).
timeout = _whole_number("GUNICORN_TIMEOUT", 30)
# On a restart (SIGTERM, a new deploy) a worker may finish the request it serves for as
# long as a request may take. docker-compose.yml gives the web service a longer
# stop_grace_period, so Docker does not kill gunicorn before it is done.
graceful_timeout = timeout

# Recycle each worker after about a thousand requests: Python seldom returns to the system
# the memory a large import or export once took. The jitter keeps the workers from all
# restarting at the same moment.
max_requests = 1000
max_requests_jitter = 100

# gunicorn lets a request set wsgi.url_scheme through X-Forwarded-Proto (and SCRIPT_NAME-like
# headers) only when it comes from one of these addresses; from any other it leaves the
# headers alone. The portal does not depend on that: Django reads X-Forwarded-Proto itself
# (SECURE_PROXY_SSL_HEADER in settings/production.py), and the client's address from
# X-Forwarded-For as PLUS_TRUSTED_PROXY_COUNT says. Both can be believed only because the
# reverse proxy is the one way in: never publish port 8000 beyond it (docker-compose.yml
# publishes it on 127.0.0.1). The default trusts a proxy on gunicorn's own machine; through
# Docker's port mapping requests come from the bridge's gateway instead. FORWARDED_ALLOW_IPS
# (gunicorn's own variable) names the proxy's addresses or networks, e.g. "172.16.0.0/12".
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

accesslog = "-"
# No client address and no user agent in the access log: the public survey promises parents
# that neither is kept, and nothing else here needs them (failed logins are recorded by axes).
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
# Workers signal they are alive through a file; on a container's overlay file system a
# write can stall long enough for the arbiter to kill a healthy worker.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"
# gunicorn 25.1 and later open a control socket (for gunicornc) in the user's home; nothing
# here uses it, and a container's home may be read-only. Older versions ignore the name.
control_socket_disable = True
