"""Which dates a field accepts, declared once: the date fields of the screens and the services read the same rule.

A rule never changes a date: a date outside its range, or one that does not exist, is refused with a message
naming the field and the range, and the person corrects it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.services.core.validation import clean_date

PLANNING_DAYS = 366  # how far ahead a visit or an event may be entered: planned within the next year


@dataclass(frozen=True)
class DateRule:
    """Dates from `earliest` to today + `days_ahead` (or to `latest` when given)."""

    earliest: date
    days_ahead: int | None = 0
    latest: date | None = None
    why: str = ""  # said after the range when a date is too late, e.g. "不能是将来的日期"

    def last(self, today: date | None = None) -> date:
        if self.latest is not None:
            return self.latest
        return (today or date.today()) + timedelta(days=self.days_ahead or 0)

    def problem(self, value: date, today: date | None = None) -> str:
        """'' when `value` is allowed, else a Chinese message (without the field's name)."""
        if value < self.earliest:
            return f"不能早于 {self.earliest.isoformat()}"
        last = self.last(today)
        if value > last:
            return f"不能晚于 {last.isoformat()}" + (f"（{self.why}）" if self.why else "")
        return ""

    def parse(self, raw, today: date | None = None) -> date | None:
        """The date typed (None when empty); ValueError with a Chinese message when it is not a real date in range."""
        value = clean_date(raw, earliest=date.min, latest=date.max)
        if value is not None:
            message = self.problem(value, today)
            if message:
                raise ValueError(f"{value.isoformat()} {message}")
        return value

    def required(self, raw, errors: dict, key: str) -> date | None:
        """The date typed for the required field `key`; a missing or bad one is noted in `errors[key]`."""
        try:
            value = self.parse(raw)
        except ValueError as exc:
            errors[key] = str(exc)
            return None
        if value is None:
            errors[key] = "必填"
        return value


PAST = DateRule(date(1900, 1, 1), 0, why="不能是将来的日期")  # founding dates
HAPPENED = DateRule(date(2000, 1, 1), 0, why="不能是将来的日期")  # case events, consultations, receipts
PLANNED = DateRule(date(2000, 1, 1), PLANNING_DAYS, why="最多可提前一年登记")  # visits, events, assignments
DUE = DateRule(date(2000, 1, 1), latest=date(2100, 1, 1))  # deadlines of follow-ups
ANY = DateRule(date(2000, 1, 1), latest=date(2100, 12, 31))  # filters, calendars, decisions on paper


@dataclass(frozen=True)
class YearRule:
    """Years from `earliest` to this year + `years_ahead`."""

    earliest: int
    years_ahead: int = 0

    def problem(self, year: int, today: date | None = None) -> str:
        last = (today or date.today()).year + self.years_ahead
        if not self.earliest <= year <= last:
            return f"{year} 年超出范围：应在 {self.earliest}—{last} 年之间"
        return ""

    def parse(self, raw, today: date | None = None) -> int | None:
        text = str(raw if raw is not None else "").strip().removesuffix("年").strip()
        if not text:
            return None
        if not (text.isascii() and text.isdigit() and len(text) == 4):
            raise ValueError(f"“{text}”不是四位年份，请写成 2026 形式")
        message = self.problem(int(text), today)
        if message:
            raise ValueError(message)
        return int(text)


PAST_YEAR = YearRule(1980, 0)  # years something happened: a criterion met, a certification, a dispute
HOLDING_YEAR = YearRule(1980, 1)  # the counts of a year may be entered for the coming year too
HONOR_YEAR = YearRule(2000, 0)  # the titles (优势/示范企业) began in the 2000s


def year_problem(rule: YearRule, year, today: date | None = None) -> str:
    """'' when `year` (an int, or None for "not given") is allowed, else the message."""
    if year is None:
        return ""
    if isinstance(year, bool) or not isinstance(year, int):
        return f"“{year}”不是年份"
    return rule.problem(year, today)
