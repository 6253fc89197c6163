"""Date and year rules: a date is accepted exactly as typed or refused with a message naming the range."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.services.applications.form_data import ApplicationForm, CriterionClaim, validate
from app.services.core import dates
from app.services.core.errors import ValidationError
from app.services.enterprises import records
from app.services.enterprises.search import EnterpriseQuery, search_ids

TODAY = date(2026, 12, 3)


@given(st.dates(date(1800, 1, 1), date(2200, 12, 31)))
def test_a_date_in_range_comes_back_unchanged_and_one_outside_is_refused(day):
    for rule in (dates.PAST, dates.HAPPENED, dates.PLANNED, dates.DUE):
        inside = rule.earliest <= day <= rule.last(TODAY)
        if inside:
            assert rule.parse(day.isoformat(), TODAY) == day
        else:
            with pytest.raises(ValueError, match=day.isoformat()):
                rule.parse(day.isoformat(), TODAY)


def test_the_limits_and_messages():
    assert dates.PLANNED.parse("2027-12-04", TODAY) == date(2027, 12, 4)  # a year (366 days) ahead
    with pytest.raises(ValueError, match="不能晚于 2027-12-04（最多可提前一年登记）"):
        dates.PLANNED.parse("2027-12-05", TODAY)
    with pytest.raises(ValueError, match="不能晚于 2026-12-03（不能是将来的日期）"):
        dates.HAPPENED.parse("2027-01-15", TODAY)
    with pytest.raises(ValueError, match="日期不存在"):
        dates.PLANNED.parse("2027-02-30", TODAY)
    with pytest.raises(ValueError, match="无法识别"):
        dates.PAST.parse("明年三月", TODAY)
    assert dates.PAST.parse("", TODAY) is None and dates.PAST.parse(None, TODAY) is None


@given(st.integers(0, 9999))
def test_years_are_refused_outside_the_rule_never_changed(year):
    message = dates.year_problem(dates.PAST_YEAR, year, TODAY)
    assert (message == "") == (1980 <= year <= 2026)
    if message:
        assert str(year) in message and "1980—2026" in message


def test_the_application_form_refuses_future_years():
    form = ApplicationForm()
    key = next(iter(form.criteria)) if form.criteria else "invention_patents"
    form.criteria[key] = CriterionClaim(True, date.today().year + 4, "")
    form.holdings["year"] = date.today().year + 4
    form.management["gbt29490_year"] = date.today().year + 4
    problems = validate(form, for_submission=False)
    assert {f"B.{key}", "C.year", "D.gbt29490_year"} <= set(problems)
    assert all(str(date.today().year + 4) in problems[p] for p in ("C.year", "D.gbt29490_year"))


def test_holdings_and_honours_refuse_future_years(demo_users):
    admin = demo_users["admin"]
    ent_id = search_ids(admin, EnterpriseQuery())[0]
    next_year = date.today().year + 1
    with pytest.raises(ValidationError, match=str(next_year + 1)):
        records.save_holding(admin, ent_id, next_year + 1, {"invention_patents": 1})
    assert records.save_holding(admin, ent_id, next_year, {"invention_patents": 1}).year == next_year
    with pytest.raises(ValidationError, match=str(next_year)):
        records.add_honor(admin, ent_id, "regional", "advantage", next_year)
