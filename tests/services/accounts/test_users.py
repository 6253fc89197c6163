"""Accounts: argon2 hashes, login, password changes, the first administrator."""

import json
from datetime import datetime

import pytest

from app.models import AuditLog, User
from app.services.accounts import users as accounts
from app.services.accounts.passwords import hash_password, verify_password
from app.services.core import reference
from app.services.core.errors import AuthenticationFailed, PermissionDenied, ValidationError


def test_hash_is_salted_argon2id_and_verifies():
    first, second = hash_password("密码password1"), hash_password("密码password1")
    assert first.startswith("$argon2id$") and first != second
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


def test_the_last_active_city_admin_cannot_be_disabled_or_demoted(empty_db):
    _, admin = empty_db
    second = accounts.create_user(admin, "admin2", "第二管理员", "city_admin", "second-admin-1")
    with pytest.raises(ValidationError, match="不能停用自己的账号"):
        accounts.set_active(admin, admin, False)
    accounts.set_active(admin, second, False)
    with pytest.raises(ValidationError, match="最后一位在用的市局管理员"):
        accounts.edit_user(admin, admin, display_name="管理员", role="city_reviewer", district=None)
    accounts.set_active(admin, second, True)
    accounts.edit_user(second, admin, display_name="管理员", role="city_reviewer", district=None)
    with pytest.raises(ValidationError, match="最后一位在用的市局管理员"):
        accounts.edit_user(second, second, display_name="x", role="viewer", district=None)


def test_a_new_account_gets_a_one_time_password_it_must_change(empty_db):
    _, admin = empty_db
    user, password = accounts.add_user(admin, "shenhe2", "审核员", "city_reviewer", phone="0477-8581234")
    assert len(password) >= 8 and user.must_change_password
    signed_in = accounts.login("shenhe2", password)
    assert signed_in.must_change_password
    with pytest.raises(ValidationError, match="不能与原密码相同"):
        accounts.change_password(signed_in, signed_in, password, old_password=password)
    accounts.change_password(signed_in, signed_in, "审核员的新密码1", old_password=password)
    assert not accounts.login("shenhe2", "审核员的新密码1").must_change_password


def test_a_reset_password_works_once_lifts_a_lock_and_must_be_changed(demo_users):
    admin, officer = demo_users["admin"], demo_users["dalate"]
    User.update(failed_logins=3, locked_until=datetime(2099, 1, 1)).where(User.id == officer.id).execute()
    password = accounts.reset_password(admin, User.get_by_id(officer.id))
    user = accounts.login("dalate", password)
    assert user.must_change_password and user.locked_until is None
    entry = AuditLog.select().where(AuditLog.action == "user.reset_password").get()
    assert password not in (entry.after or "") and "hash" not in (entry.after or "")


def test_only_a_city_admin_manages_users(demo_users):
    reviewer, officer = demo_users["shenhe"], demo_users["dalate"]
    for call in (
        lambda: accounts.add_user(reviewer, "x1", "x", "viewer"),
        lambda: accounts.reset_password(reviewer, officer),
        lambda: accounts.set_active(reviewer, officer, False),
        lambda: accounts.edit_user(reviewer, officer, display_name="x", role="viewer", district=None),
        lambda: accounts.user_rows(officer),
    ):
        with pytest.raises(PermissionDenied):
            call()


def test_edit_changes_name_role_district_and_phone_and_is_audited(demo_users):
    admin, officer = demo_users["admin"], demo_users["dalate"]
    accounts.edit_user(
        admin,
        officer,
        display_name="达拉特旗查看",
        role="viewer",
        district=officer.district,
        phone="139 0000 1111",
    )
    row = next(r for r in accounts.user_rows(admin) if r.login == "dalate")
    assert (row.display_name, row.role, row.district_code, row.phone) == (
        "达拉特旗查看",
        "viewer",
        "150621",
        "139 0000 1111",
    )
    entry = AuditLog.select().where(AuditLog.action == "user.update").get()
    assert json.loads(entry.before)["role"] == "district_officer" and "password_hash" not in entry.after


def test_a_user_list_holds_no_hash_and_shows_last_sign_in_and_lock(demo_users):
    admin = demo_users["admin"]
    User.update(locked_until=datetime(2099, 1, 1)).where(User.login == "chakan").execute()
    rows = {r.login: r for r in accounts.user_rows(admin)}
    assert set(rows) == {"admin", "shenhe", "dongsheng", "dalate", "chakan"}
    assert rows["chakan"].locked and not rows["dalate"].locked
    assert rows["dalate"].last_login_at is not None
    assert "hash" not in json.dumps([r.as_json() for r in rows.values()])


def test_one_state_label_for_the_page_and_the_command_line(demo_users):
    admin = demo_users["admin"]
    at = datetime(2026, 12, 3, 9, 0)
    officer, _ = accounts.add_user(admin, "wushen2", "乌审旗二", "district_officer", reference.district_by_code("150626"))
    rows = {r.login: r for r in accounts.user_rows(admin)}
    assert accounts.state_label(rows["wushen2"], at) == "须改密码"
    assert accounts.state_label(rows["dalate"], at) == "在用"
    User.update(locked_until=datetime(2026, 12, 3, 9, 30)).where(User.login == "dalate").execute()
    User.update(locked_until=datetime(2026, 12, 4, 9, 30)).where(User.login == "chakan").execute()
    accounts.set_active(admin, officer, False)
    rows = {r.login: r for r in accounts.user_rows(admin)}
    assert accounts.state_label(rows["dalate"], at) == "锁定至 09:30"
    assert accounts.state_label(rows["chakan"], at) == "锁定至 2026-12-04 09:30"
    assert accounts.state_label(rows["dalate"], datetime(2026, 12, 3, 10, 0)) == "在用"  # the lock has passed
    assert accounts.state_label(rows["wushen2"], at) == "已停用"
