"""Attachments: stored once by content, typed by their bytes, limited in size, audited."""

import pytest

from app.models import Attachment, AuditLog, Enterprise
from app.services.core import attachments, settings
from app.services.core.errors import DomainError


def test_same_bytes_are_stored_once(demo_users, tmp_path):
    admin = demo_users["admin"]
    ent = Enterprise.select().first()
    a, b = tmp_path / "盖章扫描件.pdf", tmp_path / "copy.pdf"
    for f in (a, b):
        f.write_bytes(b"%PDF-1.4\n" + b"x" * 1000)
    first = attachments.attach(admin, a, ent, "scan")
    second = attachments.attach(admin, b, ent, "scan")
    assert first.sha256 == second.sha256 and first.mime == "application/pdf"
    blobs = [p for p in attachments.store_dir().rglob("*") if p.is_file()]
    assert len(blobs) == 1 and attachments.file_of(first).read_bytes() == a.read_bytes()
    assert [x.original_name for x in attachments.attachments_of(ent)] == ["copy.pdf", "盖章扫描件.pdf"]
    assert (
        AuditLog.select()
        .where(AuditLog.action == "attachment.create", AuditLog.subject_uuid == ent.uuid)
        .count()
        == 2
    )


def test_type_comes_from_the_bytes_not_the_name(demo_users, tmp_path):
    fake = tmp_path / "scan.pdf"
    fake.write_bytes(b"MZ\x90\x00 this is a program")
    with pytest.raises(DomainError, match="不是支持的类型"):
        attachments.attach(demo_users["admin"], fake, Enterprise.select().first())
    assert Attachment.select().count() == 0


def test_size_limit_is_a_setting(demo_users, tmp_path):
    admin = demo_users["admin"]
    settings.set_value(admin, "attachments.max_mb", 1)
    big = tmp_path / "big.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * (1024 * 1024 + 1))
    with pytest.raises(DomainError, match="超过上限 1 MB"):
        attachments.attach(admin, big, Enterprise.select().first())
