"""Attachments: files stored once by SHA-256 in a folder beside the database, described by a row.

The file type is read from the bytes, not trusted from the name; the size limit is a setting. Adding a file
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
from app.services.core import audit, settings
from app.services.core.errors import DomainError, NotFound
from app.services.core.permissions import require_district_work

# Leading bytes → MIME type. Office files are zip containers; the name's suffix tells which.
_MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"PK\x03\x04", "application/zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),
)
_ZIP_KINDS = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ofd": "application/ofd",
}
_OLE_KINDS = {".doc": "application/msword", ".xls": "application/vnd.ms-excel"}


def sniff_mime(head: bytes, name: str) -> str | None:
    suffix = Path(name).suffix.lower()
    for magic, mime in _MAGIC:
        if head.startswith(magic):
            if mime == "application/zip":
                return _ZIP_KINDS.get(suffix, mime)
            if mime == "application/x-ole-storage":
                return _OLE_KINDS.get(suffix)
            return mime
    return None


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
    with source.open("rb") as fh:
        mime = sniff_mime(fh.read(16), source.name)
    if mime is None:
        raise DomainError(f"文件“{source.name}”不是支持的类型（PDF、图片、Word、Excel、OFD）")
    digest = _copy_into_store(source)
    with database.atomic():
        row = Attachment.create(
            entity=owner._meta.table_name,
            entity_uuid=owner.uuid,
            purpose=purpose,
            original_name=source.name,
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
