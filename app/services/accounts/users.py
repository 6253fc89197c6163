"""Accounts: creating users, logging in, changing passwords and roles. Only a city administrator manages users."""

from __future__ import annotations

from app.models import District, User
from app.models.base import now
from app.models.db import database
from app.services.accounts.passwords import hash_password, verify_password
from app.services.core import audit
from app.services.core.errors import AuthenticationFailed, NotFound, ValidationError
from app.services.core.permissions import ROLE_LABELS, Role, require_admin

MIN_PASSWORD_LENGTH = 8
_LABELS = {
    "login": "登录名",
    "display_name": "姓名",
    "role": "角色",
    "district": "所属旗区",
    "password": "密码",
}


def _check(login: str, display_name: str, role: str, district: District | None, password: str | None) -> None:
    errors = {}
    if not login or not login.isascii() or not login.replace("_", "").replace(".", "").isalnum():
        errors["login"] = "只能包含英文字母、数字、下划线和点"
    if not display_name.strip():
        errors["display_name"] = "不能为空"
    if role not in {r.value for r in Role}:
        errors["role"] = f"未知角色“{role}”"
    elif role == Role.DISTRICT_OFFICER and district is None:
        errors["district"] = "旗区局联络员必须指定所属旗区"
    elif role in (Role.CITY_ADMIN, Role.CITY_REVIEWER) and district is not None:
        errors["district"] = "市局账号不属于任何旗区"
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        errors["password"] = f"至少 {MIN_PASSWORD_LENGTH} 位"
    if errors:
        raise ValidationError(errors, _LABELS)


def create_first_admin(password: str, display_name: str = "系统管理员", login: str = "admin") -> User:
    """The administrator of a new database (login `admin` unless chosen); refused once any user exists."""
    if User.select().exists():
        raise ValidationError({"login": "数据库中已有账号，不能再次初始化管理员"}, _LABELS)
    _check(login, display_name, Role.CITY_ADMIN, None, password)
    with database.atomic():
        user = User.create(
            login=login,
            display_name=display_name,
            role=Role.CITY_ADMIN,
            password_hash=hash_password(password),
        )
        audit.record(None, "user.create", user, None, _public(user))
    return user


def create_user(
    actor: User, login: str, display_name: str, role: str, password: str, district: District | None = None
) -> User:
    require_admin(actor)
    _check(login, display_name, role, district, password)
    if User.select().where(User.login == login).exists():
        raise ValidationError({"login": f"“{login}”已被使用"}, _LABELS)
    with database.atomic():
        user = User.create(
            login=login,
            display_name=display_name.strip(),
            role=role,
            district=district,
            password_hash=hash_password(password),
        )
        audit.record(actor, "user.create", user, None, _public(user))
    return user


def set_active(actor: User, user: User, active: bool) -> User:
    require_admin(actor)
    if user.id == actor.id and not active:
        raise ValidationError({"login": "不能停用自己的账号"}, _LABELS)
    with database.atomic():
        before = _public(user)
        user.active = active
        user.save()
        audit.record(actor, "user.activate" if active else "user.deactivate", user, before, _public(user))
    return user


def change_password(actor: User, user: User, new_password: str, old_password: str | None = None) -> None:
    """A user changes their own password (knowing the old one); an administrator resets anyone's."""
    if actor.id == user.id and old_password is not None:
        if not verify_password(old_password, user.password_hash):
            raise AuthenticationFailed("原密码不正确")
    else:
        require_admin(actor)
    _check(user.login, user.display_name, user.role, user.district, new_password)
    with database.atomic():
        before = _public(user)
        user.password_hash = hash_password(new_password)
        user.save()
        audit.record(actor, "user.password", user, before, _public(user))


def login(login_name: str, password: str) -> User:
    user = User.get_or_none(User.login == (login_name or "").strip())
    # The same message for an unknown name and a wrong password: do not tell which logins exist.
    if user is None or not verify_password(password or "", user.password_hash):
        raise AuthenticationFailed("登录名或密码不正确")
    if not user.active:
        raise AuthenticationFailed("该账号已停用，请联系市局管理员")
    User.update(last_login_at=now()).where(User.id == user.id).execute()
    return user


def get_user(login_name: str) -> User:
    user = User.get_or_none(User.login == login_name)
    if user is None:
        raise NotFound(f"没有登录名为“{login_name}”的账号")
    return user


def users() -> list[User]:
    return list(User.select().order_by(User.role, User.login))


def role_label(user: User) -> str:
    return ROLE_LABELS[Role(user.role)]


def _public(user: User) -> dict:
    data = audit.snapshot(user)
    data.pop("password_hash", None)
    return data
