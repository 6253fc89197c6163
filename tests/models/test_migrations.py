"""Schema versions: a new database is stamped, an old one is backed up and migrated without losing a row,
a failing step puts the database back as it was, and a newer one is refused.

Every historic version has a frozen fixture (fixtures/register_vN.sql, made by fixtures/make_fixture.py from
that version's own program) with rows in every table, child tables included.
"""

import sqlite3
from pathlib import Path

import pytest

from app.models import AuditLog, Contact, Enterprise, Honor, IPHolding, migrations
from app.models import db as dbmod
from app.models.audit import GENESIS
from app.models.migrations import (
    LATEST_VERSION,
    Migration,
    MigrationError,
    SchemaTooNewError,
    current_version,
    open_database,
)
from app.services.system.audit_chain import verify_chain
from app.text import name_key
from tests.models import schema_shape

FIXTURES = Path(__file__).parent / "fixtures"
HISTORIC = list(range(1, LATEST_VERSION))


def _make_database(path: Path, version: int) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / f"register_v{version}.sql").read_text(encoding="utf-8"))
    conn.close()
    return path


def _migrated(tmp_path: Path, version: int) -> tuple[Path, migrations.SchemaReport]:
    path = _make_database(tmp_path / f"v{version}.db", version)
    report = open_database(path)
    dbmod.close()
    return path, report


@pytest.fixture(scope="module")
def fresh_shape(tmp_path_factory):
    path = tmp_path_factory.mktemp("fresh") / "fresh.db"
    open_database(path)
    dbmod.close()
    return schema_shape.shape(path)


def test_every_historic_version_has_a_fixture_with_rows_in_every_table():
    for version in HISTORIC:
        conn = sqlite3.connect(":memory:")
        conn.executescript((FIXTURES / f"register_v{version}.sql").read_text(encoding="utf-8"))
        assert conn.execute("SELECT max(version) FROM schema_info").fetchone()[0] == version
        for table in schema_shape.tables(conn):
            assert conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] > 0, (version, table)
        conn.close()


def test_new_database_has_the_latest_version(tmp_path):
    report = open_database(tmp_path / "new.db")
    assert report.created and current_version() == LATEST_VERSION


def test_pragmas_are_set(tmp_path):
    open_database(tmp_path / "p.db")
    db = dbmod.database
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 10000


@pytest.mark.parametrize("version", HISTORIC)
def test_migrated_schema_equals_a_fresh_one(tmp_path, version, fresh_shape):
    path, report = _migrated(tmp_path, version)
    assert (report.from_version, report.to_version) == (version, LATEST_VERSION)
    migrated = schema_shape.shape(path)
    assert migrated["tables"].keys() == fresh_shape["tables"].keys()
    for table, fresh in fresh_shape["tables"].items():
        assert migrated["tables"][table] == fresh, table
    assert migrated["indexes"] == fresh_shape["indexes"]
    assert migrated == fresh_shape


@pytest.mark.parametrize("version", HISTORIC)
def test_migration_keeps_every_row_and_value(tmp_path, version):
    original = _make_database(tmp_path / "original.db", version)
    old_columns = schema_shape.columns(original)
    old_columns.pop("schema_info")
    before = schema_shape.rows(original, old_columns)
    path, report = _migrated(tmp_path, version)

    assert schema_shape.rows(path, old_columns) == before
    steps = schema_shape.rows(path, {"schema_info": ["version"]})["schema_info"]
    assert [v for (v,) in steps] == list(range(version, LATEST_VERSION + 1))
    assert schema_shape.rows(report.backup_path, old_columns) == before


@pytest.mark.parametrize("version", HISTORIC)
def test_children_of_a_rebuilt_table_survive_and_are_readable(tmp_path, version):
    # Same connection as the migration: it must have switched foreign keys back on by itself.
    open_database(_make_database(tmp_path / "old.db", version))
    assert dbmod.database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    ent = Enterprise.get(Enterprise.uuid == "enterprise-0002-fixture")
    assert ent.name == "鄂尔多斯市 第2号 测试（enterprise）有限公司" and ent.row_version == 2
    assert ent.name_key == name_key(ent.name) == "鄂尔多斯市第2号测试(enterprise)"
    assert [c.uuid for c in ent.contacts] == ["contact-0002-fixture"]
    assert Contact.select().count() == IPHolding.select().count() == Honor.select().count() == 3
    assert Honor.get(Honor.uuid == "honor-0001-fixture").enterprise.uuid == "enterprise-0001-fixture"
    assert dbmod.foreign_key_violations() == []


def test_old_database_is_backed_up_before_migrating(tmp_path):
    path, report = _migrated(tmp_path, 1)
    backup = report.backup_path
    assert backup.exists() and dbmod.integrity_check(backup) == "ok"
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT max(version) FROM schema_info").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 3
    conn.close()


def _with_last_step(monkeypatch, run) -> None:
    """Replace the last step by `run` after the real one, so the failure comes after committed steps."""
    real = migrations.MIGRATIONS[-1]

    def faulty() -> None:
        real.run()
        run()

    monkeypatch.setattr(
        migrations, "MIGRATIONS", [*migrations.MIGRATIONS[:-1], Migration(real.version, "x", faulty)]
    )


FAULTS = {
    "a child row is deleted": ("DELETE FROM contact WHERE id = 2", "表 contact 的记录数由 3 变为 2"),
    "a table is dropped": ('DROP TABLE "honor"', "表 honor（3 条记录）不见了"),
    "a reference dangles": ("UPDATE ip_holding SET enterprise_id = 99 WHERE id = 1", "ip_holding 第 1 行"),
    "the SQL fails": ("INSERT INTO no_such_table VALUES (1)", "no such table"),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_step_that_would_lose_data_is_undone_and_the_file_restored(tmp_path, monkeypatch, fault):
    sql, reason = FAULTS[fault]
    _with_last_step(monkeypatch, lambda: dbmod.database.execute_sql(sql))
    path = _make_database(tmp_path / "old.db", 1)
    before = schema_shape.dump(path)

    with pytest.raises(MigrationError, match="已恢复为升级前的状态") as raised:
        open_database(path)

    assert reason in str(raised.value) and f"版本 {LATEST_VERSION}" in str(raised.value)
    assert dbmod.database.is_closed()
    assert dbmod.integrity_check(path) == "ok"
    assert schema_shape.dump(path) == before
    assert list(tmp_path.glob("old.v1-before-upgrade-*.bak"))


def test_rows_the_database_already_orphaned_do_not_block_the_upgrade(tmp_path):
    path = _make_database(tmp_path / "orphan.db", 1)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE contact SET enterprise_id = 99 WHERE id = 3")
    conn.commit()
    conn.close()
    report = open_database(path)
    assert report.from_version == 1 and current_version() == LATEST_VERSION
    assert dbmod.foreign_key_violations() == [("contact", 3, "enterprise")]


def test_rebuild_refuses_to_run_with_foreign_keys_on(tmp_path):
    open_database(tmp_path / "r.db")
    with dbmod.database.atomic(), pytest.raises(RuntimeError, match="foreign keys off"):
        dbmod.rebuild_table("contact", 'CREATE TABLE "contact" ("id" INTEGER)', 'SELECT "id" FROM "contact"')
    with pytest.raises(RuntimeError, match="inside a transaction"), dbmod.database.atomic():
        with dbmod.foreign_keys_off():
            pass


def test_database_from_a_newer_program_is_refused_untouched(tmp_path):
    path = tmp_path / "future.db"
    open_database(path)
    dbmod.database.execute_sql(
        "INSERT INTO schema_info (version, applied_at, note) VALUES (99, '2030-01-01', 'x')"
    )
    dbmod.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="更新版本的程序.*99"):
        open_database(path)
    assert path.read_bytes() == before


def test_the_cli_reports_a_failed_upgrade_in_chinese(tmp_path, monkeypatch, capsys):
    from app.cli import main

    _with_last_step(monkeypatch, lambda: dbmod.database.execute_sql("DELETE FROM honor"))
    path = _make_database(tmp_path / "old.db", 1)
    assert main(["--db", str(path), "backup", str(tmp_path / "b.db")]) == 1
    err = capsys.readouterr().err
    assert "错误：数据库升级到版本" in err and "表 honor 的记录数由 3 变为 0" in err
    assert schema_shape.rows(path, {"honor": ["uuid"]})["honor"] == [
        (f"honor-000{i}-fixture",) for i in (1, 2, 3)
    ]


@pytest.mark.parametrize("version", [v for v in HISTORIC if v < 9])  # v9 made the chain; its fixture's is fake
def test_the_existing_audit_log_is_chained_in_id_order_by_the_upgrade(tmp_path, version):
    open_database(_make_database(tmp_path / "old.db", version))
    entries = list(AuditLog.select().order_by(AuditLog.id))
    assert len(entries) == 3 and entries[0].prev_hash == GENESIS
    assert [e.prev_hash for e in entries[1:]] == [e.entry_hash for e in entries[:-1]]
    report = verify_chain()
    assert report.ok and report.checked == len(entries)
