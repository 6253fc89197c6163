"""Signing in: argon2 verification, lockout after repeated failures, and an audit entry for every attempt.

What the message may reveal: an unknown login and a wrong password read the same, cost the same (an unknown
login is verified against a dummy hash) and are both audited. While an account is locked every attempt, right
password or wrong, gets the lock message and the password is not checked at all (it is verified against the
dummy hash, so the attempt costs the same time): guessing during the lock learns nothing. That an account is
disabled is said only to someone who has just typed its right password. The slow-down between attempts lives
in the sign-in screen (`pause_after`), which knows nothing about the login either; a process that keeps
guessing meets the lock.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.models import User
from app.models.base import now
from app.models.db import database
from app.services.accounts import passwords
from app.services.core import audit, installation, settings
from app.services.core.errors import AuthenticationFailed
from app.services.core.permissions import CITY_ROLES

WRONG = "登录名或密码不正确"


def login(login_name: str, password: str, *, at: datetime | None = None) -> User:
    """The user with this login and password, or AuthenticationFailed with a message that reveals nothing."""
    at = at or now()
    name = (login_name or "").strip()
    user = User.get_or_none(User.login == name) if name else None
    locked = user is not None and user.locked_until is not None and user.locked_until > at
    checked = user is not None and not locked
    stored = user.password_hash if checked else passwords.dummy_hash()
    right = passwords.verify_password(password or "", stored) and checked
    if locked:
        # Neither extends the lock nor tells whether this password was the right one.
        _audit(user, name, "user.login_failed", {"reason": "locked"}, at)
        raise AuthenticationFailed(_locked_message(user.locked_until))
    if not right:
        _failed(user, name, at)
        raise AuthenticationFailed(WRONG)
    if not user.active:
        _audit(user, name, "user.login_failed", {"reason": "disabled"}, at)
        raise AuthenticationFailed("该账号已停用，请联系管理员")
    foreign = _foreign_here(user)
    if foreign:
        _audit(user, name, "user.login_failed", {"reason": "scope"}, at)
        raise AuthenticationFailed(foreign)
    return _succeeded(user, password, at)


def _locked_message(until: datetime) -> str:
    return f"该账号因连续登录失败已被暂时锁定，请于 {until:%H:%M} 后再试，或请管理员重置密码"


def _foreign_here(user: User) -> str | None:
    """Why an account may not sign in on a district bureau's installation: it is a city account or another
    district's (the accounts service never makes one there; this holds for one written any other way)."""
    identity = installation.current()
    if identity.is_city:
        return None
    own = identity.district
    if user.role in CITY_ROLES or own is None or user.district_id != own.id:
        return f"该账号不属于本机（{identity.body}），不能在本机登录"
    return None


def _failed(user: User | None, name: str, at: datetime) -> None:
    with database.atomic():
        if user is None:
            _audit(None, name, "user.login_failed", {"reason": "wrong"}, at)
            return
        failures = user.failed_logins + 1
        locked_until = None
        if failures >= settings.get("accounts.max_failures"):
            locked_until = at + timedelta(minutes=settings.get("accounts.lock_minutes"))
            failures = 0
        User.update(failed_logins=failures, locked_until=locked_until).where(User.id == user.id).execute()
        detail = {"reason": "wrong", "failures": failures}
        if locked_until:
            detail["locked_until"] = locked_until.isoformat()
        _audit(user, name, "user.login_failed", detail, at)


def _succeeded(user: User, password: str, at: datetime) -> User:
    changes = {"last_login_at": at, "failed_logins": 0, "locked_until": None}
    detail = {}
    if passwords.needs_rehash(user.password_hash):
        changes["password_hash"] = passwords.hash_password(password)
        detail["rehashed"] = True
    with database.atomic():
        User.update(**changes).where(User.id == user.id).execute()
        _audit(user, user.login, "user.login", detail or None, at)
    return User.get_by_id(user.id)


def _audit(user: User | None, name: str, action: str, detail: dict | None, at: datetime) -> None:
    """Sign-ins are filed under the account, or under no record when the login does not exist. An unknown
    name is kept only in part: people sometimes type their password into the login field."""
    typed = None if user else (name[:3] + "…" if len(name) > 3 else name) or "（空）"
    audit.record_event(user, action, detail, about=user, login=typed, at=at)


def pause_after(failures_here: int) -> int:
    """Seconds the sign-in screen waits before the next try after this many failures in a row (0, 1, 2, 4, …)."""
    return 0 if failures_here <= 1 else min(2 ** (failures_here - 2), 30)
