"""The test databases on PostgreSQL, when IPREG_TEST_PG names a server (see tests/conftest.py).

IPREG_TEST_PG is the URL of a maintenance database (usually `postgres`) for a user with CREATEDB; every database
this run creates is named `ipreg_t<pid>_…`, so two runs on one server never meet, and is dropped when done.
A test's copy is `CREATE DATABASE … TEMPLATE …`, a file-level copy on the server (tens of milliseconds).
"""

from __future__ import annotations

import itertools
import os
import time

ENGINE_URL = os.environ.get("IPREG_TEST_PG", "")
_counter = itertools.count(1)
_templates: list[str] = []
_copies: list[str] = []  # this test's copies
_finished: list[str] = []  # the last test's, kept until the next copy is made (see `test_finished`)


def _prefix() -> str:
    return f"ipreg_t{os.getpid()}"


def url_of(name: str) -> str:
    base, _, _ = ENGINE_URL.rpartition("/")
    return f"{base}/{name}"


def name_of(url: str) -> str:
    return url.rpartition("/")[2]


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(ENGINE_URL, autocommit=True) as conn:
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
    for names in (_copies, _finished, _templates):
        _drop(names)
