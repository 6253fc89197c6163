"""Backup and restore of the register: nothing is deleted or overwritten before its replacement is complete.

A backup is written beside its target under a temporary name, integrity-checked and fsynced, and only then
renamed over the target: the last good backup survives a crash, a full disk or a corrupt register.

A restore takes SQLite's own exclusive lock on the register first, so it is refused while any other
window or command has the register open. The backup is copied to a scratch file beside the register,
validated there (integrity, a schema version this program knows, every table) and, if older, migrated by
the normal open path. The restore is audited in the restored database, with the head of the audit trail it
replaced, and becomes the remembered head of the trail (app.services.system.audit_chain). The register is kept as a named `.replaced-….bak` copy, and the scratch file's pages
are written into the register in one SQLite transaction. We do not os.replace the register file: Windows
cannot rename over a file SQLite has open, and on POSIX a process blocked on the old file would carry on
writing into an unlinked inode while its -wal file landed beside the new one. The journaled write leaves,
at any moment of a crash, either the old register or the new one.

A restore never turns this installation into another: a backup whose installation identity (its exchange id)
differs from the register's is refused; one made before identities existed takes on the register's identity
(audited as `installation.carry`). Scratch files of killed backups and restores are swept by
app.services.system.scratch.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import zipfile
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from app.models import ALL_MODELS, Setting, User
from app.models import db as dbmod
from app.models.db import database
from app.models.migrations import LATEST_VERSION, open_database
from app.paths import files_dir_for
from app.services.core import audit, installation, settings
from app.services.core.errors import DatabaseBusy, DomainError, NotFound
from app.services.core.permissions import require_backup_rights
from app.services.system import audit_chain, backup_crypto, scratch

PACKED_DB = "register.db"  # the register's name inside an encrypted backup; its files are under register_files/
_SAFE_LEAF = re.compile(r"[0-9a-f]{2}/[0-9a-f]{64}|[0-9a-f]{64}")

IN_USE = (
    "数据库正被其他窗口或命令打开（也可能在另一台电脑上），不能恢复。"
    "请先关闭其他使用该数据库的程序再试；数据库未作任何改动。"
)


def backup(
    actor: User, target: Path | str, passphrase: str | None = None, *, plain_outside: bool = False
) -> Path:
    """Copy the open database to `target` (and its attachment files beside it); audited once it exists.

    With a passphrase the register and its files travel as one encrypted file (app.services.system.backup_crypto),
    staged in the data folder so that no plain copy is ever written where the encrypted one goes. A copy that
    leaves the data folder must be encrypted unless the caller says otherwise on purpose (`plain_outside`).
    """
    require_backup_rights(actor)
    source = _open_path()
    target = Path(target)
    if _same_file(source, target):
        raise DomainError("备份文件不能与当前数据库相同")
    if target.is_dir():
        raise DomainError(f"{target} 是一个文件夹，请给出备份文件的文件名")
    if passphrase is None and not plain_outside and leaves_data_folder(target):
        raise DomainError(
            f"备份文件 {target} 不在数据文件夹内，带出本机的备份必须加密：请设置备份口令。未生成备份。"
        )
    if passphrase is None:
        write_copy(source, target)
    else:
        backup_crypto.check_passphrase(passphrase)
        _write_encrypted(source, target, passphrase)
    with database.atomic():
        audit.record(actor, "database.backup", actor, None, {"target": str(target), "encrypted": bool(passphrase)})
    return target


def data_folders() -> list[Path]:
    """Where a plain backup may go: the register's own folder and below it (automatic backups live there)."""
    return [_open_path().parent]


def leaves_data_folder(target: Path | str) -> bool:
    where = Path(target).resolve().parent
    return not any(where == f.resolve() or where.is_relative_to(f.resolve()) for f in data_folders())


def write_copy(source: Path, target: Path) -> None:
    """The register at `source` copied to `target` (and its files beside it), never replacing a good backup
    with anything but a complete, integrity-checked one. Not audited: the callers say who and why."""
    scratch.sweep(target.parent)  # what backups killed here earlier left behind
    try:
        with scratch.claimed(target, ".part") as staged:
            dbmod.copy_to_new_file(source, staged)
            check = dbmod.integrity_check(staged)
            if check != "ok":
                raise DomainError(
                    f"当前数据库完整性检查未通过，未生成备份（已有的备份文件保持不变）。请联系技术支持。详情：{check}"
                )
            _merge_files(files_dir_for(source), files_dir_for(target))
            dbmod.replace_file(staged, target)
    except (OSError, dbmod.DatabaseFileError) as exc:
        if dbmod.is_busy(exc):
            raise DatabaseBusy() from exc
        raise DomainError(f"备份失败，未生成备份（已有的备份文件保持不变）：{exc}") from exc


def _write_encrypted(source: Path, target: Path, passphrase: str) -> None:
    with tempfile.TemporaryDirectory(dir=source.parent, prefix=".backup-") as workdir:
        plain = Path(workdir) / PACKED_DB
        write_copy(source, plain)
        packed = Path(workdir) / "backup.zip"
        with zipfile.ZipFile(packed, "w", zipfile.ZIP_STORED) as archive:
            archive.write(plain, PACKED_DB)
            files = files_dir_for(plain)
            for path in sorted(files.rglob("*")) if files.is_dir() else []:
                if path.is_file():
                    archive.write(path, f"{files.name}/{path.relative_to(files).as_posix()}")
        scratch.sweep(target.parent)
        try:
            with scratch.claimed(target, ".part") as staged:
                backup_crypto.encrypt_file(packed, staged, passphrase)
                dbmod.replace_file(staged, target)
        except OSError as exc:
            raise DomainError(f"备份失败，未生成备份（已有的备份文件保持不变）：{exc}") from exc


@contextmanager
def _unpacked(source: Path, passphrase: str | None, scratch_in: Path):
    """An encrypted backup decrypted and unpacked into a scratch folder beside the register; its register path."""
    if not passphrase:
        raise DomainError(f"{source.name} 是加密备份，请输入备份时设置的口令；数据库未作任何改动")
    with tempfile.TemporaryDirectory(dir=scratch_in, prefix=".restore-") as workdir:
        packed = Path(workdir) / "backup.zip"
        backup_crypto.decrypt_file(source, packed, passphrase)
        plain = Path(workdir) / PACKED_DB
        files = files_dir_for(plain)
        try:
            with zipfile.ZipFile(packed) as archive:
                for info in archive.infolist():
                    name = info.filename
                    folder, _, leaf = name.partition("/")
                    if name == PACKED_DB:
                        destination = plain
                    elif folder == files.name and _SAFE_LEAF.fullmatch(leaf):
                        destination = files / leaf
                    else:
                        raise DomainError(f"{source.name} 中有不属于备份的内容（{name}），未恢复")
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    with archive.open(info) as part, open(destination, "xb") as out:
                        shutil.copyfileobj(part, out)
        except zipfile.BadZipFile as exc:
            raise DomainError(f"{source.name} 解密后内容不完整，未恢复") from exc
        packed.unlink()
        yield plain


def backup_folder() -> Path:
    """Where 立即备份 writes: the setting backup.folder, or `backups` beside the register (its data folder)."""
    return Path(settings.get("backup.folder") or _open_path().parent / "backups")


def default_backup_name(folder: Path | str) -> Path:
    return Path(folder) / f"register-{datetime.now().strftime('%Y%m%d-%H%M%S')}.db"


def restore(actor: User, source: Path | str, passphrase: str | None = None) -> Path:
    """Replace the open database by a backup (an encrypted one with its passphrase); returns the
    `.replaced-….bak` copy of the database it replaced."""
    require_backup_rights(actor)
    current = _open_path()
    source = Path(source)
    if not source.is_file():
        raise NotFound(f"找不到备份文件：{source}")
    if _same_file(source, current):
        raise DomainError("所选文件就是当前正在使用的数据库，不能用它恢复自己；数据库未作任何改动")
    if backup_crypto.is_encrypted(source):
        with _unpacked(source, passphrase, current.parent) as plain:
            return _restore_plain(actor, plain, current, shown=source)
    return _restore_plain(actor, source, current, shown=source)


def _restore_plain(actor: User, source: Path, current: Path, shown: Path) -> Path:
    _check_source(source)
    own = _check_identity(source)
    replaced = audit_chain.head()
    audit_chain.remember_head()
    dbmod.close()  # this thread's connection would count as "someone else has it open"
    try:
        with dbmod.ExclusiveHold(current) as held:
            kept = _swap_in(held, source, current)
    except dbmod.DatabaseInUseError as exc:
        _reconnect(current)
        raise DomainError(IN_USE) from exc
    except (OSError, dbmod.DatabaseFileError) as exc:
        _reconnect(current)
        raise DomainError(f"恢复失败，数据库未作任何改动：{exc}") from exc
    except BaseException:
        _reconnect(current)
        raise
    open_database(current)
    dbmod.stamp_application_id()  # a backup from before the id existed brought its own header page
    _audit_restore(actor, shown, kept, replaced)
    if own is not None and not installation.is_configured():
        _carry_identity(actor, own)
    audit_chain.remember_head()  # a rollback made through the program, and audited: not reported again
    return kept


def _check_source(source: Path) -> None:
    """Refuse, without changing the file, anything but a sound register of a version this program knows."""
    check = dbmod.integrity_check(source)
    if check != "ok":
        raise DomainError(f"{source.name} 不是数据库文件或已损坏，未恢复：{check}")
    if dbmod.file_application_id(source) not in (0, dbmod.APPLICATION_ID):
        raise DomainError(f"{source.name} 是其他程序的数据库，不是本系统的数据库备份，未恢复")
    version = dbmod.stored_schema_version(source)
    if version is None:
        raise DomainError(f"{source.name} 不是本系统的数据库备份（没有数据结构版本），未恢复")
    if version > LATEST_VERSION:
        raise DomainError(
            f"{source.name} 由更新版本的程序创建（数据结构版本 {version}，本程序最高支持 {LATEST_VERSION}），"
            "请升级程序后再恢复；数据库未作任何改动"
        )
    if version < 1:
        raise DomainError(f"{source.name} 的数据结构版本 {version} 无法识别，未恢复")


def _check_identity(source: Path) -> str | None:
    """Refuse a backup of another installation (city or district: its own exchange id); returns this
    register's identity row, to be carried into a backup made before identities existed.

    Restoring another installation's file would make it this one: its administrator, its scope, and an
    exchange id two installations would then share. A register never named yet (a new file) takes any backup.
    """
    row = Setting.get_or_none(Setting.key == installation.KEY)
    if row is None:
        return None
    theirs = _file_identity(source)
    if theirs is not None and theirs.get("exchange_id") != json.loads(row.value).get("exchange_id"):
        raise DomainError(
            f"该备份来自“{theirs.get('body') or '其他单位'}”，不是本机“{installation.current().body}”的备份，"
            "未作任何改动"
        )
    return row.value


def _file_identity(path: Path) -> dict | None:
    """The installation identity stored in a database file, read without changing it; None if it has none."""
    stored = dbmod.stored_setting(path, installation.KEY)
    try:
        value = json.loads(stored) if stored else None
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _swap_in(held: dbmod.ExclusiveHold, source: Path, current: Path) -> Path:
    """Stage, validate and migrate the backup beside the register, keep the register, then overwrite it."""
    staging = dbmod.temp_path_beside(current, ".restoring")
    try:
        dbmod.copy_to_new_file(source, staging, read_only=True)
        _bring_up_to_date(staging, source)
        missing = _expected_tables() - dbmod.table_names(staging)
        if missing or dbmod.stored_schema_version(staging) != LATEST_VERSION:
            names = "、".join(sorted(missing)) or "数据结构版本"
            raise DomainError(f"{source.name} 不是本系统的数据库备份（缺少：{names}），未恢复")
        kept = _kept_name(current)
        held.copy_to(kept)
        _merge_files(files_dir_for(source), files_dir_for(current))
        held.overwrite_from(staging)
    finally:
        dbmod.remove_database_file(staging)
    return kept


def _bring_up_to_date(staging: Path, source: Path) -> None:
    """Migrate an older backup in its scratch copy, so a failing step never reaches the register."""
    if dbmod.stored_schema_version(staging) == LATEST_VERSION:
        return
    try:
        report = open_database(staging)
    except Exception as exc:  # any failure of a migration step means this is no backup we can take
        raise DomainError(f"{source.name} 无法升级到本程序的数据结构，未恢复：{exc}") from exc
    finally:
        dbmod.close()
    if report.backup_path is not None:
        dbmod.remove_database_file(report.backup_path)  # a pre-upgrade copy of a copy: the source is that
    dbmod.use_rollback_journal(staging)


def _expected_tables() -> set[str]:
    return {model._meta.table_name for model in ALL_MODELS} | {"schema_info"}


def _kept_name(current: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = current.with_name(f"{current.stem}.replaced-{stamp}.bak")
    n = 1
    while kept.exists():
        n += 1
        kept = current.with_name(f"{current.stem}.replaced-{stamp}-{n}.bak")
    return kept


def _carry_identity(actor: User, value: str) -> None:
    """A backup from before installations were named becomes this installation's register: it keeps its name."""
    restored_actor = _restored_actor(actor)
    with database.atomic():
        row = Setting.create(key=installation.KEY, value=value)
        audit.record(restored_actor, "installation.carry", row, None, json.loads(value))


def _restored_actor(actor: User) -> User | None:
    return User.get_or_none(User.uuid == actor.uuid) or User.get_or_none(User.login == actor.login)


def _audit_restore(actor: User, source: Path, kept: Path, replaced: audit_chain.Head | None) -> None:
    """Filed in the restored database, under the same account there if it exists (matched by uuid), with the
    head of the audit trail it replaced (that trail is in the kept copy)."""
    restored_actor = _restored_actor(actor)
    details = {"source": str(source), "kept": str(kept), "by": actor.login,
               "replaced_trail": replaced.as_dict() if replaced else None}  # fmt: skip
    with database.atomic():
        # Without that account in the backup, an unsaved stand-in names it (by uuid) in the entry.
        audit.record(
            restored_actor, "database.restore", restored_actor or User(uuid=actor.uuid), None, details
        )


def _open_path() -> Path:
    path = dbmod.current_path()
    if path is None:
        raise DomainError("未打开数据库")
    return path


def _same_file(a: Path, b: Path) -> bool:
    """True for the same file however named: ./x.db, a symlink, a hard link (inode and device compared)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _reconnect(current: Path) -> None:
    """After a refused restore, this thread gets its connection to the untouched register back."""
    dbmod.close()
    dbmod.connect_sqlite(current)


def _merge_files(src: Path, dst: Path) -> None:
    """Add the attachment files of `src` to `dst`, each new one written under a temporary name then renamed.

    The store is content-addressed (file name = SHA-256), so a file already present is the same file and
    is left alone; nothing in `dst` is ever truncated.
    """
    if not src.is_dir():
        return
    for path in src.rglob("*"):
        if not path.is_file():
            continue
        target = dst / path.relative_to(src)
        if target.is_file() and target.stat().st_size == path.stat().st_size:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        staged = target.with_name(f"{target.name}.part")
        shutil.copyfile(path, staged)
        dbmod.fsync_path(staged)
        os.replace(staged, target)
