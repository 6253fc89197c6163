"""Bad database files of every kind the program may be pointed at, each with the words its refusal must contain."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.models.migrations import LATEST_VERSION


@dataclass(frozen=True)
class BadFile:
    kind: str
    expected: str  # a phrase the Chinese message must contain


BAD_FILES = [
    BadFile("zero_bytes", "是空的"),
    BadFile("empty_sqlite", "是空的"),
    BadFile("truncated", "损坏"),
    BadFile("random_bytes", "不是数据库文件"),
    BadFile("corrupt_page", "已损坏"),
    BadFile("other_app", "其他程序的数据库"),
    BadFile("other_app_wal", "其他程序的数据库"),
    BadFile("read_only_file", "只读"),
    BadFile("read_only_folder", "不允许写入"),
    BadFile("newer_schema", "更新版本"),
    BadFile("a_folder", "是一个文件夹"),
    BadFile("missing_file", "找不到数据库文件"),
    BadFile("missing_folder", "找不到数据库文件"),
]
# A window may create a new register where none is (its first run), so these two are no error there.
CREATED_BY_THE_WINDOW = {"missing_file", "missing_folder"}


def make_bad_file(kind: str, folder: Path, register: Path) -> Path:
    """A bad file of `kind` in `folder`; `register` is a sound, closed register to damage copies of."""
    path = folder / f"{kind}.db"
    if kind == "zero_bytes":
        path.write_bytes(b"")
    elif kind == "empty_sqlite":
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA user_version = 3")  # writes a header page, but no table
        conn.close()
    elif kind == "truncated":
        data = register.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif kind == "random_bytes":
        path.write_bytes(random.Random(7).randbytes(64 * 1024))
    elif kind == "corrupt_page":
        _corrupt_a_page(register, path)
    elif kind in ("other_app", "other_app_wal"):
        other_application_database(path, wal=kind == "other_app_wal")
    elif kind == "read_only_file":
        shutil.copyfile(register, path)
        path.chmod(0o444)
    elif kind == "read_only_folder":
        inner = folder / "locked"
        inner.mkdir()
        path = inner / "register.db"
        shutil.copyfile(register, path)
        inner.chmod(0o555)
    elif kind == "newer_schema":
        shutil.copyfile(register, path)
        conn = sqlite3.connect(path)
        conn.execute("INSERT INTO schema_info (version, applied_at, note) VALUES (?, '2030-01-01', 'future')",
                     (LATEST_VERSION + 1,))  # fmt: skip
        conn.commit()
        conn.close()
    elif kind == "a_folder":
        path.mkdir()
    elif kind == "missing_file":
        pass
    elif kind == "missing_folder":
        path = folder / "no-such-folder" / "register.db"
    else:
        raise ValueError(kind)
    return path


def undo_permissions(folder: Path) -> None:
    """Give back the write bits the read-only kinds took away, so that the test folder can be removed."""
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            Path(root, name).chmod(0o755)


def other_application_database(path: Path, *, wal: bool = False) -> Path:
    """A browser-history-like SQLite file of some other program, with rows."""
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode = wal")
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT, title TEXT)")
    conn.execute("CREATE TABLE user (id INTEGER PRIMARY KEY, name TEXT)")  # a table name we use too
    conn.executemany(
        "INSERT INTO moz_places (url, title) VALUES (?, ?)", [(f"https://e/{i}", "t") for i in range(50)]
    )
    conn.commit()
    conn.close()
    return path


def _corrupt_a_page(register: Path, path: Path) -> None:
    """Overwrite the root page of the district table (seeded in every register) with garbage."""
    shutil.copyfile(register, path)
    conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True)  # leaves no -wal/-shm behind
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'district'").fetchone()[0]
    conn.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(random.Random(3).randbytes(page_size))
