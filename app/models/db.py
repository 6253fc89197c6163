"""The one database object, and everything SQLite-specific about opening it.

Models bind to `database`, a proxy: a LAN installation points it at PostgreSQL (`connect_postgres`, with
the PostgreSQL counterparts in app.models.postgres) without touching the models. SQLite pragmas, the online
backup API and the table-rebuild procedure of migrations stay in this module.
"""

from __future__ import annotations

import functools
import os
import random
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from peewee import Case, DatabaseProxy, OperationalError, SqliteDatabase, fn

from app.services.core.errors import DatabaseBusy

database = DatabaseProxy()

# busy_timeout comes first: setting journal_mode may itself have to wait for another writer.
SQLITE_PRAGMAS = {
    "busy_timeout": 10000,
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "cache_size": -32000,
}

# Stamped in the header of every register ("OIPR"): a file without it is not ours and is never written to.
APPLICATION_ID = 0x4F495052

# Extra attempts at BEGIN IMMEDIATE once SQLite's own busy handler (busy_timeout) has given up, in seconds.
BUSY_RETRY_PAUSES = (0.2, 0.6)


def is_busy(exc: BaseException) -> bool:
    """True for SQLite's "database is locked" (SQLITE_BUSY) and "database table is locked" (SQLITE_LOCKED)."""
    for err in (exc, *(a for a in getattr(exc, "args", ()) if isinstance(a, BaseException))):
        code = getattr(err, "sqlite_errorcode", None)
        if code is not None and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            return True
    return "database is locked" in str(exc) or "database table is locked" in str(exc)


class RegisterDatabase(SqliteDatabase):
    """The register's SQLite database: write transactions take the write lock up front, and a lock that
    stays taken ends in DatabaseBusy (a DomainError with a Chinese message), never a raw OperationalError.

    In WAL mode a deferred transaction that has read and then wants to write cannot wait for the lock:
    SQLite answers SQLITE_BUSY at once, busy_timeout or not. BEGIN IMMEDIATE takes the lock before the
    first read, where the busy handler does wait; after it gave up, BEGIN is tried again with a pause.
    """

    def __init__(self, path: Path | str):
        super().__init__(str(path), pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE")

    def begin(self, lock_type=None):
        for pause in (*BUSY_RETRY_PAUSES, None):
            try:
                return super().begin(lock_type)
            except OperationalError as exc:
                if not is_busy(exc):
                    raise
                if pause is None:
                    raise DatabaseBusy() from exc
            time.sleep(pause * (0.5 + random.random()))  # jitter: two waiting writers do not retry in step

    def connect(self, reuse_if_open=False):
        with _busy_as_domain_error():
            return super().connect(reuse_if_open)

    def _execute_cursor(self, sql, params, **cursor_options):
        with _busy_as_domain_error():
            return super()._execute_cursor(sql, params, **cursor_options)

    def commit(self):
        with _busy_as_domain_error():
            return super().commit()


@contextmanager
def _busy_as_domain_error() -> Iterator[None]:
    try:
        yield
    except OperationalError as exc:
        if is_busy(exc):
            raise DatabaseBusy() from exc
        raise


def connect_sqlite(path: Path | str) -> SqliteDatabase:
    """Bind the proxy to a SQLite file (created if missing) and connect.

    This writes (journal mode, schema): callers outside tests check the file first
    (app.services.system.database.open_register).
    """
    if database.obj is not None and not database.is_closed():
        database.close()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sqlite_db = RegisterDatabase(path)
    database.initialize(sqlite_db)
    sqlite_db.connect()
    return sqlite_db


def connect_postgres(url: str):
    """Bind the proxy to a PostgreSQL database (the server, database and user must exist) and connect."""
    from app.models.postgres import RegisterPostgres

    if database.obj is not None and not database.is_closed():
        database.close()
    pg_db = RegisterPostgres(url)
    database.initialize(pg_db)
    pg_db.connect()
    return pg_db


def is_postgres() -> bool:
    from peewee import PostgresqlDatabase

    return isinstance(database.obj, PostgresqlDatabase)


def count_if(condition):
    """How many rows of a group meet `condition` (PostgreSQL has no SUM over booleans, SQLite no booleans)."""
    return fn.SUM(Case(None, [(condition, 1)], 0))


def application_id() -> int:
    """The header's application id; a PostgreSQL database has no header, and is only ever opened once it
    is known to be a register (or empty)."""
    if is_postgres():
        return APPLICATION_ID
    return database.execute_sql("PRAGMA application_id").fetchone()[0]


def stamp_application_id() -> None:
    """Mark the open database as a register (only ever called once it is known to be one)."""
    if application_id() != APPLICATION_ID:
        database.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")


@dataclass(frozen=True)
class FileFacts:
    """What a database file holds, read without changing it."""

    application_id: int
    tables: frozenset[str]
    schema_version: int | None
    check: str  # 'ok', or what PRAGMA quick_check found wrong


def inspect_file(path: Path | str) -> FileFacts:
    """Read a file's header, tables, schema version and quick_check through a read-only connection.

    Raises DatabaseFileError (SQLite's message) for a file SQLite cannot read as a database at all.

    Without a -wal or -journal file beside it, nobody is writing to the file and it holds every committed
    page: it is read as immutable, which creates no -wal/-shm files (a read-only connection to a WAL-mode
    file would leave both behind). With a -wal it is read through a read-only connection, which sees the
    WAL's pages and never checkpoints them into the file. A -journal is a writer at work (its lock makes us
    wait) or a crash's hot journal, which a read-write connection rolls back first, as any SQLite program
    opening the file would do.
    """
    try:
        if Path(f"{path}-journal").exists():
            conn = sqlite3.connect(str(path), timeout=SQLITE_PRAGMAS["busy_timeout"] / 1000)
        elif Path(f"{path}-wal").exists():
            conn = _connect(path, read_only=True)
        else:
            conn = sqlite3.connect(f"{_file_uri(path)}?immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise DatabaseFileError(str(exc)) from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = frozenset(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'"))
        check = "\n".join(r[0] for r in conn.execute("PRAGMA quick_check(5)"))
        version = None
        if check == "ok" and "schema_info" in tables:
            value = conn.execute("SELECT max(version) FROM schema_info").fetchone()[0]
            version = value if isinstance(value, int) else None
    except sqlite3.Error as exc:
        raise DatabaseFileError(str(exc)) from exc
    finally:
        conn.close()
    return FileFacts(app_id, tables, version, check)


# A scratch file untouched this long, with no claim on it, belongs to no live operation
# (app.services.system.scratch sweeps them).
STALE_AFTER_SECONDS = 600


def current_path() -> Path | None:
    obj = database.obj
    if isinstance(obj, SqliteDatabase) and obj.database:
        return Path(obj.database)
    return None


def close() -> None:
    if database.obj is not None and not database.is_closed():
        database.close()


def is_sqlite() -> bool:
    return isinstance(database.obj, SqliteDatabase)


# Advisory lock classes (PostgreSQL) of sections that must not run twice at once; see `serialise`.
LOCK_AUDIT_CHAIN = 1
LOCK_QUOTA = 2
# SQLSTATEs after which PostgreSQL rolled the transaction back and running it again may well succeed.
TRANSIENT_STATES = {"40001", "40P01"}  # serialization_failure, deadlock_detected
TRANSIENT_RETRY_PAUSES = (0.05, 0.2, 0.5)


def serialise(section: int, *ids: int) -> None:
    """Wait until no other transaction is inside the same section (e.g. one district's quota of one round),
    until this transaction ends. On SQLite every write transaction already holds the file's write lock
    (BEGIN IMMEDIATE): nothing to do. On PostgreSQL: `pg_advisory_xact_lock` on a key built from the ids."""
    if not is_postgres():
        return
    key = section
    for value in ids:
        key = (key << 20) | (int(value) & 0xFFFFF)
    database.execute_sql("SELECT pg_advisory_xact_lock(%s)", (key & 0x7FFFFFFFFFFFFFFF,))


def is_transient(exc: BaseException) -> bool:
    """A PostgreSQL serialization failure or deadlock: the transaction was rolled back and may be re-run."""
    for err in (exc, getattr(exc, "orig", None), exc.__cause__, exc.__context__):  # peewee keeps psycopg's as orig
        if getattr(err, "sqlstate", None) in TRANSIENT_STATES:
            return True
    return False


def retrying(function):
    """Run a service's transaction again after a serialization failure or deadlock (PostgreSQL), with pauses;
    when the failures persist, DatabaseBusy. Called inside an outer transaction it runs once: only the
    outermost transaction can be re-run."""

    @functools.wraps(function)
    def run(*args, **kwargs):
        if database.in_transaction():
            return function(*args, **kwargs)
        for pause in (*TRANSIENT_RETRY_PAUSES, None):
            try:
                return function(*args, **kwargs)
            except Exception as exc:
                if not is_transient(exc):
                    raise
                if pause is None:
                    raise DatabaseBusy() from exc
            time.sleep(pause * (0.5 + random.random()))

    return run


class DatabaseFileError(RuntimeError):
    """A database file could not be read, copied or written (the SQLite message is kept in the text)."""


class DatabaseInUseError(DatabaseFileError):
    """Another connection (another window, command or computer) has the database open."""


def online_copy(source: Path | str, target: Path | str) -> None:
    """Copy a live SQLite database page by page into `target`, verified, without ever truncating `target`.

    The copy is written beside the target under a temporary name and renamed over it only once it passed
    the integrity check: a crash, or a corrupt source, leaves any earlier file at `target` as it was.
    """
    target = Path(target)
    staged = temp_path_beside(target, ".part")
    try:
        copy_to_new_file(source, staged)
        check = integrity_check(staged)
        if check != "ok":
            raise DatabaseFileError(f"备份副本完整性检查未通过：{check}")
        replace_file(staged, target)
    finally:
        remove_database_file(staged)


def temp_path_beside(target: Path | str, suffix: str) -> Path:
    """A name beside `target` no other process picks: same folder, so the final rename is atomic."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f"{target.name}.", suffix=suffix, dir=target.parent)
    os.close(fd)
    os.unlink(name)  # SQLite creates the file itself; an empty file left by a crash would only confuse
    return Path(name)


def copy_to_new_file(source: Path | str, target: Path | str, *, read_only: bool = False) -> None:
    """Copy a (possibly live) database into a new file with the online backup API, then fsync it.

    `read_only` opens the source with mode=ro so that nothing, not even a WAL checkpoint, changes it.
    The copy uses a rollback journal: a single file that can be moved or copied on its own.
    """
    try:
        src = _connect(source, read_only=read_only)
        try:
            dst = sqlite3.connect(str(target), isolation_level=None)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=delete")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise DatabaseFileError(str(exc)) from exc
    fsync_path(target)


def use_rollback_journal(path: Path | str) -> None:
    """Switch a database nobody else has open out of WAL mode, so that it is one self-contained file."""
    try:
        conn = sqlite3.connect(str(path), isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=delete")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise DatabaseFileError(str(exc)) from exc


def replace_file(staged: Path | str, target: Path | str) -> None:
    """Atomically put a complete, fsynced file in place of `target` and make the rename durable."""
    os.replace(staged, target)
    fsync_dir(Path(target).parent)


def remove_database_file(path: Path | str) -> None:
    """Delete a scratch database and its journal files, if present."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def fsync_path(path: Path | str) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def fsync_dir(folder: Path | str) -> None:
    """Make a rename in `folder` durable (POSIX); Windows cannot open a folder for this and needs not."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class ExclusiveHold:
    """SQLite's own exclusive lock on a database, held until `release()`; refused while anyone else has it open.

    The register runs in WAL mode, where every open connection keeps a shared lock on the database file.
    Leaving WAL mode needs the exclusive lock, so it fails while any other connection (another process,
    or another thread here) is open — through fcntl on POSIX and LockFileEx on Windows alike, with no
    lock file of our own. Exclusive locking mode then keeps the lock between transactions.

    Beware on POSIX: opening and closing the database file by any other means in this process would drop
    the lock (fcntl semantics), so while holding it, read and write the file only through `connection`.
    """

    def __init__(self, path: Path | str, timeout: float = 2.0):
        self.path = Path(path)
        try:
            self.connection = sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise DatabaseFileError(str(exc)) from exc
        try:
            mode = self.connection.execute("PRAGMA journal_mode=delete").fetchone()[0]
            if mode != "delete":
                raise DatabaseInUseError(f"journal_mode={mode}")
            self.connection.execute("PRAGMA locking_mode=exclusive")
            self.connection.execute("PRAGMA synchronous=full")
            self.connection.execute("BEGIN EXCLUSIVE")
            self.connection.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self.connection.close()
            raise DatabaseInUseError(str(exc)) from exc
        except BaseException:
            self.connection.close()
            raise

    def copy_to(self, target: Path | str) -> None:
        """A complete copy of the held database at `target` (written under a temporary name, fsynced)."""
        target = Path(target)
        staged = temp_path_beside(target, ".part")
        try:
            try:
                dst = sqlite3.connect(str(staged), isolation_level=None)
                try:
                    self.connection.backup(dst)
                    dst.execute("PRAGMA journal_mode=delete")
                finally:
                    dst.close()
            except sqlite3.Error as exc:
                raise DatabaseFileError(str(exc)) from exc
            fsync_path(staged)
            replace_file(staged, target)
        finally:
            remove_database_file(staged)

    def overwrite_from(self, source: Path | str) -> None:
        """Replace every page of the held database by those of `source` in one journaled transaction.

        SQLite writes its rollback journal (synchronous=full) before touching the file, so a crash at any
        moment leaves the old content (the next opener rolls the hot journal back) or the new, never a mix.
        """
        try:
            src = _connect(source, read_only=True)
            try:
                src.backup(self.connection)
            finally:
                src.close()
        except sqlite3.Error as exc:
            raise DatabaseFileError(str(exc)) from exc

    def release(self) -> None:
        self.connection.close()

    def __enter__(self) -> ExclusiveHold:
        return self

    def __exit__(self, *exc_info) -> None:
        self.release()


def _connect(path: Path | str, *, read_only: bool) -> sqlite3.Connection:
    if read_only:
        return sqlite3.connect(f"{_file_uri(path)}?mode=ro", uri=True)
    return sqlite3.connect(str(path))


def _file_uri(path: Path | str) -> str:
    """Quoted: a '?' or '#' in a folder name would otherwise end the path inside the URI."""
    return f"file:{quote(Path(path).as_posix(), safe='/:')}"


def integrity_check(path: Path | str) -> str:
    """'ok' for a sound SQLite file, otherwise what is wrong with it."""
    try:
        conn = _connect(path, read_only=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()


def table_names(path: Path | str) -> set[str]:
    """The tables of a database file, read without changing it (empty for a file that is no database)."""
    try:
        conn = _connect(path, read_only=True)
    except sqlite3.Error:
        return set()
    try:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError:
        return set()
    finally:
        conn.close()


def restore_copy(source: Path | str, target: Path | str) -> None:
    """Write a backup back over `target` page by page, in place (WAL and open handles stay consistent)."""
    src = sqlite3.connect(str(source))
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    check = integrity_check(target)
    if check != "ok":
        raise RuntimeError(f"恢复后的数据库完整性检查未通过：{check}")


# --- Table rebuilds for migrations: https://www.sqlite.org/lang_altertable.html#otheralter ---


@contextmanager
def foreign_keys_off() -> Iterator[None]:
    """Switch foreign-key enforcement off around a schema change, and back on afterwards.

    SQLite ignores `PRAGMA foreign_keys` inside a transaction, so this must wrap the transaction, not sit in
    it. With enforcement on, dropping a parent table deletes (ON DELETE CASCADE) every child row.
    """
    if database.in_transaction():
        raise RuntimeError("PRAGMA foreign_keys has no effect inside a transaction")
    was_on = foreign_keys_enforced()
    database.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        if was_on:
            database.execute_sql("PRAGMA foreign_keys = ON")


def foreign_keys_enforced() -> bool:
    return bool(database.execute_sql("PRAGMA foreign_keys").fetchone()[0])


def foreign_key_violations() -> list[tuple[str, int, str]]:
    """(table, rowid, parent table) of every row whose foreign key points at nothing."""
    rows = database.execute_sql("PRAGMA foreign_key_check").fetchall()
    return [(table, rowid, parent) for table, rowid, parent, _fk in rows]


def open_table_names() -> list[str]:
    rows = database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    return [name for (name,) in rows]


def row_counts() -> dict[str, int]:
    return {t: database.execute_sql(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in open_table_names()}


def rebuild_table(table: str, create_sql: str, select_sql: str) -> None:
    """Replace `table` by the one `create_sql` defines, filled by `select_sql` (which reads the old table).

    Steps 3–8 of SQLite's procedure: run inside a transaction with foreign keys off. The new table is built
    under a temporary name and renamed, never the other way round: renaming the old table would rewrite the
    child tables' REFERENCES clauses to point at it. Indexes and triggers of the old table are recreated;
    the caller creates any new ones.
    """
    if foreign_keys_enforced() or not database.in_transaction():
        raise RuntimeError("rebuild_table needs a transaction with foreign keys off")
    temp = f"_rebuild_{table}"
    prefix = f'CREATE TABLE "{table}" ('
    if not create_sql.startswith(prefix):
        raise ValueError(f"create_sql must start with {prefix!r}")
    kept = database.execute_sql(
        "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL",
        (table,),
    ).fetchall()
    database.execute_sql(f'CREATE TABLE "{temp}" (' + create_sql[len(prefix) :])
    database.execute_sql(f'INSERT INTO "{temp}" {select_sql}')
    database.execute_sql(f'DROP TABLE "{table}"')
    database.execute_sql(f'ALTER TABLE "{temp}" RENAME TO "{table}"')
    for (sql,) in kept:
        database.execute_sql(sql)

def file_application_id(path: Path | str) -> int | None:
    """The application id in a file's header, read without changing it; None if it is no database."""
    try:
        conn = _connect(path, read_only=True)
    except sqlite3.Error:
        return None
    try:
        return conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()


def stored_schema_version(path: Path | str) -> int | None:
    """The highest version stamped in a file's `schema_info`, read without changing it; None if absent."""
    if "schema_info" not in table_names(path):
        return None
    conn = _connect(path, read_only=True)
    try:
        value = conn.execute("SELECT max(version) FROM schema_info").fetchone()[0]
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
    return value if isinstance(value, int) else None


def stored_setting(path: Path | str, key: str) -> str | None:
    """The value of one `setting` row in a file, read without changing it; None if absent (or no such table)."""
    try:
        conn = _connect(path, read_only=True)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
    return row[0] if row and isinstance(row[0], str) else None
