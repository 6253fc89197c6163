"""PostgreSQL (LAN mode, issue 17): connecting the database proxy to a server, and the PostgreSQL counterparts
of the SQLite specifics in `app.models.db`.

Design decisions, so that later steps keep to them:

- Location. A register is a SQLite file or a `postgresql://user@host:port/name` URL (`is_url`); psycopg 3
  (`pip install -e ".[postgres]"`) is imported only when a URL is opened. The password is never part of a
  stored URL: psycopg reads PGPASSWORD / ~/.pgpass today, the OS credential store (keyring) later.
- Schema. No historic PostgreSQL register exists, so a new one is created from the peewee models at
  LATEST_VERSION (plus `CLOCK_TRIGGERS_PG`), never by replaying the frozen SQLite steps 2–11. Every step
  after 11 names both dialects (`Migration.postgres`); a PostgreSQL register older than a step without one is
  refused. PostgreSQL has transactional DDL: each step runs in one transaction, checked by row counts per
  table like on SQLite, and foreign keys stay enforced throughout (no rebuilds, no PRAGMA dance).
- Start-up races. Creation and migration run in one transaction holding `pg_advisory_xact_lock(LOCK_KEY)`;
  the version is read again under the lock, so two clients starting at once migrate once and the second
  finds the work done. A newer schema is refused before anything is written.
- What stays SQLite-only (db.py and the search service keep them apart):
  pragmas, the application_id header (on PostgreSQL "ours" means: a `schema_info` table, or no tables at
  all), ExclusiveHold and the online backup API (backup/restore: not on PostgreSQL yet — a logical dump is
  the plan), the pre-upgrade file copy (PostgreSQL rolls a failed step back instead), the FTS5 search index
  (PostgreSQL: search scans with LIKE until the pg_trgm index lands), file checks and the audit head note
  beside the file (the note needs a place; not on PostgreSQL yet).
- Booleans. SQLite stores them as 0/1 and PostgreSQL refuses `BOOLEAN DEFAULT 0`: column defaults written
  in models go through `BoolDefault`, which prints what each dialect accepts.
- Raw SQL. Services write the odd raw statement with SQLite's `?` placeholders; `RegisterPostgres`
  rewrites those to psycopg's `%s` (`portable`), so the same text runs on both engines. Peewee's own
  queries for PostgreSQL already use `%s` and pass through untouched.
"""

from __future__ import annotations

import re

from peewee import Node, PostgresqlDatabase

LOCK_KEY = 0x4F495052  # "OIPR", the SQLite application id: the advisory lock of schema changes
SCHEMES = ("postgresql://", "postgres://")
_SQLITE_LOCK_TYPES = {"DEFERRED", "IMMEDIATE", "EXCLUSIVE"}


def is_url(location: object) -> bool:
    return isinstance(location, str) and location.startswith(SCHEMES)


def normalise_url(url: str) -> str:
    """psycopg (and peewee's adapter) know the `postgresql://` spelling; `postgres://` is accepted too."""
    return "postgresql://" + url.split("://", 1)[1]


def shown_url(url: str) -> str:
    """The URL as it may be printed: any password replaced by ***."""
    scheme, rest = url.split("://", 1)
    auth, at, host = rest.rpartition("@")
    if at and ":" in auth:
        auth = auth.split(":", 1)[0] + ":***"
    return f"{scheme}://{auth}{at}{host}"


class RegisterPostgres(PostgresqlDatabase):
    """The register on a PostgreSQL server.

    Services ask SQLite for its lock types (`atomic("IMMEDIATE")`, `atomic("DEFERRED")`); PostgreSQL takes
    row locks as it writes, so they mean a plain BEGIN here.
    """

    def __init__(self, url: str):
        super().__init__(normalise_url(url), prefer_psycopg3=True)

    def execute_sql(self, sql, params=None, *args, **kwargs):
        return super().execute_sql(portable(sql) if params else sql, params, *args, **kwargs)

    def begin(self, isolation_level=None):
        if isinstance(isolation_level, str) and isolation_level.upper() in _SQLITE_LOCK_TYPES:
            isolation_level = None
        return super().begin(isolation_level)


class BoolDefault(Node):
    """`DEFAULT 0`/`DEFAULT 1` on SQLite (as the frozen migration steps wrote it), `DEFAULT false/true` on
    PostgreSQL, for a model column's `constraints`."""

    def __init__(self, value: bool):
        self.value = bool(value)

    def __sql__(self, ctx):
        if ctx.state.field_types.get("BOOL") == "BOOLEAN":
            return ctx.literal("DEFAULT true" if self.value else "DEFAULT false")
        return ctx.literal("DEFAULT 1" if self.value else "DEFAULT 0")


_LONE_PERCENT = re.compile(r"%(?!s)")
_LITERAL_OR_MARK = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?")


def portable(sql: str) -> str:
    """SQL written with SQLite's `?` placeholders in psycopg's spelling: each `?` outside quotes becomes `%s`
    and every other `%` is doubled. SQL with no such `?` (peewee's own, already in `%s`) is returned unchanged.
    Raw SQL must not hold a literal `%s` (pass such text as a parameter)."""
    if not any(m.group() == "?" for m in _LITERAL_OR_MARK.finditer(sql)):
        return sql
    sql = _LONE_PERCENT.sub("%%", sql)  # a `%s` already there is peewee's, around a raw SQL() fragment
    return _LITERAL_OR_MARK.sub(lambda m: "%s" if m.group() == "?" else m.group(), sql)


# The case-clock triggers of v10 (app.models.cases.CLOCK_TRIGGERS), in PL/pgSQL: same events, same effect.
CLOCK_TRIGGERS_PG = (
    """CREATE OR REPLACE FUNCTION case_clock_new_case() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO "case_clock_state" ("case_id", "stale", "live") VALUES (NEW."id", true, false)
        ON CONFLICT ("case_id") DO UPDATE SET "stale" = true, "live" = false;
        RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION case_clock_mark_new() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE "case_clock_state" SET "stale" = true WHERE "case_id" = NEW."case_id";
        RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION case_clock_mark_old() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE "case_clock_state" SET "stale" = true WHERE "case_id" = OLD."case_id";
        RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION case_clock_mark_both() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE "case_clock_state" SET "stale" = true WHERE "case_id" IN (OLD."case_id", NEW."case_id");
        RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION case_clock_case_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE "case_clock_state" SET "stale" = true WHERE "case_id" = NEW."id";
        RETURN NULL;
    END $$""",
    'CREATE TRIGGER "case_clock_new_case" AFTER INSERT ON "case" '
    "FOR EACH ROW EXECUTE FUNCTION case_clock_new_case()",
    'CREATE TRIGGER "case_clock_case_changed" AFTER UPDATE OF "type", "source" ON "case" FOR EACH ROW '
    'WHEN (OLD."type" IS DISTINCT FROM NEW."type" OR OLD."source" IS DISTINCT FROM NEW."source") '
    "EXECUTE FUNCTION case_clock_case_changed()",
    'CREATE TRIGGER "case_clock_event_added" AFTER INSERT ON "case_event" '
    "FOR EACH ROW EXECUTE FUNCTION case_clock_mark_new()",
    'CREATE TRIGGER "case_clock_event_changed" AFTER UPDATE OF "case_id", "happened_on", "kind" ON "case_event" '
    "FOR EACH ROW EXECUTE FUNCTION case_clock_mark_both()",
    'CREATE TRIGGER "case_clock_event_deleted" AFTER DELETE ON "case_event" '
    "FOR EACH ROW EXECUTE FUNCTION case_clock_mark_old()",
)


def table_names(db) -> list[str]:
    rows = db.execute_sql(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
    ).fetchall()
    return [name for (name,) in rows]


def row_counts(db) -> dict[str, int]:
    return {t: db.execute_sql(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in table_names(db)}
