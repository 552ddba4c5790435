"""Fixtures: a fresh database per test on every configured backend.

SQLite (a temporary file) always runs. PostgreSQL and MariaDB run when
``CACHET_TEST_POSTGRES_URL`` / ``CACHET_TEST_MYSQL_URL`` name a server URL allowed to create
databases: each test gets its own ``cachet_t_<random>`` database (created and dropped with the
``psql`` / ``mariadb`` clients), so tests are independent. With ``CACHET_TEST_REQUIRE_ALL=1`` a
missing URL fails the test instead of skipping it.
"""

from __future__ import annotations

import os
import secrets
import subprocess
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit, urlunsplit

import pytest

import cachet

BACKENDS = ["sqlite", "postgres", "mysql"]
ENV = {"postgres": "CACHET_TEST_POSTGRES_URL", "mysql": "CACHET_TEST_MYSQL_URL"}


def _with_database(admin_url: str, name: str) -> str:
    parts = urlsplit(admin_url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def _admin(backend: str, admin_url: str, sql: str) -> None:
    if backend == "postgres":
        cmd = ["psql", "-v", "ON_ERROR_STOP=1", "-q", admin_url, "-c", sql]
    else:
        parts = urlsplit(admin_url)
        cmd = ["mariadb", "-h", parts.hostname or "127.0.0.1", "-P", str(parts.port or 3306),
               "-u", parts.username or "root", "-e", sql]
        if parts.password:
            cmd.insert(1, f"-p{parts.password}")
    subprocess.run(cmd, check=True, capture_output=True, text=True)


class Database:
    """A database that exists for one test: its URL and the backend's name."""

    def __init__(self, backend: str, url: str) -> None:
        self.backend = backend
        self.url = url

    def open(self) -> cachet.Cachet:
        """A new handle on this database."""
        return cachet.Cachet(self.url)


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh, empty database on each backend (the test runs once per backend)."""
    backend = request.param
    if backend == "sqlite":
        yield Database(backend, f"sqlite://{tmp_path / 'status.db'}")
        return
    admin_url = os.environ.get(ENV[backend])
    if not admin_url:
        if os.environ.get("CACHET_TEST_REQUIRE_ALL") == "1":
            pytest.fail(f"{ENV[backend]} is not set but CACHET_TEST_REQUIRE_ALL=1: the {backend} suite must run")
        pytest.skip(f"{ENV[backend]} is not set")
    name = "cachet_t_" + secrets.token_hex(6)
    _admin(backend, admin_url, f"CREATE DATABASE {name}")
    try:
        yield Database(backend, _with_database(admin_url, name))
    finally:
        _admin(backend, admin_url, f"DROP DATABASE IF EXISTS {name}")


@pytest.fixture
def c(database: Database) -> Iterator[cachet.Cachet]:
    """An open handle on a fresh database, closed after the test."""
    with database.open() as handle:
        yield handle
