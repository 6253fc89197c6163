"""Backups that leave the data folder are encrypted with a passphrase; the encrypted file restores the register
and its attachment files, and a wrong passphrase or a damaged file changes nothing."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.models import Attachment, AuditLog, Enterprise
from app.services.core import attachments
from app.services.core.errors import DomainError
from app.services.enterprises import records
from app.services.enterprises import register as enterprises
from app.services.system import backup, backup_crypto

PASS = "长城-Backup-2026"


@pytest.fixture
def elsewhere(tmp_path_factory):
    """A folder outside the register's data folder (a USB stick)."""
    return tmp_path_factory.mktemp("usb")


def test_a_plain_copy_outside_the_data_folder_is_refused_unless_asked_for(demo_db, demo_users, elsewhere):
    admin = demo_users["admin"]
    with pytest.raises(DomainError, match="必须加密"):
        backup.backup(admin, elsewhere / "plain.db")
    assert not (elsewhere / "plain.db").exists()
    assert backup.backup(admin, elsewhere / "plain.db", plain_outside=True).is_file()


def test_an_encrypted_backup_holds_no_plain_text_and_restores_register_and_files(
    demo_db, demo_users, elsewhere, tmp_path
):
    admin = demo_users["admin"]
    enterprise = Enterprise.select().order_by(Enterprise.id).first()
    scan = tmp_path / "licence.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + "营业执照扫描件 堃𠮷䶮".encode() + b"\n%%EOF\n")
    records.add_file(admin, enterprise.id, scan)
    name = enterprise.name
    target = backup.backup(admin, elsewhere / "register.ipbak", PASS)
    data = target.read_bytes()
    assert backup_crypto.is_encrypted(target)
    assert name.encode() not in data and b"SQLite format 3" not in data and "营业执照".encode() not in data
    assert AuditLog.select().where(AuditLog.action == "database.backup").order_by(AuditLog.id.desc()).get().after \
        .count('"encrypted": true') == 1  # fmt: skip

    enterprises.update(admin, enterprise.id, {"legal_representative": "备份之后"})
    attachment = Attachment.select().order_by(Attachment.id.desc()).get()
    blob = attachments.blob_path(attachment.sha256)
    blob.unlink()
    backup.restore(admin, target, PASS)
    assert Enterprise.get_by_id(enterprise.id).legal_representative != "备份之后"
    assert blob.read_bytes() == scan.read_bytes()  # the attachment came back from inside the encrypted file
    entry = AuditLog.select().where(AuditLog.action == "database.restore").order_by(AuditLog.id.desc()).get()
    assert "register.ipbak" in entry.after


def test_wrong_passphrase_or_damaged_file_changes_nothing(demo_db, demo_users, elsewhere):
    admin = demo_users["admin"]
    target = backup.backup(admin, elsewhere / "register.ipbak", PASS)
    enterprise = Enterprise.select().order_by(Enterprise.id).first()
    enterprises.update(admin, enterprise.id, {"legal_representative": "恢复前"})
    with pytest.raises(DomainError, match="加密备份，请输入"):
        backup.restore(admin, target)
    with pytest.raises(DomainError, match="口令不正确"):
        backup.restore(admin, target, "wrong-passphrase")
    damaged = elsewhere / "damaged.ipbak"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    damaged.write_bytes(bytes(data))
    with pytest.raises(DomainError, match="口令不正确"):
        backup.restore(admin, damaged, PASS)
    truncated = elsewhere / "truncated.ipbak"
    truncated.write_bytes(target.read_bytes()[: -100])
    with pytest.raises(DomainError):
        backup.restore(admin, truncated, PASS)
    assert Enterprise.get_by_id(enterprise.id).legal_representative == "恢复前"
    assert not list(elsewhere.glob("*.part")) and not list(demo_db[0].parent.glob(".restore-*"))


def test_a_weak_passphrase_is_refused(demo_db, demo_users, elsewhere):
    with pytest.raises(DomainError, match="至少 8 位"):
        backup.backup(demo_users["admin"], elsewhere / "x.ipbak", "1234")
    with pytest.raises(DomainError, match="同一个字符"):
        backup.backup(demo_users["admin"], elsewhere / "x.ipbak", "aaaaaaaaaa")
    assert not (elsewhere / "x.ipbak").exists()


@settings(max_examples=15, deadline=None)
@given(content=st.binary(max_size=3 * backup_crypto.CHUNK // 2), cut=st.integers(min_value=1, max_value=64))
def test_encryption_round_trips_and_any_cut_is_detected(tmp_path_factory, content, cut):
    folder = tmp_path_factory.mktemp("crypt")
    plain, sealed, opened = folder / "p", folder / "s", folder / "o"
    plain.write_bytes(content)
    backup_crypto.encrypt_file(plain, sealed, "round-trip-pass")
    backup_crypto.decrypt_file(sealed, opened, "round-trip-pass")
    assert opened.read_bytes() == content
    shortened = folder / "short"
    shortened.write_bytes(sealed.read_bytes()[:-cut])
    with pytest.raises(DomainError):
        backup_crypto.decrypt_file(shortened, folder / "o2", "round-trip-pass")
    assert not (folder / "o2").exists()
