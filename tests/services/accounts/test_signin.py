"""Signing in: lockout after repeated failures and unlock after the period, re-hash from scrypt, the dummy
verify for unknown logins, audit entries for every attempt, and messages that do not tell which logins exist."""

import json
from datetime import timedelta

import pytest

from app.models import AuditLog, User
from app.models.base import now
from app.services.accounts import passwords, signin
from app.services.accounts import users as accounts
from app.services.core import settings
from app.services.core.errors import AuthenticationFailed

PASSWORD = "adminpass123"


def _officer(admin):
    from app.services.core import reference

    return accounts.create_user(
        admin,
        "wushen",
        "乌审旗联络员",
        "district_officer",
        "wushen-pass-1",
        reference.district_by_code("150626"),
    )


def _fail(login, times, at):
    for _ in range(times):
        with pytest.raises(AuthenticationFailed, match="^登录名或密码不正确$"):
            accounts.login(login, "wrong-password", at=at)


def test_account_is_locked_after_max_failures_and_unlocks_after_the_period(empty_db):
    _, admin = empty_db
    settings.set_value(admin, "accounts.max_failures", 3)
    settings.set_value(admin, "accounts.lock_minutes", 10)
    officer = _officer(admin)
    start = now()
    _fail("wushen", 3, start)
    assert User.get_by_id(officer.id).locked_until == start + timedelta(minutes=10)

    # During the lock the right and a wrong password get the same message, and neither extends the lock.
    during = start + timedelta(minutes=9)
    messages = set()
    for password in ("wushen-pass-1", "wrong-password", "wushen-pass-1", ""):
        with pytest.raises(AuthenticationFailed) as failed:
            accounts.login("wushen", password, at=during)
        messages.add(str(failed.value))
    assert len(messages) == 1 and "暂时锁定" in messages.pop()
    assert User.get_by_id(officer.id).locked_until == start + timedelta(minutes=10)

    user = accounts.login("wushen", "wushen-pass-1", at=start + timedelta(minutes=10, seconds=1))
    assert user.id == officer.id and user.failed_logins == 0 and user.locked_until is None


def test_during_the_lock_the_password_is_not_checked_but_the_attempt_is_audited(empty_db, monkeypatch):
    _, admin = empty_db
    settings.set_value(admin, "accounts.max_failures", 2)
    officer = _officer(admin)
    start = now()
    _fail("wushen", 2, start)
    seen = []
    real = passwords.verify_password
    monkeypatch.setattr(passwords, "verify_password", lambda p, h: seen.append(h) or real(p, h))
    before = AuditLog.select().where(AuditLog.action == "user.login_failed").count()
    for password in ("wushen-pass-1", "wrong-password"):
        with pytest.raises(AuthenticationFailed, match="暂时锁定"):
            accounts.login("wushen", password, at=start + timedelta(minutes=1))
    # Verified against the dummy hash only: the same cost, and the result cannot leak.
    assert seen == [passwords.dummy_hash(), passwords.dummy_hash()]
    entries = list(
        AuditLog.select().where(AuditLog.action == "user.login_failed").order_by(AuditLog.id).offset(before)
    )
    assert [(e.entity_id, json.loads(e.after)) for e in entries] == [(officer.id, {"reason": "locked"})] * 2


def test_failures_below_the_limit_do_not_lock_and_a_success_resets_the_count(empty_db):
    _, admin = empty_db
    officer = _officer(admin)
    _fail("wushen", 4, now())
    assert User.get_by_id(officer.id).failed_logins == 4
    accounts.login("wushen", "wushen-pass-1")
    _fail("wushen", 4, now())
    assert accounts.login("wushen", "wushen-pass-1").failed_logins == 0


def test_an_old_scrypt_hash_is_replaced_by_argon2_at_the_next_sign_in(empty_db):
    _, admin = empty_db
    User.update(password_hash=passwords.scrypt_hash(PASSWORD)).where(User.id == admin.id).execute()
    _fail("admin", 1, now())
    assert User.get_by_id(admin.id).password_hash.startswith("scrypt$")

    accounts.login("admin", PASSWORD)
    stored = User.get_by_id(admin.id).password_hash
    assert stored.startswith("$argon2id$") and passwords.verify_password(PASSWORD, stored)
    entry = AuditLog.select().where(AuditLog.action == "user.login").order_by(AuditLog.id.desc()).get()
    assert json.loads(entry.after) == {"rehashed": True}
    assert accounts.login("admin", PASSWORD).id == admin.id


def test_an_unknown_login_is_verified_against_the_dummy_hash(empty_db, monkeypatch):
    seen = []
    real = passwords.verify_password
    monkeypatch.setattr(passwords, "verify_password", lambda p, h: seen.append(h) or real(p, h))
    with pytest.raises(AuthenticationFailed, match="^登录名或密码不正确$"):
        accounts.login("nobody", PASSWORD)
    with pytest.raises(AuthenticationFailed, match="^登录名或密码不正确$"):
        accounts.login("", PASSWORD)
    assert seen == [passwords.dummy_hash(), passwords.dummy_hash()]
    assert seen[0].startswith("$argon2id$")


def test_every_attempt_is_audited_without_the_password(empty_db):
    _, admin = empty_db
    _fail("admin", 1, now())
    _fail("nobody", 1, now())
    accounts.login("admin", PASSWORD)
    entries = list(AuditLog.select().where(AuditLog.action.startswith("user.login")).order_by(AuditLog.id))
    assert [(e.action, e.user_login, e.entity_id) for e in entries] == [
        ("user.login_failed", "admin", admin.id),
        ("user.login_failed", "nob…", None),  # an unknown name only in part: it may be a password
        ("user.login", "admin", admin.id),
    ]
    text = " ".join(f"{e.before} {e.after}" for e in entries)
    assert "wrong-password" not in text and PASSWORD not in text and "argon2" not in text


def test_a_disabled_user_cannot_sign_in_but_keeps_the_history(empty_db):
    _, admin = empty_db
    officer = _officer(admin)
    accounts.login("wushen", "wushen-pass-1")
    accounts.set_active(admin, officer, False)
    with pytest.raises(AuthenticationFailed, match="已停用"):
        accounts.login("wushen", "wushen-pass-1")
    # A wrong password for a disabled account says nothing about it.
    _fail("wushen", 1, now())
    assert AuditLog.select().where(AuditLog.entity_id == officer.id, AuditLog.entity == "user").count() >= 4
    accounts.set_active(admin, officer, True)
    assert accounts.login("wushen", "wushen-pass-1").id == officer.id


def test_the_sign_in_screen_pauses_longer_after_each_failure():
    assert [signin.pause_after(n) for n in range(1, 8)] == [0, 1, 2, 4, 8, 16, 30]
