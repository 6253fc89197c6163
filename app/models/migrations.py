"""Schema versions and ordered migrations.

A new database gets today's tables and the latest version stamp. An older one is first copied with SQLite's
online backup API, then migrated step by step. Each step is frozen SQL (app.models.migration_steps) run the
way SQLite prescribes for schema changes: foreign keys off before BEGIN, the step, `PRAGMA foreign_key_check`,
commit, foreign keys back on. A step that loses a row from any table, or leaves a dangling foreign key, is
rolled back and the pre-migration copy is written back, so an upgrade either completes or changes nothing.
A database written by a newer version of the program is refused: we cannot know what it holds.

On PostgreSQL (design in app.models.postgres) a register is created from the models at LATEST_VERSION, and
creation and each later step run in one transaction under an advisory lock; steps 2–11 are SQLite-only
history, and every step after them must give its PostgreSQL counterpart (`Migration.postgres`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from peewee import CharField, DateTimeField, IntegerField, Model

from app.models import ALL_MODELS
from app.models import db as dbmod
from app.models import migration_steps as steps
from app.models import postgres as pg
from app.models.cases import CLOCK_TRIGGERS
from app.models.db import database


class SchemaError(RuntimeError):
    """The database cannot be opened at this program's schema version; the message says why (in Chinese)."""


class SchemaTooNewError(SchemaError):
    """The database was written by a newer program version."""


class MigrationError(SchemaError):
    """An upgrade step failed its checks; the database was put back as it was before the upgrade."""


class SchemaInfo(Model):
    version = IntegerField()
    applied_at = DateTimeField(default=lambda: datetime.now().replace(microsecond=0))
    note = CharField(max_length=200, default="")

    class Meta:
        database = database
        table_name = "schema_info"


@dataclass(frozen=True)
class Migration:
    version: int
    note: str
    run: Callable[[], None]  # the step on SQLite: frozen SQL
    postgres: Callable[[], None] | None = None  # the same step on PostgreSQL; None for the SQLite-only 2–11


MIGRATIONS: list[Migration] = [
    Migration(2, "企业名称检索键", steps.v2_enterprise_name_key),
    Migration(3, "申报轮次与申报表", steps.v3_applications),
    Migration(4, "企业申报自治区名录年度", steps.v4_applied_regional_year),
    Migration(5, "重点企业名录、审核意见与公示记录", steps.v5_protection_list),
    Migration(6, "联络走访、问卷、活动培训与专家智库", steps.v6_liaison_work),
    Migration(7, "纠纷案件与工作日历", steps.v7_cases),
    Migration(8, "登录锁定、强制改密与审计索引", steps.v8_sign_in),
    Migration(9, "审计日志哈希链", steps.v9_audit_chain),
    Migration(10, "案件办理时限存储", steps.v10_case_clocks),
    Migration(11, "离线数据交换", steps.v11_exchange),
    Migration(12, "旗区工作责任与工作实施方案", steps.v12_plans),
    Migration(13, "扶持台账与宣传报道", steps.v13_support_publicity),
    Migration(14, "执法协作、展会与海关备案", steps.v14_enforcement_fairs),
]
LATEST_VERSION = MIGRATIONS[-1].version


class StepCheckFailed(Exception):
    """Raised inside a step's transaction so that it rolls back; carries the reason in Chinese."""


@dataclass
class SchemaReport:
    created: bool = False
    from_version: int = LATEST_VERSION
    to_version: int = LATEST_VERSION
    backup_path: Path | None = None


def current_version() -> int | None:
    if not database.table_exists("schema_info"):
        return None
    row = SchemaInfo.select().order_by(SchemaInfo.version.desc()).first()
    return row.version if row else None


def ensure_schema() -> SchemaReport:
    if dbmod.is_postgres():
        return _ensure_schema_pg()
    version = current_version()
    if version is None:
        with database.atomic():
            database.create_tables([SchemaInfo, *ALL_MODELS])
            for sql in CLOCK_TRIGGERS:
                database.execute_sql(sql)
            SchemaInfo.create(version=LATEST_VERSION, note="新建数据库")
        return SchemaReport(created=True)
    if version > LATEST_VERSION:
        raise _too_new(version)
    report = SchemaReport(from_version=version)
    if version == LATEST_VERSION:
        return report
    report.backup_path = _backup_before_migration(version)
    for step in MIGRATIONS:
        if step.version <= version:
            continue
        try:
            _apply(step)
        except Exception as exc:
            raise _undo(step, exc, report.backup_path) from exc
    return report


def _too_new(version: int) -> SchemaTooNewError:
    return SchemaTooNewError(
        f"该数据库由更新版本的程序创建（数据结构版本 {version}），"
        f"本程序最高支持版本 {LATEST_VERSION}。请升级程序后再打开，数据库未作任何改动。"
    )


def _ensure_schema_pg() -> SchemaReport:
    """Create or upgrade a PostgreSQL register in one transaction under the schema lock; a failed step rolls
    the whole upgrade back (PostgreSQL's DDL is transactional), so there is no copy to write back."""
    with database.atomic():
        database.execute_sql("SELECT pg_advisory_xact_lock(%s)", (pg.LOCK_KEY,))
        version = current_version()  # again, under the lock: another client may have just done the work
        if version is None:
            if pg.table_names(database):
                raise SchemaError(
                    "该 PostgreSQL 数据库中已有其他程序的数据表，不是本系统的数据库，程序未作任何改动。"
                    "请为本系统新建一个空数据库。"
                )
            database.create_tables([SchemaInfo, *ALL_MODELS])
            for sql in pg.CLOCK_TRIGGERS_PG:
                database.execute_sql(sql)
            SchemaInfo.create(version=LATEST_VERSION, note="新建数据库")
            return SchemaReport(created=True)
        if version > LATEST_VERSION:
            raise _too_new(version)
        report = SchemaReport(from_version=version)
        for step in MIGRATIONS:
            if step.version > version:
                _apply_pg(step)
        return report


def _apply_pg(step: Migration) -> None:
    if step.postgres is None:
        raise MigrationError(
            f"数据库升级到版本 {step.version}（{step.note}）的步骤不支持 PostgreSQL，已停止升级，数据库未作任何改动。"
            "请联系技术支持。"
        )
    before = pg.row_counts(database)
    step.postgres()
    problems = _lost_rows(before, pg.row_counts(database))
    if problems:
        raise MigrationError(
            f"数据库升级到版本 {step.version}（{step.note}）时失败：{'；'.join(problems)}。数据库未作任何改动。"
        )
    SchemaInfo.create(version=step.version, note=step.note)


def _apply(step: Migration) -> None:
    """One step in one transaction, checked before it commits."""
    before = dbmod.row_counts()
    # Dangling references the database already had are not the step's doing and must not block the upgrade.
    known = set(dbmod.foreign_key_violations())
    with dbmod.foreign_keys_off(), database.atomic():
        step.run()
        new_violations = [v for v in dbmod.foreign_key_violations() if v not in known]
        problems = _lost_rows(before, dbmod.row_counts()) + _dangling(new_violations)
        if problems:
            raise StepCheckFailed("；".join(problems))
        SchemaInfo.create(version=step.version, note=step.note)


def _lost_rows(before: dict[str, int], after: dict[str, int]) -> list[str]:
    """A step may add tables and fill them, but every table it found keeps exactly its rows."""
    problems = []
    for table, count in before.items():
        if table not in after:
            problems.append(f"表 {table}（{count} 条记录）不见了")
        elif after[table] != count:
            problems.append(f"表 {table} 的记录数由 {count} 变为 {after[table]}")
    return problems


def _dangling(violations: list[tuple[str, int, str]]) -> list[str]:
    shown = [f"表 {table} 第 {rowid} 行引用的 {parent} 记录不存在" for table, rowid, parent in violations[:5]]
    if len(violations) > 5:
        shown.append(f"另有 {len(violations) - 5} 处外键引用不存在")
    return shown


def _undo(step: Migration, exc: Exception, backup: Path | None) -> MigrationError:
    """The failed step has rolled back; earlier steps committed, so write the pre-migration copy back."""
    path = dbmod.current_path()
    reason = str(exc) if isinstance(exc, StepCheckFailed) else f"{type(exc).__name__}: {exc}"
    head = f"数据库升级到版本 {step.version}（{step.note}）时失败，已停止升级：{reason}。"
    if backup is None or path is None:
        return MigrationError(head + "没有升级前的副本可供恢复，请勿继续使用该数据库，并联系技术支持。")
    dbmod.close()
    try:
        dbmod.restore_copy(backup, path)
    except Exception as restore_exc:
        return MigrationError(
            head + f"恢复升级前的数据库失败（{restore_exc}）。升级前的副本完好，保存在：{backup}，"
            "请将其复制回原位置后再打开。"
        )
    return MigrationError(
        head + f"数据库已恢复为升级前的状态，未作任何改动；升级前的副本另存于：{backup}。请联系技术支持。"
    )


def _backup_before_migration(version: int) -> Path | None:
    path = dbmod.current_path()
    if path is None:
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.v{version}-before-upgrade-{stamp}.bak")
    dbmod.online_copy(path, target)
    return target


def open_database(path: Path | str) -> SchemaReport:
    """Open (or create) the database file, or connect to the PostgreSQL URL, and bring its schema up to date."""
    if pg.is_url(path):
        dbmod.connect_postgres(str(path))
    else:
        dbmod.connect_sqlite(path)
    try:
        return ensure_schema()
    except Exception:
        dbmod.close()
        raise
