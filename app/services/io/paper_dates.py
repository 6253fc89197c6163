"""Dates as they are written on paper: 2026年12月3日, never the ISO form used in files and the database."""

from __future__ import annotations

import re
from datetime import date, datetime

_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?!\d)")


def paper_date(value: date | datetime | str | None) -> str:
    """`value` (a date, a datetime or an ISO string) as 2026年12月3日; "" for None; other text unchanged."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    text = str(value).strip()
    match = _ISO.fullmatch(text)
    return _from_match(match) if match else str(value)


def paper_dates_in(text: str) -> str:
    """Every ISO date inside generated text (a time-limit warning, a note built from stored dates) on paper."""
    return _ISO.sub(_from_match, text)


def _from_match(match: re.Match) -> str:
    year, month, day = (int(g) for g in match.groups())
    try:
        return paper_date(date(year, month, day))
    except ValueError:
        return match.group(0)  # not a real date: printed as stored
