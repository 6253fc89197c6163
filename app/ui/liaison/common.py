"""Helpers shared by the liaison pages: date conversion and the users who may take on work (tables: app.ui.tables)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

from app.models import User
from app.services.accounts import users as accounts
from app.services.core.permissions import CITY_ROLES, Role, role_of, visible_district_ids

OVERDUE_LOOK = ("#a61b1b", "#fbe3e1")  # the same red as an overdue re-examination in 重点企业名录


def date_edit(value: date | None = None) -> QDateEdit:
    edit = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
    edit.setDate(QDate(value) if value else QDate.currentDate())
    return edit


def day_of(edit: QDateEdit) -> date:
    return edit.date().toPython()


def text_of(day: date | None) -> str:
    return day.isoformat() if day else ""


def may_take_work(user: User, district_id: int | None) -> bool:
    """Active bureau staff of the district (any district when None) or of the city: liaisons and owners."""
    role = role_of(user)
    if not user.active or role is Role.VIEWER:
        return False
    return role in CITY_ROLES or district_id is None or user.district_id == district_id


def staff_for(district_id: int | None) -> list[User]:
    """Who may be a liaison or follow-up owner for an enterprise of the district: its officers first."""
    people = [u for u in accounts.users() if may_take_work(u, district_id)]
    return sorted(people, key=lambda u: (role_of(u) in CITY_ROLES, u.display_name))


def visible_staff(actor: User) -> list[User]:
    """Staff whose items the actor can see: everyone for the city, the own district's people otherwise."""
    allowed = visible_district_ids(actor)
    people = [u for u in accounts.users() if may_take_work(u, None)]
    if allowed is not None:
        people = [u for u in people if u.district_id in allowed or role_of(u) in CITY_ROLES]
    return sorted(people, key=lambda u: u.display_name)


def person(user: User | None) -> str:
    return user.display_name if user is not None else ""
