"""Schema versions: a new database is stamped, an old one is backed up and migrated, a newer one refused."""

import sqlite3
from pathlib import Path

import pytest

from app.models import Enterprise
from app.models import db as dbmod
from app.models.migrations import LATEST_VERSION, SchemaTooNewError, current_version, open_database
from app.text import name_key

V1_SCHEMA = Path(__file__).parent / "fixtures" / "schema_v1.sql"


def _make_v1_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(V1_SCHEMA.read_text(encoding="utf-8"))
    conn.execute(
        "INSERT INTO district (uuid, created_at, updated_at, row_version, code, name, short_name, sort_order, active)"
        " VALUES ('d1', '2025-01-01', '2025-01-01', 1, '150621', '达拉特旗', '达拉特', 2, 1)"
    )
    conn.execute(
        "INSERT INTO enterprise (uuid, created_at, updated_at, row_version, uscc, name, kind, district_id,"
        " registered_address, operating_address, legal_representative, industry_section, industry_division, size,"
        " main_products, archived) VALUES ('e1', '2025-01-01', '2025-01-01', 3, '91110108551385082Q',"
        " '鄂尔多斯市 老数据 股份有限公司', 'enterprise', 1, '', '', '', '', '', '', '', 0)"
    )
    conn.commit()
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


def test_old_database_is_backed_up_then_migrated_keeping_its_data(tmp_path):
    path = tmp_path / "old.db"
    _make_v1_database(path)
    report = open_database(path)
    assert (report.from_version, current_version()) == (1, LATEST_VERSION)
    ent = Enterprise.get(Enterprise.uuid == "e1")
    assert ent.name == "鄂尔多斯市 老数据 股份有限公司" and ent.row_version == 3
    assert ent.name_key == name_key(ent.name) == "鄂尔多斯市老数据"
    backup = report.backup_path
    assert backup.exists() and dbmod.integrity_check(backup) == "ok"
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT max(version) FROM schema_info").fetchone()[0] == 1
    assert conn.execute("SELECT name FROM enterprise").fetchone()[0] == ent.name
    conn.close()


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
