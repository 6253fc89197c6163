"""The PostgreSQL server of a test run, and the test databases on it.

Tests marked `postgres` need a server. IPREG_TEST_PG names one (the URL of a maintenance database, usually
`postgres`, for a user with CREATEDB); without it, a throwaway cluster is started on loopback from the machine's
own PostgreSQL binaries (Debian's `postgresql` package) the first time a test needs it, and stopped at the end.
Only when neither exists are those tests left out, and the run's summary says so in a warning line.

IPREG_TEST_ENGINE=postgres additionally runs every database fixture on that server (tests/conftest.py).

Every database this run creates is named `ipreg_t<pid>_…`, so two runs on one server never meet, and is dropped
when done. A test's copy is `CREATE DATABASE … TEMPLATE …`, a file-level copy on the server.
"""

from __future__ import annotations

import itertools
import os
import time

_CONFIGURED_URL = os.environ.get("IPREG_TEST_PG", "")
ALL_ON_POSTGRES = os.environ.get("IPREG_TEST_ENGINE", "sqlite") == "postgres"
ENGINE_URL = _CONFIGURED_URL if ALL_ON_POSTGRES else ""  # what the database fixtures use; "" = SQLite files
_local: list = []  # the throwaway cluster of this run, once started
_counter = itertools.count(1)
_templates: list[str] = []
_copies: list[str] = []  # this test's copies
_finished: list[str] = []  # the last test's, kept until the next copy is made (see `test_finished`)


def _prefix() -> str:
    return f"ipreg_t{os.getpid()}"


def server_url() -> str:
    """The maintenance URL of this run's server: the configured one, or a throwaway local cluster."""
    if _CONFIGURED_URL:
        return _CONFIGURED_URL
    if not _local:
        from tests.helpers.pg_cluster import LocalCluster

        _local.append(LocalCluster.start())
    return _local[0].url


def server_available() -> bool:
    from tests.helpers.pg_cluster import binaries

    return bool(_CONFIGURED_URL) or binaries() is not None


def url_of(name: str) -> str:
    base, _, _ = server_url().rpartition("/")
    return f"{base}/{name}"


def name_of(url: str) -> str:
    return url.rpartition("/")[2]


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(server_url(), autocommit=True) as conn:
        conn.execute(sql)


def new_database(label: str) -> str:
    """A new empty database (for a template, or a test of creating a register); its URL."""
    name = f"{_prefix()}_{label}_{next(_counter)}"
    _admin(f'CREATE DATABASE "{name}"')
    _templates.append(name)
    return url_of(name)


def copy_database(template_url: str) -> str:
    """A private copy of a template database (which must have no open connection); its URL."""
    _drop(_finished)
    name = f"{_prefix()}_{next(_counter)}"
    _admin(f'CREATE DATABASE "{name}" TEMPLATE "{name_of(template_url)}"')
    _copies.append(name)
    return url_of(name)


def test_finished() -> None:
    """The test's copies are dropped when the next copy is made, not now: a test with no database fixture
    still reaches the last register opened, as on SQLite, where the file stays in its tmp_path."""
    if _copies:
        _drop(_finished)
        _finished.extend(_copies)
        _copies.clear()


def _drop(names: list[str]) -> None:
    while names:
        import psycopg

        for pause in (0.1, 0.5, 2.0, None):
            try:
                _admin(f'DROP DATABASE IF EXISTS "{names[-1]}" WITH (FORCE)')
                break
            except psycopg.errors.InsufficientPrivilege:
                if pause is None:  # an autovacuum worker (a superuser's process) stayed in it: leave it
                    break
                time.sleep(pause)  # FORCE may not end an autovacuum worker; it leaves soon
        names.pop()


def drop_all() -> None:
    if not (_CONFIGURED_URL or _local):
        return
    for names in (_copies, _finished, _templates):
        _drop(names)
    while _local:
        _local.pop().stop()
