"""China's working-day calendar for legal time limits: weekends, public holidays and make-up working days (调休).

The `chinese-calendar` package knows the State Council's schedule up to the year it was released; the
editable table (CalendarDay) adds or corrects days for later years. A day in a year that neither knows is
counted by weekday alone, and the result says so, so nobody trusts a deadline the app could not check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import chinese_calendar

from app.models import CalendarDay, User
from app.models.db import database
from app.services.core import audit
from app.services.core.permissions import require_admin


def _table() -> dict[date, bool]:
    return {d: w for d, w in CalendarDay.select(CalendarDay.day, CalendarDay.workday).tuples()}


@dataclass
class Calendar:
    """Answers "is this a working day?" for one computation, remembering years it had to guess."""

    overrides: dict[date, bool] = field(default_factory=_table)
    unknown_years: set[int] = field(default_factory=set)
    # Answers already given: the package checks its whole table on every call, and a list of thousands of
    # cases asks about the same few hundred days again and again.
    _answers: dict[date, bool] = field(default_factory=dict, repr=False)
    _counts: dict[tuple[date, date], int] = field(default_factory=dict, repr=False)

    def is_workday(self, day: date) -> bool:
        answer = self._answers.get(day)
        if answer is None:
            answer = self._answers[day] = self._look_up(day)
        return answer

    def _look_up(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            if not any(d.year == day.year for d in self.overrides):
                self.unknown_years.add(day.year)
            return day.weekday() < 5

    def add_workdays(self, start: date, count: int, skip=lambda d: False) -> date:
        """The `count`-th working day after `start`, not counting days for which `skip(day)` holds."""
        day, left = start, count
        while left > 0:
            day += timedelta(days=1)
            if self.is_workday(day) and not skip(day):
                left -= 1
        return day

    def workdays_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
        if end < start:
            return -self.workdays_between(end, start)
        if (start, end) not in self._counts:  # a list asks this for many cases as of the same day
            days = (start + timedelta(days=n) for n in range(1, (end - start).days + 1))
            self._counts[start, end] = sum(1 for day in days if self.is_workday(day))
        return self._counts[start, end]

    def warnings(self) -> list[str]:
        return [
            f"{year}年的法定节假日和调休安排尚未录入，期限暂按周六、周日休息推算，请在“系统设置—工作日历”中补录后核对"
            for year in sorted(self.unknown_years)
        ]


def known_years() -> tuple[int, int]:
    """The range of years the holiday package covers."""
    years = sorted({d.year for d in chinese_calendar.holidays})
    return years[0], years[-1]


def set_day(actor: User, day: date, workday: bool, note: str = "") -> CalendarDay:
    """Record a holiday (workday=False) or a make-up working day (workday=True) in the editable table."""
    require_admin(actor)
    with database.atomic():
        row = CalendarDay.get_or_none(CalendarDay.day == day)
        before = audit.snapshot(row)
        row = row or CalendarDay(day=day)
        row.workday, row.note = workday, note.strip()
        row.save()
        audit.record(actor, "calendar.set", row, before, audit.snapshot(row))
    return row
