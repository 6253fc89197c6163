"""Schema versions and ordered migrations.

A new database gets today's tables and the latest version stamp. An older one is first copied with SQLite's
online backup API, then migrated step by step, each step in its own transaction. A database written by a
newer version of the program is refused: we cannot know what it holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from peewee import CharField, DateTimeField, IntegerField, Model
from playhouse.migrate import SchemaMigrator, migrate

from app.models import ALL_MODELS
from app.models import db as dbmod
from app.models.db import database
from app.text import name_key


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer program version."""


class SchemaInfo(Model):
    version = IntegerField()
    applied_at = DateTimeField(default=lambda: datetime.now().replace(microsecond=0))
    note = CharField(max_length=200, default="")

    class Meta:
        database = database
        table_name = "schema_info"


def _v2_enterprise_name_key(migrator: SchemaMigrator) -> None:
    """v2: a folded name column for duplicate warnings and fast search."""
    migrate(
        migrator.add_column("enterprise", "name_key", CharField(max_length=200, default="")),
        migrator.add_index("enterprise", ("name_key",), False),
    )
    rows = database.execute_sql("SELECT id, name FROM enterprise").fetchall()
    for row_id, name in rows:
        database.execute_sql("UPDATE enterprise SET name_key = ? WHERE id = ?", (name_key(name), row_id))


def _v3_applications(migrator: SchemaMigrator) -> None:
    """v3: application rounds and application forms."""
    from app.models.applications import Application, Round

    # Tables as defined at v3; a later change to them needs its own migration step.
    database.create_tables([Round, Application])


def _v4_applied_regional_year(migrator: SchemaMigrator) -> None:
    """v4: the year an enterprise applied to the regional list (direct entry to the city list)."""
    migrate(migrator.add_column("enterprise", "applied_regional_year", IntegerField(null=True)))


def _v5_protection_list(migrator: SchemaMigrator) -> None:
    """v5: list entries, reviews and publications."""
    from app.models.listing import ListEntry, Publication, Review

    database.create_tables([ListEntry, Review, Publication])


def _v6_liaison_work(migrator: SchemaMigrator) -> None:
    """v6: liaison assignments, visits, follow-ups, questionnaires, events, experts, consultations."""
    from app.models.liaison import (
        Consultation,
        Event,
        EventAttendance,
        Expert,
        FollowUp,
        LiaisonAssignment,
        Visit,
    )
    from app.models.questionnaires import Question, Questionnaire, Response

    database.create_tables([LiaisonAssignment, Visit, FollowUp, Questionnaire, Question, Response, Event,
                            EventAttendance, Expert, Consultation])  # fmt: skip


def _v7_cases(migrator: SchemaMigrator) -> None:
    """v7: cases, parties, rights, timeline events, reports to the city, the editable work calendar."""
    from app.models.cases import CalendarDay, Case, CaseEvent, CaseParty, CaseRight, CityReport

    database.create_tables([Case, CaseParty, CaseRight, CaseEvent, CityReport, CalendarDay])


@dataclass(frozen=True)
class Migration:
    version: int
    note: str
    run: Callable[[SchemaMigrator], None]


MIGRATIONS: list[Migration] = [
    Migration(2, "企业名称检索键", _v2_enterprise_name_key),
    Migration(3, "申报轮次与申报表", _v3_applications),
    Migration(4, "企业申报自治区名录年度", _v4_applied_regional_year),
    Migration(5, "重点企业名录、审核意见与公示记录", _v5_protection_list),
    Migration(6, "联络走访、问卷、活动培训与专家智库", _v6_liaison_work),
    Migration(7, "纠纷案件与工作日历", _v7_cases),
]
LATEST_VERSION = MIGRATIONS[-1].version


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
    version = current_version()
    if version is None:
        with database.atomic():
            database.create_tables([SchemaInfo, *ALL_MODELS])
            SchemaInfo.create(version=LATEST_VERSION, note="新建数据库")
        return SchemaReport(created=True)
    if version > LATEST_VERSION:
        raise SchemaTooNewError(
            f"该数据库由更新版本的程序创建（数据结构版本 {version}），"
            f"本程序最高支持版本 {LATEST_VERSION}。请升级程序后再打开，数据库未作任何改动。"
        )
    report = SchemaReport(from_version=version)
    if version == LATEST_VERSION:
        return report
    report.backup_path = _backup_before_migration(version)
    migrator = SchemaMigrator.from_database(database.obj)
    for step in MIGRATIONS:
        if step.version <= version:
            continue
        with database.atomic():
            step.run(migrator)
            SchemaInfo.create(version=step.version, note=step.note)
    return report


def _backup_before_migration(version: int) -> Path | None:
    path = dbmod.current_path()
    if path is None:
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.v{version}-before-upgrade-{stamp}.bak")
    dbmod.online_copy(path, target)
    return target


def open_database(path: Path | str) -> SchemaReport:
    """Open (or create) the database file and bring its schema up to date."""
    dbmod.connect_sqlite(path)
    try:
        return ensure_schema()
    except Exception:
        dbmod.close()
        raise
