"""Accounts: creating, editing, disabling users and their passwords. Only the installation's administrator
manages users, and at least one active administrator always remains. Sign-in itself is in
app.services.accounts.signin.

The installation bounds the accounts: the city's holds city and district accounts; a district bureau's holds
only accounts of that district in district roles (its administrator is a district administrator), so nobody
signed in there can act as the city.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from peewee import JOIN

from app.models import District, User
from app.models.base import now
from app.models.db import database
from app.services.accounts import signin
from app.services.accounts.passwords import generate_password, hash_password, policy_problem, verify_password
from app.services.core import audit, installation, reference
from app.services.core.errors import AuthenticationFailed, NotFound, ValidationError
from app.services.core.permissions import (
    ADMIN_ROLES,
    DISTRICT_ROLES,
    ROLE_LABELS,
    Role,
    require_active,
    require_admin,
)

login = signin.login
MIN_PASSWORD_LENGTH = 8
_LABELS = {
    "login": "登录名",
    "display_name": "姓名",
    "role": "角色",
    "district": "所属旗区",
    "phone": "电话",
    "password": "密码",
    "active": "状态",
}


def _check(
    login: str, display_name: str, role: str, district: District | None, password: str | None, phone: str = ""
) -> None:
    errors = {}
    if (
        not login
        or len(login) > 50
        or not login.isascii()
        or not login.replace("_", "").replace(".", "").isalnum()
    ):
        errors["login"] = "只能包含英文字母、数字、下划线和点（不超过 50 个字符）"
    if not display_name.strip():
        errors["display_name"] = "不能为空"
    elif len(display_name.strip()) > 50:
        errors["display_name"] = "不能超过 50 个字"
    if role not in {r.value for r in Role}:
        errors["role"] = f"未知角色“{role}”"
    elif role in (Role.DISTRICT_OFFICER, Role.DISTRICT_ADMIN) and district is None:
        errors["district"] = f"{ROLE_LABELS[Role(role)]}必须指定所属旗区"
    elif role in (Role.CITY_ADMIN, Role.CITY_REVIEWER) and district is not None:
        errors["district"] = "市局账号不属于任何旗区"
    else:
        errors.update(_scope_problems(role, district))
    if len(phone) > 30 or any(not (c.isdigit() or c in "-+ ()") for c in phone):
        errors["phone"] = "只能包含数字、空格和 - + ( )，不超过 30 位"
    if password is not None:
        problem = policy_problem(password, login)
        if problem:
            errors["password"] = problem
    if errors:
        raise ValidationError(errors, _LABELS)


def _scope_problems(role: str, district: District | None) -> dict[str, str]:
    """What this installation refuses: a district administrator at the city's, anything but its own district's
    accounts at a district bureau's."""
    identity = installation.current()
    if identity.is_city:
        if role == Role.DISTRICT_ADMIN:
            return {"role": "旗区局管理员只用于旗区局自己的安装；市局安装上的旗区账号请选“旗区局联络员”"}
        return {}
    own = identity.district
    if role not in DISTRICT_ROLES:
        return {"role": f"本机是{identity.body}的安装，不能建立或改为市局账号"}
    if own is None or district is None or district.id != own.id:
        return {"district": f"本机只能有{own.name if own else identity.scope}的账号"}
    return {}


def _default_district(role: str, district: District | None) -> District | None:
    """On a district bureau's installation an account of a district role belongs to that district: when none
    is given, that is the one (the only one allowed there)."""
    if district is None and role in DISTRICT_ROLES:
        return installation.current().district
    return district


def assignable_roles() -> list[Role]:
    """The roles an account may have on this installation, in the order the accounts page offers them."""
    if installation.current().is_city:
        return [Role.CITY_ADMIN, Role.CITY_REVIEWER, Role.DISTRICT_OFFICER, Role.VIEWER]
    return [Role.DISTRICT_ADMIN, Role.DISTRICT_OFFICER, Role.VIEWER]


def assignable_districts() -> list[District]:
    """The districts an account may belong to here: every one at the city's, the own one at a district's."""
    own = installation.current().district
    return [own] if own is not None else reference.districts()


def admin_role() -> tuple[Role, District | None]:
    """The first administrator's role and district: the city's administrator, or the district's."""
    identity = installation.current()
    return (Role.CITY_ADMIN, None) if identity.is_city else (Role.DISTRICT_ADMIN, identity.district)


def create_first_admin(password: str, display_name: str = "系统管理员", login: str = "admin") -> User:
    """The administrator of a new database (login `admin` unless chosen); refused once any user exists.
    The installation is named first: it decides whether this is the city's or a district's administrator."""
    if User.select().exists():
        raise ValidationError({"login": "数据库中已有账号，不能再次初始化管理员"}, _LABELS)
    role, district = admin_role()
    _check(login, display_name, role, district, password)
    with database.atomic():
        user = User.create(
            login=login,
            display_name=display_name,
            role=role,
            district=district,
            password_hash=hash_password(password),
        )
        audit.record(None, "user.create", user, None, _public(user))
    return user


def create_user(
    actor: User,
    login: str,
    display_name: str,
    role: str,
    password: str,
    district: District | None = None,
    *,
    phone: str = "",
    must_change: bool = False,
) -> User:
    require_admin(actor)
    phone = phone.strip()
    district = _default_district(role, district)
    _check(login, display_name, role, district, password, phone)
    if User.select().where(User.login == login).exists():
        raise ValidationError({"login": f"“{login}”已被使用"}, _LABELS)
    with database.atomic():
        user = User.create(
            login=login,
            display_name=display_name.strip(),
            role=role,
            district=district,
            phone=phone,
            password_hash=hash_password(password),
            must_change_password=must_change,
        )
        audit.record(actor, "user.create", user, None, _public(user))
    return user


def add_user(
    actor: User, login: str, display_name: str, role: str, district: District | None = None, phone: str = ""
) -> tuple[User, str]:
    """A new account with a generated one-time password, which the user must change at first sign-in."""
    password = generate_password()
    user = create_user(actor, login, display_name, role, password, district, phone=phone, must_change=True)
    return user, password


def edit_user(
    actor: User, user: User, *, display_name: str, role: str, district: District | None, phone: str = ""
) -> User:
    require_admin(actor)
    phone = phone.strip()
    district = _default_district(role, district)
    _check(user.login, display_name, role, district, None, phone)
    if user.role in ADMIN_ROLES and role not in ADMIN_ROLES:
        _keep_an_admin(user, "不能更改最后一位在用的{}的角色")
    with database.atomic():
        before = _public(user)
        user.display_name, user.role, user.district, user.phone = display_name.strip(), role, district, phone
        user.save()
        audit.record(actor, "user.update", user, before, _public(user))
    return user


def set_active(actor: User, user: User, active: bool) -> User:
    """Disable (the account keeps its history but cannot sign in) or enable again (which also lifts a lock)."""
    require_admin(actor)
    if user.id == actor.id and not active:
        raise ValidationError({"active": "不能停用自己的账号"}, _LABELS)
    if not active:
        _keep_an_admin(user, "不能停用最后一位在用的{}")
    with database.atomic():
        before = _public(user)
        user.active = active
        if active:
            user.failed_logins, user.locked_until = 0, None
        user.save()
        audit.record(actor, "user.activate" if active else "user.deactivate", user, before, _public(user))
    return user


def _keep_an_admin(user: User, refusal: str) -> None:
    if user.role not in ADMIN_ROLES or not user.active:
        return
    roles = [r.value for r in ADMIN_ROLES]
    others = User.select().where(User.role.in_(roles), User.active == True, User.id != user.id)  # noqa: E712
    if not others.exists():
        raise ValidationError({"role": refusal.format(ROLE_LABELS[Role(user.role)])}, _LABELS)


def reset_password(actor: User, user: User) -> str:
    """A new one-time password (returned once, never stored); the user must change it at next sign-in."""
    require_admin(actor)
    password = generate_password()
    _set_password(actor, user, password, must_change=True, action="user.reset_password")
    return password


def change_password(actor: User, user: User, new_password: str, old_password: str | None = None) -> None:
    """A user changes their own password (knowing the old one); an administrator sets anyone's."""
    require_active(actor)
    if actor.id == user.id and old_password is not None:
        if not verify_password(old_password, user.password_hash):
            raise AuthenticationFailed("原密码不正确")
        if new_password == old_password:
            raise ValidationError({"password": "新密码不能与原密码相同"}, _LABELS)
    else:
        require_admin(actor)
    _check(user.login, user.display_name, user.role, user.district, new_password, user.phone)
    _set_password(actor, user, new_password, must_change=False, action="user.password")


def _set_password(actor: User, user: User, password: str, *, must_change: bool, action: str) -> None:
    with database.atomic():
        before = _public(user)
        user.password_hash = hash_password(password)
        user.must_change_password = must_change
        user.failed_logins, user.locked_until = 0, None
        user.save()
        audit.record(actor, action, user, before, _public(user))


def get_user(login_name: str) -> User:
    user = User.get_or_none(User.login == login_name)
    if user is None:
        raise NotFound(f"没有登录名为“{login_name}”的账号")
    return user


def users() -> list[User]:
    return list(User.select().order_by(User.role, User.login))


@dataclass(frozen=True)
class UserRow:
    """One account as the accounts page and `user list` show it (no hash, ever)."""

    id: int
    login: str
    display_name: str
    role: str
    role_label: str
    district_code: str | None
    district_name: str
    phone: str
    active: bool
    locked_until: datetime | None
    must_change_password: bool
    last_login_at: datetime | None

    @property
    def locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > now()

    @property
    def state(self) -> str:
        return state_label(self)

    def as_json(self) -> dict:
        data = {k: audit.plain_value(v) for k, v in self.__dict__.items()}
        data["locked"] = self.locked
        data["state"] = self.state
        return data


def state_label(row: UserRow, at: datetime | None = None) -> str:
    """The account's state in words, the same on the accounts page and in `user list`."""
    at = at or now()
    if not row.active:
        return "已停用"
    if row.locked_until is not None and row.locked_until > at:
        until = row.locked_until
        return f"锁定至 {until:%H:%M}" if until.date() == at.date() else f"锁定至 {until:%Y-%m-%d %H:%M}"
    return "须改密码" if row.must_change_password else "在用"


def user_rows(actor: User) -> list[UserRow]:
    require_admin(actor)
    query = User.select(User, District).join(
        District, on=(User.district == District.id), join_type=JOIN.LEFT_OUTER
    )
    return [_row(u) for u in query.order_by(User.role, User.login)]


def _row(user: User) -> UserRow:
    district = user.district if user.district_id else None
    return UserRow(
        id=user.id,
        login=user.login,
        display_name=user.display_name,
        role=user.role,
        role_label=ROLE_LABELS.get(Role(user.role), user.role) if user.role in set(Role) else user.role,
        district_code=district.code if district else None,
        district_name=district.name if district else "",
        phone=user.phone,
        active=bool(user.active),
        locked_until=user.locked_until,
        must_change_password=bool(user.must_change_password),
        last_login_at=user.last_login_at,
    )


def role_label(user: User) -> str:
    return ROLE_LABELS[Role(user.role)]


def _public(user: User) -> dict:
    data = audit.snapshot(user)
    data.pop("password_hash", None)
    return data
