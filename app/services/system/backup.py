"""Backup and restore of the open database with SQLite's online backup API, each copy integrity-checked."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from app.models import User
from app.models import db as dbmod
from app.models.db import database
from app.models.migrations import open_database
from app.paths import files_dir_for
from app.services.core import audit
from app.services.core.errors import DomainError, NotFound
from app.services.core.permissions import require_active, require_admin


def backup(actor: User, target: Path | str) -> Path:
    """Copy the open database to `target` (and its attachment files beside it)."""
    require_active(actor)
    source = dbmod.current_path()
    target = Path(target)
    if source is None:
        raise DomainError("未打开数据库")
    if target.resolve() == source.resolve():
        raise DomainError("备份文件不能与当前数据库相同")
    with database.atomic():
        audit.record(actor, "database.backup", actor, None, {"target": str(target)})
    dbmod.online_copy(source, target)
    _copy_files(files_dir_for(source), files_dir_for(target))
    return target


def default_backup_name(folder: Path | str) -> Path:
    return Path(folder) / f"register-{datetime.now().strftime('%Y%m%d-%H%M%S')}.db"


def restore(actor: User, source: Path | str) -> Path:
    """Replace the open database by a backup; the replaced database is kept as a `.replaced-…` copy."""
    require_admin(actor)
    source = Path(source)
    current = dbmod.current_path()
    if not source.is_file():
        raise NotFound(f"找不到备份文件：{source}")
    if current is None:
        raise DomainError("未打开数据库")
    check = dbmod.integrity_check(source)
    if check != "ok":
        raise DomainError(f"备份文件已损坏，未恢复：{check}")
    if not dbmod.has_table(source, "schema_info"):
        raise DomainError(f"{source.name} 不是本系统的数据库备份，未恢复")
    with database.atomic():
        audit.record(actor, "database.restore", actor, None, {"source": str(source)})
    keep = current.with_name(f"{current.stem}.replaced-{datetime.now().strftime('%Y%m%d-%H%M%S')}.bak")
    dbmod.online_copy(current, keep)
    dbmod.close()
    dbmod.online_copy(source, current)
    for suffix in ("-wal", "-shm"):
        Path(str(current) + suffix).unlink(missing_ok=True)
    _copy_files(files_dir_for(source), files_dir_for(current))
    open_database(current)
    restored_actor = User.get_or_none(User.login == actor.login)
    if restored_actor is not None:
        with database.atomic():
            audit.record(restored_actor, "database.restore", restored_actor, None, {"source": str(source)})
    return keep


def _copy_files(src: Path, dst: Path) -> None:
    if src.is_dir():
        shutil.copytree(src, dst, dirs_exist_ok=True)
