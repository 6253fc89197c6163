"""The bytes of attachments travelling with their rows: each file once per package, by its SHA-256.

Sending reads the files of the attachment rows in a package from the store. Receiving checks every file
before anything is written: its hash and size match the row, it is within the size limit (setting
attachments.max_mb) and its bytes are of an allowed type agreeing with its name (app.services.core.file_types);
one bad file refuses the package whole. Files already in the store are not needed again.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from app.models import Attachment, ExchangeChange
from app.services.core import attachments, file_types, settings
from app.services.exchange.errors import Refused

ENTITY = "attachment"


def _rows(records: list[dict]) -> list[dict]:
    return [r for r in records if r["entity"] == ENTITY and not r["deleted"]]


def known_to(acked_seq: int) -> set[str]:
    """The files the peer has: those of attachment rows it acknowledged."""
    query = (
        Attachment.select(Attachment.sha256).distinct()
        .join(ExchangeChange, on=(ExchangeChange.record_uuid == Attachment.uuid))
        .where((ExchangeChange.entity == ENTITY) & (ExchangeChange.id <= acked_seq))
    )  # fmt: skip
    return {row.sha256 for row in query}


def gather(records: list[dict], known: set[str] = frozenset()) -> dict[str, bytes]:
    """sha256 → bytes of every file the package's attachment rows name that the peer lacks (a file lost from
    the store is left out: its row still travels, and the receiver shows the file as missing, as here)."""
    out: dict[str, bytes] = {}
    for row in _rows(records):
        digest = row["fields"]["sha256"]
        path = attachments.blob_path(digest)
        if digest not in out and digest not in known and path.exists():
            out[digest] = path.read_bytes()
    return out


def check(records: list[dict], blobs: dict[str, bytes]) -> None:
    """Refuse the package whole, naming the file, unless every file it brings or needs is sound."""
    limit = settings.get("attachments.max_mb") * 1024 * 1024
    for digest, data in blobs.items():
        if hashlib.sha256(data).hexdigest() != digest:
            raise Refused(f"交换包中的附件文件（{digest[:12]}…）与其校验值不符；拒收")
    for row in _rows(records):
        values, name = row["fields"], row["fields"].get("original_name", "")
        data = blobs.get(values["sha256"])
        if data is None:
            continue  # already here, or lost at the sender
        if len(data) != values.get("size"):
            raise Refused(f"附件“{name}”的大小与记录不符；拒收")
        if len(data) > limit:
            raise Refused(f"附件“{name}”大小 {len(data) / 1048576:.1f} MB，超过本机上限 {limit // 1048576} MB；拒收")
        if not _allowed(data, name):
            raise Refused(f"附件“{name}”不是允许的文件类型，或内容与扩展名不符（允许：{file_types.ALLOWED_TEXT}）；拒收")


def _allowed(data: bytes, name: str) -> bool:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "file"
        path.write_bytes(data)
        return file_types.verified_type(path, name) is not None


def store(blobs: dict[str, bytes]) -> int:
    """Put the files not yet in the store there (whole or absent); the number added."""
    added = 0
    for digest, data in blobs.items():
        target = attachments.blob_path(digest)
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{digest}.part")
        partial.write_bytes(data)
        os.replace(partial, target)
        added += 1
    return added
