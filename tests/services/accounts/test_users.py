"""Accounts: scrypt hashes, login, password changes, the first administrator."""

import pytest

from app.models import AuditLog, User
from app.services.accounts import users as accounts
from app.services.accounts.passwords import hash_password, verify_password
from app.services.core.errors import AuthenticationFailed, ValidationError


def test_hash_is_salted_scrypt_and_verifies():
    first, second = hash_password("密码password1"), hash_password("密码password1")
    assert first.startswith("scrypt$") and first != second
    assert verify_password("密码password1", first) and not verify_password("密码password2", first)
    assert not verify_password("x", "garbage")


def test_login_with_the_right_and_wrong_password(empty_db):
    _, admin = empty_db
    assert accounts.login("admin", "adminpass123").id == admin.id
    for name, password in (("admin", "wrong-pass"), ("nobody", "adminpass123")):
        with pytest.raises(AuthenticationFailed, match="登录名或密码不正确"):
            accounts.login(name, password)
    assert User.get_by_id(admin.id).last_login_at is not None


def test_first_admin_only_once(empty_db):
    with pytest.raises(ValidationError, match="已有账号"):
        accounts.create_first_admin("anotherpass1")


def test_password_change_needs_the_old_password_or_an_admin(demo_users):
    officer = demo_users["dalate"]
    with pytest.raises(AuthenticationFailed, match="原密码"):
        accounts.change_password(officer, officer, "newpassword1", old_password="wrong")
    accounts.change_password(demo_users["admin"], officer, "resetpass99")
    assert accounts.login("dalate", "resetpass99").id == officer.id
    entry = AuditLog.select().where(AuditLog.action == "user.password").get()
    assert "hash" not in (entry.after or "")


def test_account_rules_are_explained(empty_db):
    _, admin = empty_db
    with pytest.raises(ValidationError) as info:
        accounts.create_user(admin, "坏 名字", "", "district_officer", "short")
    assert set(info.value.errors) == {"login", "display_name", "district", "password"}
    assert "旗区局联络员必须指定所属旗区" in str(info.value)
