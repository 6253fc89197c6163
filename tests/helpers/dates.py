"""Date arithmetic for fixtures that must work on every day of the year, 29 February included."""

from __future__ import annotations

from datetime import date


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier; 29 February becomes 28 February when that year has no 29th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
