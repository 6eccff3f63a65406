FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=plus_portal.settings.production PLUS_VAR_DIR=/var/lib/plus

# WeasyPrint renders with Pango; fonts for the PDF ship under static/fonts.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b \
      fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 1000 plus \
 && mkdir -p /var/lib/plus/media && chown -R plus /var/lib/plus

WORKDIR /app
COPY pyproject.toml ./
COPY plus_portal plus_portal
COPY municipalities municipalities
COPY swot swot
COPY actionplans actionplans
COPY staffing staffing
COPY execution execution
RUN pip install .
COPY . .
RUN SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
    ALLOWED_HOSTS=build python manage.py collectstatic --noinput -v0

USER plus
EXPOSE 8000
# Workers, timeouts and logging: gunicorn.conf.py (GUNICORN_WORKERS, GUNICORN_TIMEOUT).
CMD ["gunicorn", "--config", "gunicorn.conf.py", "plus_portal.wsgi:application"]
