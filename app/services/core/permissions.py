"""Roles and what each may do. Every service asks here; the GUI and the CLI obey the same rules.

One function per rule: who is city staff (`is_city`, `require_city`), who administers this installation
(`is_admin`: the city administrator, or on a district bureau's installation its district administrator) and who
administers the city's own things (`is_city_admin`), who may do work owned by a district (`can_work_in`,
`require_district_work`), who may see a district's records (`can_read_district`), and how a lookup answers for a
record the actor may not see (`visible_or_not_found`).

A district administrator is district staff in everything but the installation's upkeep (accounts, settings,
backup, exchange): it sees and works in its own district only and never acts as the city.
"""

from __future__ import annotations

from enum import StrEnum

from app.models import District, User
from app.services.core import installation
from app.services.core.errors import NotFound, PermissionDenied


class Role(StrEnum):
    CITY_ADMIN = "city_admin"
    CITY_REVIEWER = "city_reviewer"
    DISTRICT_ADMIN = "district_admin"
    DISTRICT_OFFICER = "district_officer"
    VIEWER = "viewer"


ROLE_LABELS = {
    Role.CITY_ADMIN: "市局管理员",
    Role.CITY_REVIEWER: "市局审核员",
    Role.DISTRICT_ADMIN: "旗区局管理员",
    Role.DISTRICT_OFFICER: "旗区局联络员",
    Role.VIEWER: "只读用户",
}

CITY_ROLES = frozenset({Role.CITY_ADMIN, Role.CITY_REVIEWER})
# The roles a district bureau's installation may hold; each of its accounts belongs to that district.
DISTRICT_ROLES = frozenset({Role.DISTRICT_ADMIN, Role.DISTRICT_OFFICER, Role.VIEWER})
ADMIN_ROLES = frozenset({Role.CITY_ADMIN, Role.DISTRICT_ADMIN})


def role_of(user: User) -> Role:
    return Role(user.role)


def is_city(user: User) -> bool:
    """City staff: the city administrator and the city reviewers."""
    return role_of(user) in CITY_ROLES


def is_admin(user: User) -> bool:
    """The active administrator of this installation (accounts, settings, backup, exchange): the city
    administrator, or a district administrator on its district bureau's installation."""
    return user is not None and user.active and role_of(user) in ADMIN_ROLES


def is_city_admin(user: User) -> bool:
    """The active city administrator: the city's own upkeep (the expert pool, a round's deadline and quotas)."""
    return user is not None and user.active and role_of(user) is Role.CITY_ADMIN


def is_city_wide(user: User) -> bool:
    """City roles, and a viewer without a district, see every district."""
    role = role_of(user)
    return role in CITY_ROLES or (role is Role.VIEWER and user.district_id is None)


def visible_district_ids(user: User) -> set[int] | None:
    """None means all districts."""
    if is_city_wide(user):
        return None
    return {user.district_id} if user.district_id else set()


def within_districts(query, user: User, district_field):
    """Narrow a query to the rows whose `district_field` the user may see (unchanged for city-wide users)."""
    allowed = visible_district_ids(user)
    return query if allowed is None else query.where(district_field.in_(list(allowed)))


def can_read_district(user: User, district: District | int | None) -> bool:
    """None is the city itself: only city-wide users see what belongs to no district."""
    allowed = visible_district_ids(user)
    return allowed is None or _district_id(district) in allowed


def _district_id(district: District | int | None) -> int | None:
    return district.id if isinstance(district, District) else district


def can_work_in(user: User, district: District | int | None) -> bool:
    """May do work owned by a district (None: by the city): active city staff anywhere, a district officer
    only in their own district; a viewer nowhere. The same rule picks liaisons and follow-up owners."""
    if user is None or not user.active or role_of(user) is Role.VIEWER:
        return False
    if is_city(user):
        return True
    district_id = _district_id(district)
    return district_id is not None and district_id == user.district_id


def is_staff(user: User) -> bool:
    """Active bureau staff who may take on work somewhere (everyone but viewers)."""
    return can_work_in(user, user.district_id)


def can_write_enterprises(user: User, district: District | int | None) -> bool:
    return can_work_in(user, district)


def require_active(user: User) -> None:
    if user is None or not user.active:
        raise PermissionDenied("账号已停用或未登录")


def visible_or_not_found(user: User, record, district: District | int | None, missing: str):
    """`record` if the user may see it; otherwise NotFound(`missing`).

    The documented exception to "refuse with PermissionDenied": a record of a district the user may not see
    is reported exactly like a record that does not exist, so a refusal never confirms that it exists nor
    shows its name. `district` is the district owning the record (None: the city); `missing` names what was
    looked for by the key the user gave ("没有编号为 7 的案件").
    """
    require_active(user)
    if record is None or not can_read_district(user, district):
        raise NotFound(missing)
    return record


def require_write_enterprise(user: User, district: District | int) -> None:
    require_district_work(user, district, "只能修改本旗区的企业")


def require_city(user: User, refusal: str = "只有市局审核员或管理员可以办理") -> None:
    require_active(user)
    if not is_city(user):
        raise PermissionDenied(refusal)


def admin_title() -> str:
    """Who administers this installation, as a refusal names it: 市局管理员 or 旗区局管理员."""
    return ROLE_LABELS[Role.CITY_ADMIN if installation.current().is_city else Role.DISTRICT_ADMIN]


def require_admin(user: User) -> None:
    require_active(user)
    if not is_admin(user):
        raise PermissionDenied(f"只有{admin_title()}可以执行此操作")


def require_city_admin(user: User, refusal: str = "只有市局管理员可以执行此操作") -> None:
    require_active(user)
    if not is_city_admin(user):
        raise PermissionDenied(refusal)


def can_back_up(user: User) -> bool:
    """Backup and restore: only the installation's administrator, since a copy holds all its data and accounts."""
    return is_admin(user)


def require_backup_rights(user: User) -> None:
    require_active(user)
    if not can_back_up(user):
        raise PermissionDenied(f"只有{admin_title()}可以备份或恢复数据库（备份含本机全部数据和全部账号）")


def require_district_work(user: User, district: District | int | None, refusal: str) -> None:
    """`can_work_in` as a check: the viewer and the other districts are refused with a reason."""
    require_active(user)
    if role_of(user) is Role.VIEWER:
        raise PermissionDenied("只读用户不能修改数据")
    if not can_work_in(user, district):
        raise PermissionDenied(refusal)
