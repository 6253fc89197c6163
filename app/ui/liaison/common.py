"""Helpers shared by the liaison pages: dates and names as text (tables: app.ui.tables; staff: the services)."""

from __future__ import annotations

from datetime import date

from app.models import User

OVERDUE_LOOK = ("#a61b1b", "#fbe3e1")  # the same red as an overdue re-examination in 重点企业名录


def text_of(day: date | None) -> str:
    return day.isoformat() if day else ""


def person(user: User | None) -> str:
    return user.display_name if user is not None else ""
