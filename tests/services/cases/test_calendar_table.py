"""The editable working-day calendar: periods entered with their source, removed, audited, years summarised."""

import json
from datetime import date

import pytest

from app.models import AuditLog
from app.services.cases import workdays
from app.services.core.changes import collecting
from app.services.core.errors import NotFound, PermissionDenied, ValidationError

NOTICE = "国办发明电〔2027〕1号"


def test_a_holiday_period_and_a_make_up_day_change_the_count_of_working_days(empty_db):
    _, admin = empty_db
    first, last = workdays.known_years()
    year = last + 1
    before = workdays.Calendar().workdays_between(date(year, 9, 30), date(year, 10, 10))
    assert [y for y in workdays.years(year) if y.year == year][0].source.startswith("无数据")
    with collecting() as collected:
        assert workdays.set_days(admin, date(year, 10, 1), date(year, 10, 7), False, f"{NOTICE} 国庆节") == 7
        workdays.set_day(admin, date(year, 10, 9), True, NOTICE)
    assert collected.changes().kinds() == {"calendar"}
    after = workdays.Calendar().workdays_between(date(year, 9, 30), date(year, 10, 10))
    weekdays_off = sum(1 for d in range(1, 8) if date(year, 10, d).weekday() < 5)
    make_up = 1 if date(year, 10, 9).weekday() >= 5 else 0
    assert after == before - weekdays_off + make_up
    entry = {y.year: y for y in workdays.years(year)}[year]
    assert (entry.in_package, entry.holidays, entry.workdays) == (False, 7, 1)
    assert "本系统录入 7 个休息日、1 个调休上班日" in entry.source
    assert [d.note for d in workdays.days_of(year)][0] == f"{NOTICE} 国庆节"
    assert {y.year for y in workdays.years()} >= set(range(first, last + 2))


def test_removing_an_entry_is_audited_and_restores_the_weekday_answer(empty_db):
    _, admin = empty_db
    day = date(workdays.known_years()[1] + 1, 1, 1)
    workdays.set_day(admin, day, day.weekday() >= 5, "元旦")
    workdays.clear_day(admin, day)
    assert workdays.Calendar().is_workday(day) is (day.weekday() < 5)
    cleared = AuditLog.select().where(AuditLog.action == "calendar.clear").get()
    assert json.loads(cleared.before)["note"] == "元旦" and cleared.after is None
    with pytest.raises(NotFound, match="没有"):
        workdays.clear_day(admin, day)


def test_bad_periods_and_other_roles_are_refused(demo_users):
    admin = demo_users["admin"]
    with pytest.raises(ValidationError, match="结束日期不能早于开始日期"):
        workdays.set_days(admin, date(2027, 10, 7), date(2027, 10, 1), False)
    with pytest.raises(ValidationError, match="一次最多录入 31 天"):
        workdays.set_days(admin, date(2027, 1, 1), date(2027, 3, 1), False)
    with pytest.raises(ValidationError, match="来源/说明"):
        workdays.set_day(admin, date(2027, 1, 1), False, "x" * 101)
    with pytest.raises(PermissionDenied):
        workdays.set_days(demo_users["shenhe"], date(2027, 1, 1), date(2027, 1, 1), False)
    assert workdays.days_of(2027) == []
