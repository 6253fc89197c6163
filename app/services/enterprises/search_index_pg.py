"""The register's search index on PostgreSQL: the same tables and queue as `search_index` on SQLite, with
pg_trgm GIN indexes where SQLite has FTS5's trigram tokenizer.

Same shape, so the search service asks the same questions on both engines: `enterprise_search_v1` holds one
row per indexed enterprise (folded name, addresses, full pinyin, initials), `enterprise_order_v1` the pinyin
sort key, `enterprise_search_v1_queue` the rows waiting for their pinyin; PL/pgSQL triggers on `enterprise`
fill the queue exactly as the SQLite triggers do. A trigram GIN index answers `ILIKE '%text%'` for text of
three or more characters, which is what an FTS5 trigram phrase matches (case-insensitive substrings).

pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner creates it without superuser rights.
Where it cannot be created (an older server, a user who does not own the database) `ensure` answers False and
search scans the table, as on a SQLite without FTS5.
"""

from __future__ import annotations

from peewee import DatabaseError

from app.models.db import database
from app.services.enterprises import index_refresh

VERSION = 1
FTS = f"enterprise_search_v{VERSION}"
ORDER = f"enterprise_order_v{VERSION}"
STALE = f"{FTS}_queue"
_TEXT_COLUMNS = ("name_key", "address", "pinyin", "initials")

_CREATE = (
    f"CREATE TABLE {FTS} (id integer PRIMARY KEY, "
    + ", ".join(f"{c} text NOT NULL" for c in _TEXT_COLUMNS)
    + ")",
    *(f"CREATE INDEX {FTS}_{c} ON {FTS} USING gin ({c} gin_trgm_ops)" for c in _TEXT_COLUMNS),
    # COLLATE "C": byte order, as SQLite's BINARY sorts the same keys (a server's default collation may not).
    f'CREATE TABLE {ORDER} (id integer PRIMARY KEY, sort_key text COLLATE "C" NOT NULL)',
    f"CREATE INDEX {ORDER}_key ON {ORDER} (sort_key)",
    f"CREATE TABLE {STALE} (id integer PRIMARY KEY)",
    f"""CREATE OR REPLACE FUNCTION {FTS}_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO {STALE} (id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
        INSERT INTO {ORDER} (id, sort_key) VALUES (NEW.id, NEW.name_key)
            ON CONFLICT (id) DO UPDATE SET sort_key = EXCLUDED.sort_key;
        RETURN NULL;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION {FTS}_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO {STALE} (id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
        RETURN NULL;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION {FTS}_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM {FTS} WHERE id = OLD.id;
        DELETE FROM {ORDER} WHERE id = OLD.id;
        DELETE FROM {STALE} WHERE id = OLD.id;
        RETURN NULL;
    END $$""",
    f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON enterprise FOR EACH ROW EXECUTE FUNCTION {FTS}_inserted()",
    f"""CREATE TRIGGER {FTS}_update AFTER UPDATE OF name_key, registered_address, operating_address ON enterprise
    FOR EACH ROW WHEN (NEW.name_key IS DISTINCT FROM OLD.name_key
        OR NEW.registered_address IS DISTINCT FROM OLD.registered_address
        OR NEW.operating_address IS DISTINCT FROM OLD.operating_address)
    EXECUTE FUNCTION {FTS}_updated()""",
    f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON enterprise FOR EACH ROW EXECUTE FUNCTION {FTS}_deleted()",
    f"INSERT INTO {ORDER} (id, sort_key) SELECT id, name_key FROM enterprise",
    f"INSERT INTO {STALE} (id) SELECT id FROM enterprise",
)
_DROP = (
    f"DROP TRIGGER IF EXISTS {FTS}_insert ON enterprise",
    f"DROP TRIGGER IF EXISTS {FTS}_update ON enterprise",
    f"DROP TRIGGER IF EXISTS {FTS}_delete ON enterprise",
    f"DROP TABLE IF EXISTS {FTS}, {ORDER}, {STALE}",
)


def _present() -> bool:
    found = database.execute_sql(
        "SELECT to_regclass(%s) IS NOT NULL AND to_regclass(%s) IS NOT NULL AND to_regclass(%s) IS NOT NULL "
        "AND (SELECT count(*) FROM pg_trigger WHERE tgname LIKE %s) = 3",
        (FTS, ORDER, STALE, f"{FTS}\\_%"),
    ).fetchone()[0]
    return bool(found)


def _in_step() -> bool:
    (missing,) = database.execute_sql(
        f"SELECT (SELECT count(*) FROM enterprise) - (SELECT count(*) FROM {ORDER})"
    ).fetchone()
    return missing == 0


def build() -> None:
    """Create the index from scratch, every enterprise queued for its pinyin."""
    with database.atomic():
        database.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for sql in (*_DROP, *_CREATE):
            database.execute_sql(sql)


def ensure(*, check: bool = False) -> bool:
    """Build the index if it is missing (or, with `check`, out of step); False where pg_trgm is unavailable."""
    try:
        if not _present() or (check and not _in_step()):
            build()
    except DatabaseError:
        return False
    return True


def pending() -> bool:
    return database.execute_sql(f"SELECT 1 FROM {STALE} LIMIT 1").fetchone() is not None


_REFRESH = index_refresh.Statements(
    queued=f"SELECT s.id, e.name_key, e.registered_address, e.operating_address "
    f"FROM {STALE} s LEFT JOIN enterprise e ON e.id = s.id ORDER BY s.id LIMIT %s",
    drop_entry=f"DELETE FROM {FTS} WHERE id = %s",
    add_entry=f"INSERT INTO {FTS} (id, name_key, address, pinyin, initials) VALUES (%s, %s, %s, %s, %s)",
    put_sort_key=f"INSERT INTO {ORDER} (id, sort_key) VALUES (%s, %s) "
    "ON CONFLICT (id) DO UPDATE SET sort_key = EXCLUDED.sort_key",
    dequeue=f"DELETE FROM {STALE} WHERE id = %s",
)


def catch_up(budget: float | None, batch: int) -> bool:
    """Index queued enterprises in batches until none is left (True) or `budget` seconds have passed."""
    return index_refresh.catch_up(_REFRESH, pending, budget, batch)


def like_pattern(text: str) -> str:
    """`text` anywhere, with LIKE's wildcards and escape character taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def match_subquery(terms: list[tuple[tuple[str, ...], str]]) -> tuple[str, list[str]]:
    """SELECT of the ids whose columns contain a term, case-insensitively; `terms` are (columns, text) pairs,
    as the FTS5 phrases `{columns} : "text"` on SQLite."""
    conditions, params = [], []
    for columns, text in terms:
        for column in columns:
            conditions.append(f"{column} ILIKE %s")
            params.append(like_pattern(text))
    return f"SELECT id FROM {FTS} WHERE " + " OR ".join(conditions), params
