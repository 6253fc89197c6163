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
from app.services.core.errors import NotFound, ValidationError
from app.services.core.permissions import require_admin

NOTE_LENGTH = CalendarDay.note.max_length


def _table() -> dict[date, bool]:
    return {d: w for d, w in CalendarDay.select(CalendarDay.day, CalendarDay.workday).tuples()}


_BASE = date(2000, 1, 1)
_RUNNING: list[int] = [0]  # working days after _BASE up to _BASE + n, by the package (weekdays where it has none)
_PACKAGE: dict = {}  # day → the package's answer; "source" → the function that gave them


def _check_source() -> None:
    """A replaced package (a test's stand-in) answers afresh."""
    if _PACKAGE.get("source") is not chinese_calendar.is_workday:
        _PACKAGE.clear()
        _PACKAGE["source"] = chinese_calendar.is_workday
        _RUNNING[1:] = []


def _package_answer(day: date) -> bool | None:
    """The package's answer (None: a year it does not know), kept for the process: the package never changes
    while the program runs, and every list would otherwise ask it about the same days afresh."""
    _check_source()
    if day not in _PACKAGE:
        try:
            _PACKAGE[day] = chinese_calendar.is_workday(day)
        except NotImplementedError:
            _PACKAGE[day] = None
    return _PACKAGE[day]




def _guessed(day: date) -> bool:
    answer = _package_answer(day)
    return day.weekday() < 5 if answer is None else answer


def _running_count(day: date) -> int:
    _check_source()
    offset = (day - _BASE).days
    while len(_RUNNING) <= offset:
        _RUNNING.append(_RUNNING[-1] + _guessed(_BASE + timedelta(days=len(_RUNNING))))
    return _RUNNING[offset]


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
        answer = _package_answer(day)
        if answer is None:
            if not any(d.year == day.year for d in self.overrides):
                self.unknown_years.add(day.year)
            return day.weekday() < 5
        return answer

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
        known = self._counts.get((start, end))
        if known is not None:  # a list asks this for many cases as of the same day
            return known
        self._counts[start, end] = count = self._count(start, end)
        return count

    def _count(self, start: date, end: date) -> int:
        if start < _BASE:  # before the running count: walk the days
            return sum(1 for n in range(1, (end - start).days + 1) if self.is_workday(start + timedelta(days=n)))
        # The package's running count, corrected by the table's days in the span: a list asks this for
        # thousands of cases over spans of years, and each answer is then two look-ups.
        count = _running_count(end) - _running_count(start)
        for day, workday in self.overrides.items():
            if start < day <= end:
                count += int(workday) - int(_guessed(day))
        for year in range((start + timedelta(days=1)).year, end.year + 1):
            if year not in self.unknown_years and _package_answer(date(year, 7, 1)) is None:
                if not any(d.year == year for d in self.overrides):
                    self.unknown_years.add(year)
        return count

    def warnings(self) -> list[str]:
        return [
            f"{year}年的法定节假日和调休安排尚未录入，期限暂按周六、周日休息推算，请在“系统设置—工作日历”中补录后核对"
            for year in sorted(self.unknown_years)
        ]


def known_years() -> tuple[int, int]:
    """The range of years the holiday package covers."""
    years = sorted({d.year for d in chinese_calendar.holidays})
    return years[0], years[-1]


@dataclass(frozen=True)
class YearData:
    """What the calendar knows about one year: from the package, from the table, or both."""

    year: int
    in_package: bool
    holidays: int  # entries of the editable table
    workdays: int

    @property
    def source(self) -> str:
        table = f"本系统录入 {self.holidays} 个休息日、{self.workdays} 个调休上班日" if self.entries else ""
        package = "程序内置（国务院办公厅通知）" if self.in_package else ""
        return "；".join(p for p in (package, table) if p) or "无数据（按周六、周日休息推算）"

    @property
    def entries(self) -> int:
        return self.holidays + self.workdays


def years(around: int | None = None) -> list[YearData]:
    """Every year with data, plus `around` and the year after it (the years a person is likely to add)."""
    first, last = known_years()
    counts: dict[int, list[int]] = {}
    for day, workday in CalendarDay.select(CalendarDay.day, CalendarDay.workday).tuples():
        counts.setdefault(day.year, [0, 0])[1 if workday else 0] += 1
    wanted = set(range(first, last + 1)) | counts.keys()
    if around is not None:
        wanted |= {around, around + 1}
    return [YearData(y, first <= y <= last, *counts.get(y, (0, 0))) for y in sorted(wanted)]


def days_of(year: int) -> list[CalendarDay]:
    """The editable table's entries for one year, by date."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    return list(CalendarDay.select().where(CalendarDay.day.between(start, end)).order_by(CalendarDay.day))


def set_days(actor: User, first: date, last: date, workday: bool, note: str = "") -> int:
    """Record every day from `first` to `last` (a holiday period, or one make-up day) in one transaction."""
    if last < first:
        raise ValidationError({"last": "结束日期不能早于开始日期"}, {"last": "结束日期"})
    if (last - first).days > 31:
        raise ValidationError({"last": "一次最多录入 31 天"}, {"last": "结束日期"})
    with database.atomic():
        for n in range((last - first).days + 1):
            set_day(actor, first + timedelta(days=n), workday, note, refresh=False)
    _refresh_clocks()
    return (last - first).days + 1


def _refresh_clocks() -> None:
    """Stored case clocks follow the calendar: brought up to date in the write that changed it, not in a read."""
    from app.services.cases import clock_store  # it reads this module's Calendar

    clock_store.refresh_quietly()


def clear_day(actor: User, day: date) -> None:
    """Remove an entry of the editable table: the day goes back to the package's (or the weekday's) answer."""
    require_admin(actor)
    with database.atomic():
        row = CalendarDay.get_or_none(CalendarDay.day == day)
        if row is None:
            raise NotFound(f"工作日历中没有 {day.isoformat()} 这一天的记录")
        before = audit.snapshot(row)
        audit.record(actor, "calendar.clear", row, before, None)
        row.delete_instance()
    _refresh_clocks()


def set_day(actor: User, day: date, workday: bool, note: str = "", *, refresh: bool = True) -> CalendarDay:
    """Record a holiday (workday=False) or a make-up working day (workday=True) in the editable table."""
    require_admin(actor)
    if len(note.strip()) > NOTE_LENGTH:
        raise ValidationError({"note": f"不能超过 {NOTE_LENGTH} 个字"}, {"note": "来源/说明"})
    with database.atomic():
        row = CalendarDay.get_or_none(CalendarDay.day == day)
        before = audit.snapshot(row)
        row = row or CalendarDay(day=day)
        row.workday, row.note = workday, note.strip()
        row.save()
        audit.record(actor, "calendar.set", row, before, audit.snapshot(row))
    if refresh:
        _refresh_clocks()
    return row
