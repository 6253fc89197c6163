"""Roles and what each may do. Every service asks here; the GUI and the CLI obey the same rules."""

from __future__ import annotations

from enum import StrEnum

from app.models import District, Enterprise, User
from app.services.core.errors import PermissionDenied


class Role(StrEnum):
    CITY_ADMIN = "city_admin"
    CITY_REVIEWER = "city_reviewer"
    DISTRICT_OFFICER = "district_officer"
    VIEWER = "viewer"


ROLE_LABELS = {
    Role.CITY_ADMIN: "市局管理员",
    Role.CITY_REVIEWER: "市局审核员",
    Role.DISTRICT_OFFICER: "旗区局联络员",
    Role.VIEWER: "只读用户",
}

CITY_ROLES = frozenset({Role.CITY_ADMIN, Role.CITY_REVIEWER})


def role_of(user: User) -> Role:
    return Role(user.role)


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
    district_id = district.id if isinstance(district, District) else district
    allowed = visible_district_ids(user)
    return allowed is None or district_id in allowed


def can_write_enterprises(user: User, district: District | int) -> bool:
    role = role_of(user)
    if role is Role.VIEWER:
        return False
    if role in CITY_ROLES:
        return True
    return can_read_district(user, district)


def require_active(user: User) -> None:
    if user is None or not user.active:
        raise PermissionDenied("账号已停用或未登录")


def require_read_enterprise(user: User, enterprise: Enterprise) -> None:
    require_active(user)
    if not can_read_district(user, enterprise.district_id):
        raise PermissionDenied("无权查看其他旗区的企业")


def require_write_enterprise(user: User, district: District | int) -> None:
    require_active(user)
    if role_of(user) is Role.VIEWER:
        raise PermissionDenied("只读用户不能修改数据")
    if not can_write_enterprises(user, district):
        raise PermissionDenied("只能修改本旗区的企业")


def require_admin(user: User) -> None:
    require_active(user)
    if role_of(user) is not Role.CITY_ADMIN:
        raise PermissionDenied("只有市局管理员可以执行此操作")


def can_back_up(user: User) -> bool:
    """Backup and restore: only the city administrator, since a copy holds every district and every account."""
    return user is not None and user.active and role_of(user) is Role.CITY_ADMIN


def require_backup_rights(user: User) -> None:
    require_active(user)
    if not can_back_up(user):
        raise PermissionDenied("只有市局管理员可以备份或恢复数据库（备份含全部旗区的数据和全部账号）")


def require_district_work(user: User, district: District | None, refusal: str) -> None:
    """Work owned by a district (None: by the city): city roles may do it, a district only its own."""
    require_active(user)
    role = role_of(user)
    if role is Role.VIEWER:
        raise PermissionDenied("只读用户不能修改数据")
    if role not in CITY_ROLES and (district is None or district.id != user.district_id):
        raise PermissionDenied(refusal)
