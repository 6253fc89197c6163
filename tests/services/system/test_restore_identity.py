"""A restore never makes this installation another one: a backup of another installation (a district's file
restored onto the city's register) is refused, a backup from before installations were named keeps this
installation's name, and a backup of this installation restores as always — plain and encrypted alike."""

import hashlib
import json
import shutil
import sqlite3

import pytest

from app.models import AuditLog, Enterprise, Setting
from app.services.accounts import users as accounts
from app.services.core import installation
from app.services.core.errors import DomainError
from app.services.system import backup
from tests.conftest import ADMIN_PASSWORD

PASS = "长城-Backup-2026"


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def district_file(tmp_path, district_template):
    """A backup made on 东胜区's own installation (a copy of its register file)."""
    template, _ = district_template
    copy = tmp_path / "elsewhere" / "d1.db"
    copy.parent.mkdir()
    shutil.copyfile(template, copy)
    return copy


def test_a_backup_of_another_installation_is_refused_naming_both_and_changing_nothing(
    demo_db, demo_users, district_file
):
    admin = demo_users["admin"]
    city = installation.current()
    enterprises = Enterprise.select().count()
    before = digest(district_file)
    with pytest.raises(DomainError) as refused:
        backup.restore(admin, district_file)
    message = str(refused.value)
    assert "该备份来自“鄂尔多斯市东胜区市场监督管理局”" in message
    assert f"不是本机“{city.body}”的备份" in message and "未作任何改动" in message
    assert digest(district_file) == before
    assert installation.current() == city and Enterprise.select().count() == enterprises
    assert not AuditLog.select().where(AuditLog.action == "database.restore").exists()
    assert accounts.login("admin", ADMIN_PASSWORD).login == "admin"  # the city admin still signs in


def test_an_encrypted_backup_of_another_installation_is_refused_too(
    demo_db, demo_users, district_db, tmp_path_factory
):
    district_path, district_users = district_db  # now the open register is 东胜区's
    usb = tmp_path_factory.mktemp("usb")
    packed = backup.backup(district_users["admin"], usb / "d1.ipbak", PASS)
    district = installation.current()
    city_path, _ = demo_db
    from app.services.system import database as setup

    setup.open_register(city_path)
    city = installation.current()
    assert city.exchange_id != district.exchange_id
    before = digest(packed)
    with pytest.raises(DomainError, match=f"该备份来自“{district.body}”，不是本机“{city.body}”的备份"):
        backup.restore(accounts.get_user("admin"), packed, PASS)
    assert digest(packed) == before and installation.current() == city


def test_a_backup_from_before_installations_were_named_keeps_this_installations_identity(
    demo_db, demo_users, tmp_path
):
    admin = demo_users["admin"]
    city_row = Setting.get(Setting.key == installation.KEY).value
    old = backup.backup(admin, tmp_path / "backups" / "old.db")
    conn = sqlite3.connect(old)
    conn.execute("DELETE FROM setting WHERE key = ?", (installation.KEY,))
    conn.commit()
    conn.close()
    backup.restore(admin, old)
    assert Setting.get(Setting.key == installation.KEY).value == city_row
    (carried,) = AuditLog.select().where(AuditLog.action == "installation.carry")
    assert json.loads(carried.after)["exchange_id"] == json.loads(city_row)["exchange_id"]
    assert accounts.login("admin", ADMIN_PASSWORD).login == "admin"


def test_a_backup_of_this_installation_restores_as_always(demo_db, demo_users, tmp_path):
    admin = demo_users["admin"]
    city = installation.current()
    copy = backup.backup(admin, tmp_path / "backups" / "same.db")
    victim = Enterprise.select().order_by(Enterprise.id).first()
    victim.delete_instance(recursive=True)
    backup.restore(admin, copy)
    assert Enterprise.get_or_none(Enterprise.id == victim.id) is not None
    assert installation.current() == city
    assert not AuditLog.select().where(AuditLog.action == "installation.carry").exists()


def test_a_register_never_named_takes_any_backup(empty_db, district_file):
    _, admin = empty_db
    Setting.delete().where(Setting.key == installation.KEY).execute()
    backup.restore(admin, district_file)
    assert installation.current().scope == "150602"
