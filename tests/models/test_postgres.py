"""The register on PostgreSQL: created from the models under the schema lock, two clients racing to create it
create it once, a newer or foreign database is refused untouched, the case-clock triggers act as on SQLite,
and the SQLite spellings the services use (`?`, boolean defaults) reach PostgreSQL in its own.

The tests marked `postgres` need a server: they run when IPREG_TEST_PG names one (tests/helpers/pg.py).
"""

import threading

import pytest
from peewee import PostgresqlDatabase, SqliteDatabase

from app.models import Case, CaseClockState, CaseEvent
from app.models import db as dbmod
from app.models.migrations import LATEST_VERSION, SchemaError, SchemaInfo, SchemaTooNewError, open_database
from app.models.postgres import BoolDefault, is_url, portable, shown_url
from tests.helpers import pg as test_pg


def test_question_marks_become_psycopg_placeholders_outside_quotes_only():
    sql = "SELECT a FROM t WHERE x = ? AND y LIKE '%?' AND \"q?\" = ?"
    assert portable(sql) == "SELECT a FROM t WHERE x = %s AND y LIKE '%%?' AND \"q?\" = %s"
    assert portable("SELECT %s, 'it''s?'") == "SELECT %s, 'it''s?'"  # peewee's own SQL passes untouched


@pytest.mark.parametrize(
    ("db", "expected"),
    [(SqliteDatabase(None), "DEFAULT 0"), (PostgresqlDatabase(None), "DEFAULT false")],
)
def test_a_boolean_default_is_spelt_for_each_engine(db, expected):
    sql, _ = db.get_sql_context().sql(BoolDefault(False)).query()
    assert sql == expected


def test_urls_are_told_from_paths_and_passwords_never_shown():
    assert is_url("postgresql://u@h:5432/d") and is_url("postgres://u@h/d")
    assert not is_url("C:/data/postgresql.db") and not is_url(None)
    assert shown_url("postgresql://clerk:s3cret@db.local:5432/reg") == "postgresql://clerk:***@db.local:5432/reg"
    assert shown_url("postgresql://clerk@db.local/reg") == "postgresql://clerk@db.local/reg"


@pytest.fixture
def blank_pg():
    """An empty PostgreSQL database of this test; its URL."""
    url = test_pg.new_database("blank")
    yield url
    dbmod.close()


def _versions(url: str) -> list[int]:
    dbmod.connect_postgres(url)
    try:
        return [row.version for row in SchemaInfo.select().order_by(SchemaInfo.id)]
    finally:
        dbmod.close()


@pytest.mark.postgres
def test_two_clients_creating_the_schema_at_once_create_it_once(blank_pg):
    results, errors = [], []
    start = threading.Barrier(2)

    def client():
        try:
            start.wait()
            results.append(open_database(blank_pg).created)
        except Exception as exc:  # noqa: BLE001 - the test reports it below
            errors.append(exc)
        finally:
            dbmod.close()

    threads = [threading.Thread(target=client) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(results) == [False, True]
    assert _versions(blank_pg) == [LATEST_VERSION]


@pytest.mark.postgres
def test_a_newer_schema_is_refused_and_left_untouched(blank_pg):
    open_database(blank_pg)
    SchemaInfo.create(version=LATEST_VERSION + 1, note="来自未来")
    dbmod.close()
    with pytest.raises(SchemaTooNewError, match=str(LATEST_VERSION + 1)):
        open_database(blank_pg)
    dbmod.close()
    assert _versions(blank_pg) == [LATEST_VERSION, LATEST_VERSION + 1]


@pytest.mark.postgres
def test_a_database_of_another_program_is_refused_and_left_untouched(blank_pg):
    dbmod.connect_postgres(blank_pg)
    dbmod.database.execute_sql("CREATE TABLE invoices (id integer)")
    dbmod.close()
    with pytest.raises(SchemaError, match="其他程序"):
        open_database(blank_pg)
    dbmod.close()
    dbmod.connect_postgres(blank_pg)
    assert not dbmod.database.table_exists("schema_info")


@pytest.mark.postgres
def test_the_case_clock_triggers_mark_cases_stale_as_on_sqlite(blank_pg):
    from app.services.core import reference

    open_database(blank_pg)
    reference.seed_districts()
    case = Case.create(number="（2026）鄂知案1号", year=2026, sequence=1, type="infringement", summary="测试",
                       status="open", received_on="2026-01-05")  # fmt: skip
    state = CaseClockState.get(CaseClockState.case == case.id)
    assert state.stale and not state.live
    CaseClockState.update(stale=False).execute()
    CaseEvent.create(case=case, kind="accepted", happened_on="2026-01-06")
    assert CaseClockState.get(CaseClockState.case == case.id).stale
    CaseClockState.update(stale=False).execute()
    Case.update(summary="只改摘要").where(Case.id == case.id).execute()
    assert not CaseClockState.get(CaseClockState.case == case.id).stale  # neither type nor source changed
    Case.update(source="referral").where(Case.id == case.id).execute()
    assert CaseClockState.get(CaseClockState.case == case.id).stale
