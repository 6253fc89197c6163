"""Attachments: files stored once by SHA-256 in a folder beside the database, described by a row.

A file is taken only when its extension is allowed and its bytes agree (app.services.core.file_types); it is
stored under its SHA-256, shown under its cleaned original name, and opened only as a copy named for its
verified type (`viewable_name`). The size limit is a setting. Adding a file
is work on its owner's district, checked here (permissions.require_district_work) whoever the caller is.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

from peewee import Model

from app.models import Attachment, User
from app.models import db as dbmod
from app.models.db import database
from app.paths import files_dir_for
from app.services.core import audit, file_types, settings
from app.services.core.errors import DomainError, NotFound
from app.services.core.permissions import require_district_work


def store_dir() -> Path:
    path = dbmod.current_path()
    if path is None:
        raise DomainError("未打开数据库")
    return files_dir_for(path)


def blob_path(sha256: str) -> Path:
    return store_dir() / sha256[:2] / sha256


def owner_district(owner: Model) -> int | None:
    """The district whose record `owner` is: its own (an enterprise, an event; None: the city's), or its
    enterprise's (an application, a visit)."""
    if hasattr(owner, "district_id"):
        return owner.district_id
    enterprise = getattr(owner, "enterprise", None)
    return enterprise.district_id if enterprise is not None else None


def attach(
    actor: User, source: Path | str, owner: Model, purpose: str = "other", *, subject=None
) -> Attachment:
    """Copy a file into the store and record it against `owner`, if the actor may work on the owner's district."""
    require_district_work(actor, owner_district(owner), "只能为本旗区的记录添加附件")
    source = Path(source)
    if not source.is_file():
        raise NotFound(f"找不到文件：{source}")
    limit_mb = settings.get("attachments.max_mb")
    size = source.stat().st_size
    if size > limit_mb * 1024 * 1024:
        raise DomainError(f"文件“{source.name}”大小 {size / 1048576:.1f} MB，超过上限 {limit_mb} MB")
    kind = file_types.verified_type(source)
    if kind is None:
        raise DomainError(
            f"文件“{file_types.clean_name(source.name)}”不是支持的类型，或文件内容与扩展名不符"
            f"（支持：{file_types.ALLOWED_TEXT}）"
        )
    mime = kind.mime
    digest = _copy_into_store(source)
    with database.atomic():
        row = Attachment.create(
            entity=owner._meta.table_name,
            entity_uuid=owner.uuid,
            purpose=purpose,
            original_name=file_types.clean_name(source.name),
            sha256=digest,
            size=size,
            mime=mime,
            created_by=actor,
        )
        audit.record(actor, "attachment.create", row, None, audit.snapshot(row), subject=subject or owner)
    return row


def link_copy(actor: User, attachment: Attachment, owner: Model) -> Attachment:
    """The same stored file recorded against another owner (no bytes are copied)."""
    require_district_work(actor, owner_district(owner), "只能为本旗区的记录添加附件")
    row = Attachment.create(
        entity=owner._meta.table_name,
        entity_uuid=owner.uuid,
        purpose=attachment.purpose,
        original_name=attachment.original_name,
        sha256=attachment.sha256,
        size=attachment.size,
        mime=attachment.mime,
        created_by=actor,
    )
    audit.record(actor, "attachment.link", row, None, audit.snapshot(row), subject=owner)
    return row


def _copy_into_store(source: Path) -> str:
    """Hash while copying to a temporary file, then move it into place unless the same bytes are there."""
    root = store_dir()
    root.mkdir(parents=True, exist_ok=True)
    sha = hashlib.sha256()
    with tempfile.NamedTemporaryFile(dir=root, delete=False) as tmp, source.open("rb") as src:
        for chunk in iter(lambda: src.read(1 << 20), b""):
            sha.update(chunk)
            tmp.write(chunk)
    digest = sha.hexdigest()
    target = blob_path(digest)
    if target.exists():
        Path(tmp.name).unlink()
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(tmp.name, target)
    return digest


def attachments_of(owner: Model) -> list[Attachment]:
    return list(
        Attachment.select()
        .where((Attachment.entity == owner._meta.table_name) & (Attachment.entity_uuid == owner.uuid))
        .order_by(Attachment.created_at.desc(), Attachment.id.desc())
    )


def file_of(attachment: Attachment) -> Path:
    path = blob_path(attachment.sha256)
    if not path.exists():
        raise NotFound(f"附件“{attachment.original_name}”的文件已丢失（{attachment.sha256[:12]}…）")
    return path


def viewable_name(attachment: Attachment) -> str:
    """The name a copy for viewing gets: the display name with the verified type's extension. Refuses a
    file of a type the register does not open (e.g. a zip taken by an older version)."""
    name = file_types.viewable_name(attachment.original_name, attachment.mime)
    if name is None:
        raise DomainError(
            f"附件“{file_types.clean_name(attachment.original_name)}”的类型（{attachment.mime}）不能直接打开，"
            "请另存后核实"
        )
    return name
