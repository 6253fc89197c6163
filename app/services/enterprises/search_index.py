"""The register's search index on SQLite: FTS5 trigram over names and addresses, pinyin, and a pinyin sort key.
On PostgreSQL the same tables and queue, with pg_trgm indexes (`search_index_pg`); the functions here answer
for both engines.

Why no migration: the index is derived data, rebuilt from `enterprise` at any time, so it stays out of the schema
that migrations version and compare. `ensure` creates it when a register is opened (or first searched), and
rebuilds it when it is missing, of another layout version (the table names carry `VERSION`), or does not cover
every enterprise (a file restored from an old backup).

Why a queue: triggers on `enterprise`, in plain SQL, record every inserted, renamed, readdressed or deleted row
in the same transaction as the change, whoever writes it (forms, the importer's executemany, the CLI, a
migration step, another program's sqlite3 connection). They do not write the FTS rows themselves: pinyin needs
Python (pypinyin), which a trigger cannot call on every connection, and a trigram row costs a few tenths of a
millisecond, which an import of 100,000 rows should not pay inside its transaction. `catch_up` indexes the
queued rows in batches, before a search (within a time budget) or at once (`refresh` after an import); while
rows wait, search scans the table instead (same answers, slower), so an answer is never missing a row.
If this SQLite lacks FTS5 or its trigram tokenizer, `ensure` answers False and search always scans.
"""

from __future__ import annotations

import sqlite3

from peewee import IntegerField, Model, OperationalError, TextField

from app.models.db import database, is_postgres
from app.services.core.errors import DatabaseBusy
from app.services.enterprises import index_refresh, search_index_pg

VERSION = 1
FTS = f"enterprise_search_v{VERSION}"
ORDER = f"enterprise_order_v{VERSION}"
STALE = f"{FTS}_queue"
_OURS = "name GLOB 'enterprise_search_v[0-9]*' OR name GLOB 'enterprise_order_v[0-9]*'"

_CREATE = (
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(name_key, address, pinyin, initials, tokenize='trigram')",
    f"CREATE TABLE {ORDER} (id INTEGER PRIMARY KEY, sort_key TEXT NOT NULL)",
    f"CREATE INDEX {ORDER}_key ON {ORDER} (sort_key)",
    f"CREATE TABLE {STALE} (id INTEGER PRIMARY KEY)",
    f"""CREATE TRIGGER {FTS}_insert AFTER INSERT ON enterprise BEGIN
        INSERT OR IGNORE INTO {STALE} (id) VALUES (new.id);
        INSERT OR REPLACE INTO {ORDER} (id, sort_key) VALUES (new.id, new.name_key);
    END""",
    f"""CREATE TRIGGER {FTS}_update AFTER UPDATE OF name_key, registered_address, operating_address ON enterprise
    WHEN new.name_key IS NOT old.name_key OR new.registered_address IS NOT old.registered_address
        OR new.operating_address IS NOT old.operating_address BEGIN
        INSERT OR IGNORE INTO {STALE} (id) VALUES (new.id);
    END""",
    f"""CREATE TRIGGER {FTS}_delete AFTER DELETE ON enterprise BEGIN
        DELETE FROM {FTS} WHERE rowid = old.id;
        DELETE FROM {ORDER} WHERE id = old.id;
        DELETE FROM {STALE} WHERE id = old.id;
    END""",
)
_OBJECTS = {FTS, ORDER, STALE, f"{ORDER}_key", f"{FTS}_insert", f"{FTS}_update", f"{FTS}_delete"}
_FILL = (
    f"INSERT INTO {ORDER} (id, sort_key) SELECT id, name_key FROM enterprise",
    f"INSERT INTO {STALE} (id) SELECT id FROM enterprise",
)
BATCH = 500

_ready: dict[tuple, bool] = {}  # per connection: is the index there (True) or unusable here (False)


def _connection_key() -> tuple:
    # The bound database object, its file and its connection: cheap enough for every keystroke.
    obj = database.obj
    return (id(obj), getattr(obj, "database", None), id(database.connection()))


def trigram_available() -> bool:
    try:
        probe = sqlite3.connect(":memory:")
        try:
            probe.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize='trigram')")
        finally:
            probe.close()
    except sqlite3.Error:
        return False
    return True


def _present() -> set[str]:
    rows = database.execute_sql(f"SELECT name FROM sqlite_master WHERE {_OURS}").fetchall()
    return {name for (name,) in rows}


def _in_step() -> bool:
    """Every enterprise has its row (a file restored from an old backup, or rows written while the triggers
    were missing, would not)."""
    (missing,) = database.execute_sql(
        f"SELECT (SELECT count(*) FROM enterprise) - (SELECT count(*) FROM {ORDER})"
    ).fetchone()
    return missing == 0


def _drop_all() -> None:
    """Drop every object of any version of the index: triggers, then virtual tables (with their shadow
    tables), then the plain tables (with their indexes)."""
    for kind, condition in (("trigger", ""), ("table", "AND sql LIKE 'CREATE VIRTUAL%'"), ("table", "")):
        for (name,) in database.execute_sql(
            f"SELECT name FROM sqlite_master WHERE type = ? {condition} AND ({_OURS})", (kind,)
        ).fetchall():
            database.execute_sql(f'DROP {kind.upper()} IF EXISTS "{name}"')


def build() -> None:
    """Create the index from scratch (dropping any other version), every name queued for its pinyin."""
    with database.atomic():
        _drop_all()
        for sql in (*_CREATE, *_FILL):
            database.execute_sql(sql)


def ensure(*, check: bool = False) -> bool:
    """Make sure the index exists on this connection (building it if not); with `check`, also that it covers
    every enterprise. False when this SQLite cannot hold it (then search scans the table)."""
    key = _connection_key()
    if key in _ready and not check:
        return _ready[key]
    if is_postgres():
        _ready[key] = search_index_pg.ensure(check=check)
        return _ready[key]
    if not trigram_available():
        _ready[key] = False
        return False
    present = _present()
    if not _OBJECTS <= present or (present - _OBJECTS) - _shadow_tables() or (check and not _in_step()):
        build()
    _ready[key] = True
    return True


def _shadow_tables() -> set[str]:
    return {f"{FTS}_{part}" for part in ("data", "idx", "content", "docsize", "config")}


def forget() -> None:
    """Ask `ensure` to look again (after the file under this connection changed, e.g. a restore)."""
    _ready.clear()


def pending() -> bool:
    """Whether some enterprise waits for its index row (then the index cannot answer for it yet)."""
    if is_postgres():
        return search_index_pg.pending()
    return database.execute_sql(f"SELECT 1 FROM {STALE} LIMIT 1").fetchone() is not None


_REFRESH = index_refresh.Statements(
    queued=f"SELECT s.id, e.name_key, e.registered_address, e.operating_address "
    f"FROM {STALE} s LEFT JOIN enterprise e ON e.id = s.id LIMIT ?",
    drop_entry=f"DELETE FROM {FTS} WHERE rowid = ?",
    add_entry=f"INSERT INTO {FTS} (rowid, name_key, address, pinyin, initials) VALUES (?, ?, ?, ?, ?)",
    put_sort_key=f"INSERT OR REPLACE INTO {ORDER} (id, sort_key) VALUES (?, ?)",
    dequeue=f"DELETE FROM {STALE} WHERE id = ?",
)


def catch_up(budget: float | None = None) -> bool:
    """Index the queued enterprises, in batches, until none is left (True) or `budget` seconds have passed
    (False). Cheap when the queue is empty."""
    if is_postgres():
        return search_index_pg.catch_up(budget, BATCH)
    return index_refresh.catch_up(_REFRESH, pending, budget, BATCH)


def fts_phrase(text: str) -> str:
    """`text` as one FTS5 phrase: with the trigram tokenizer it matches wherever `text` is a substring."""
    return '"' + text.replace('"', '""') + '"'


def match_subquery(terms: list[tuple[tuple[str, ...], str]]) -> tuple[str, list[str]]:
    """SELECT of the ids whose `columns` contain `text` somewhere (case-insensitively), for (columns, text)
    pairs, and its parameters: one FTS5 MATCH on SQLite, trigram ILIKEs on PostgreSQL."""
    if is_postgres():
        return search_index_pg.match_subquery(terms)
    phrases = [f"{{{' '.join(columns)}}} : {fts_phrase(text)}" for columns, text in terms]
    return f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH ?", [" OR ".join(phrases)]


def try_catch_up(budget: float) -> bool:
    """Catch up for at most `budget` seconds before a search; True when the index can answer for every row.
    Another writer holding the lock only delays it: the search scans meanwhile."""
    try:
        return catch_up(budget)
    except (OperationalError, DatabaseBusy):
        return not pending()


class OrderKey(Model):
    """The pinyin sort key of each enterprise (`ORDER`), for joining in listings."""

    id = IntegerField(primary_key=True)
    sort_key = TextField()

    class Meta:
        database = database
        table_name = ORDER
