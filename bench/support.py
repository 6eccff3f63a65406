"""What every benchmark needs: a throwaway database and Django set up against it."""

import contextlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@contextlib.contextmanager
def throwaway_database(database_url: str | None):
    """A temporary SQLite file, or the named PostgreSQL database, created and dropped here."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plus_portal.settings.test")
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("PLUS_VAR_DIR", folder)
        if not database_url:
            os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
            print("database: SQLite (temporary file)")
            yield
            return
        name = urlparse(database_url).path.lstrip("/")
        admin = database_url.rsplit("/", 1)[0] + "/postgres"
        subprocess.run(["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
        subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{name}"'], check=True)
        os.environ["DATABASE_URL"] = database_url
        print(f"database: PostgreSQL ({name})")
        try:
            yield
        finally:
            from django.db import connections

            connections.close_all()
            subprocess.run(["psql", admin, "-qc", f'DROP DATABASE "{name}"'], check=True)
