"""`retrying`: a transaction PostgreSQL rolled back for a serialization failure or a deadlock runs again; one
that keeps failing ends in DatabaseBusy; other errors, and calls inside an outer transaction, are not re-run."""

import pytest
from peewee import OperationalError

from app.models.db import database, retrying
from app.services.core.errors import DatabaseBusy


class _ServerError(Exception):
    def __init__(self, sqlstate):
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


def _failing(times, sqlstate="40001"):
    calls = []

    @retrying
    def work():
        calls.append(1)
        if len(calls) <= times:
            raise OperationalError(_ServerError(sqlstate))  # as peewee wraps psycopg's error
        return "done"

    return work, calls


def test_a_serialization_failure_or_deadlock_is_run_again(empty_db):
    for sqlstate in ("40001", "40P01"):
        work, calls = _failing(2, sqlstate)
        assert work() == "done" and len(calls) == 3


def test_a_failure_that_persists_is_busy_and_others_are_not_retried(empty_db):
    work, calls = _failing(99)
    with pytest.raises(DatabaseBusy):
        work()
    assert len(calls) == 4
    work, calls = _failing(1, "23505")  # a unique violation: re-running would not help
    with pytest.raises(OperationalError):
        work()
    assert len(calls) == 1
    work, calls = _failing(1)
    with pytest.raises(OperationalError), database.atomic():
        work()  # inside an outer transaction: only the outermost may be re-run
    assert len(calls) == 1
