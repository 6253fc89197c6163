"""What a database file is, found out without writing to it, and what to tell the user when we must not open it.

A file is ours when its header carries our application id, or (a register from before the id existed) when it
has `schema_info` and the tables every register has had since version 1. Anything else SQLite can read is
another program's database and is left byte for byte as it was. Read-only files and folders are refused:
SQLite in WAL mode writes beside the database even to read it consistently, and a register we cannot save
into would fail on the first click.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from pathlib import Path

from app.models import db as dbmod
from app.models.migrations import LATEST_VERSION
from app.services.core.errors import BUSY_MESSAGE, DatabaseUnusable
from app.services.system import scratch

LEGACY_TABLES = frozenset({"schema_info", "user", "enterprise", "district", "audit_log", "setting"})
KEEP_UPGRADE_BACKUPS = 3
RESTORE_HINT = "如有备份，可在“系统设置”中或用 restore 命令从备份恢复"


def check_before_open(path: Path, *, create: bool, adopt_empty: bool) -> None:
    """Raise DatabaseUnusable unless `path` may be opened read-write as a register (or created as one)."""
    if path.is_dir():
        raise DatabaseUnusable(f"{path} 是一个文件夹，不是数据库文件。请给出数据库文件的完整文件名。")
    if not path.exists():
        _check_new(path, create)
        return
    if not os.access(path, os.R_OK):
        raise DatabaseUnusable(f"没有读取数据库文件 {path} 的权限。请让管理员给予读写权限后再打开。")
    if path.stat().st_size == 0:
        _check_empty(path, adopt_empty)
        return
    try:
        facts = dbmod.inspect_file(path)
    except dbmod.DatabaseFileError as exc:
        raise DatabaseUnusable(_unreadable(path, str(exc))) from exc
    if facts.check != "ok":
        raise DatabaseUnusable(
            f"数据库文件 {path} 已损坏（完整性检查未通过：{facts.check.splitlines()[0]}）。为免损失更多数据，"
            f"程序没有打开它，也未作任何改动。{RESTORE_HINT}；请保留该文件并联系技术支持。"
        )
    if not facts.tables and facts.application_id == 0:
        _check_empty(path, adopt_empty)
        return
    _check_ours(path, facts)
    _check_writable(path)


def _check_new(path: Path, create: bool) -> None:
    folder = path.parent
    if not create:
        where = "" if folder.is_dir() else f"（文件夹 {folder} 也不存在）"
        raise DatabaseUnusable(f"找不到数据库文件 {path}{where}。请检查路径；如要新建数据库，请先运行 init。")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseUnusable(f"无法创建数据库所在的文件夹 {folder}：{describe(exc)}") from exc
    _check_folder_writable(folder)


def _check_empty(path: Path, adopt_empty: bool) -> None:
    if not adopt_empty:
        raise DatabaseUnusable(
            f"数据库文件 {path} 是空的（没有任何数据表）。如果它原本是登记数据库，说明内容已经丢失，{RESTORE_HINT}；"
            "如要在此新建数据库，请运行 init。程序未作任何改动。"
        )
    _check_writable(path)


def _unreadable(path: Path, detail: str) -> str:
    if "not a database" in detail:
        return (
            f"{path} 不是数据库文件（可能是其他类型的文件，或已严重损坏），程序没有打开它，也未作任何改动。"
            f"请选择正确的数据库文件；{RESTORE_HINT}。"
        )
    if dbmod.is_busy(sqlite3.OperationalError(detail)):
        return BUSY_MESSAGE
    return (
        f"无法读取数据库文件 {path}（{detail}），它可能已损坏或被截断。程序没有打开它，也未作任何改动。"
        f"{RESTORE_HINT}。"
    )


def _check_ours(path: Path, facts: dbmod.FileFacts) -> None:
    legacy = facts.application_id == 0 and LEGACY_TABLES <= facts.tables
    if facts.application_id != dbmod.APPLICATION_ID and not legacy:
        shown = "、".join(sorted(facts.tables)[:5]) + ("等" if len(facts.tables) > 5 else "")
        raise DatabaseUnusable(
            f"{path} 是其他程序的数据库（含数据表 {shown}），不是本系统的登记数据库。程序没有打开它，"
            "也未作任何改动。请选择正确的数据库文件。"
        )
    if facts.schema_version is not None and facts.schema_version > LATEST_VERSION:
        raise DatabaseUnusable(
            f"该数据库由更新版本的程序创建（数据结构版本 {facts.schema_version}），"
            f"本程序最高支持版本 {LATEST_VERSION}。请升级程序后再打开，数据库未作任何改动。"
        )


def _writable(path: Path) -> bool:
    """Write permission, and the read-only mark too: an administrator (root) could write anyway, but the
    owner marked the file read-only (Windows' read-only attribute clears every write bit)."""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


def _check_writable(path: Path) -> None:
    if not _writable(path):
        raise DatabaseUnusable(
            f"数据库文件 {path} 是只读的，程序不能在其中保存任何修改，因此没有打开它。请在文件属性中取消“只读”"
            "（或让管理员给予写入权限）；也可以把它复制到可写的文件夹后再打开。"
        )
    _check_folder_writable(path.parent)


def _check_folder_writable(folder: Path) -> None:
    if not _writable(folder):
        raise DatabaseUnusable(
            f"数据库所在的文件夹 {folder} 不允许写入（程序要在数据库旁边建立日志文件），因此没有打开数据库。"
            "请让管理员给予该文件夹写入权限，或把数据库复制到可写的文件夹后再打开。"
        )


def describe(exc: BaseException) -> str:
    """A Chinese sentence for a database or file failure that reached the user without a DomainError."""
    text = str(exc)
    if dbmod.is_busy(exc):
        return BUSY_MESSAGE
    if "malformed" in text or "not a database" in text:
        return f"数据库文件已损坏（{text}）。{RESTORE_HINT}。"
    if "readonly" in text or "read-only" in text:
        return f"数据库不能写入（{text}）。请检查文件和所在文件夹是否只读、磁盘是否写保护。"
    if "disk is full" in text or getattr(exc, "errno", None) == errno.ENOSPC:
        return f"磁盘空间不足（{text}）。请清理磁盘后重试。"
    if "unable to open" in text:
        return f"无法打开数据库文件（{text}）。请检查路径和权限。"
    if isinstance(exc, PermissionError):
        return f"没有权限访问 {exc.filename or '所需的文件'}。请让管理员给予读写权限。"
    if isinstance(exc, OSError):
        return f"文件操作失败：{exc.strerror or text}（{exc.filename or ''}）"
    return f"{type(exc).__name__}: {text}"


# "<stem>.v<version>-before-upgrade-<YYYYmmdd-HHMMSS>.bak", written by migrations before each upgrade.
_UPGRADE_BACKUP = re.compile(r"^(?P<stem>.+)\.v\d+-before-upgrade-(?P<stamp>\d{8}-\d{6})\.bak$")


def tidy_folder(path: Path, keep: int = KEEP_UPGRADE_BACKUPS) -> list[Path]:
    """Remove stale scratch files beside the register (app.services.system.scratch; called with the register
    open) and all but the newest `keep` pre-upgrade copies of it."""
    removed = scratch.sweep(path.parent, register=path)
    backups = []
    for candidate in path.parent.glob(f"{glob_escape(path.stem)}.v*-before-upgrade-*.bak"):
        match = _UPGRADE_BACKUP.match(candidate.name)
        if match and match["stem"] == path.stem:
            backups.append((match["stamp"], candidate.name, candidate))
    for _, _, old in sorted(backups, reverse=True)[keep:]:
        try:
            old.unlink()
            removed.append(old)
        except OSError:
            continue
    return removed


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)
