"""The yearly figures against counts made here with plain SQL on the same file, district by district; who sees
what; and that the work is a fixed number of grouped queries, whatever the amount of data."""

import logging

import pytest

from app.services.accounts import users as accounts
from app.services.applications import forms as applications
from app.services.core.errors import PermissionDenied, ValidationError
from app.services.statistics import figures
from app.services.statistics.figures import section
from app.services.system import database as setup
from tests.helpers.yearly_counts import expected, mismatches


def test_the_figures_match_counts_made_from_the_tables(activity_db, today):
    path, _ = activity_db
    found = figures.yearly(accounts.get_user("admin"), today.year, today=today)
    assert found["scope"] == "全市" and found["as_of"] == today.isoformat()
    assert mismatches(found, expected(path, today.year, today)) == []


def test_the_check_would_notice_a_wrong_figure(activity_db, today):
    path, _ = activity_db
    found = figures.yearly(accounts.get_user("admin"), today.year, today=today)
    section(found, "liaison")["rows"][0]["visits"] += 1
    section(found, "cases")["rows"].pop()
    wrong = mismatches(found, expected(path, today.year, today))
    assert any("liaison/东胜区/visits" in w for w in wrong) and any("cases: row city missing" in w for w in wrong)


def test_the_demo_year_is_not_all_zeros(activity_db, today):
    """The comparison above means something only if the activity database has figures in every section."""
    found = figures.yearly(accounts.get_user("admin"), today.year, today=today)
    for part in found["sections"]:
        assert any(v for k, v in part["total"].items() if k != "name"), part["key"]
    breakdowns = {b["key"]: b["counts"] for b in found["breakdowns"]}
    assert breakdowns["case_channels"] == {"调解": 1, "行政处罚": 1}
    assert breakdowns["case_outcomes"] == {"调解结案": 1, "不予立案/驳回": 1}
    assert breakdowns["questionnaire_titles"] == {"企业知识产权服务测试问卷": 3}
    assert section(found, "enterprises")["total"]["renewed"] == 1
    assert section(found, "enterprises")["total"]["removed"] == 1


def test_a_district_officer_sees_their_own_district_only(activity_db, today):
    admin, officer = accounts.get_user("admin"), accounts.get_user("dongsheng")
    city = figures.yearly(admin, today.year, today=today)
    own = figures.yearly(officer, today.year, today=today)
    assert own["scope"] == "东胜区"
    for part in own["sections"]:
        assert [r["code"] for r in part["rows"]] == ["150602"], part["key"]
        city_row = next(r for r in section(city, part["key"])["rows"] if r["code"] == "150602")
        assert part["rows"][0] == city_row
        assert {k: v for k, v in part["total"].items() if k != "name"} == {
            k: v for k, v in city_row.items() if k not in ("code", "name")
        }  # fmt: skip
    breakdowns = {b["key"]: b["counts"] for b in own["breakdowns"]}
    assert breakdowns["case_types"] == {"商标侵权": 1}
    assert breakdowns["questionnaire_titles"] == {"企业知识产权服务测试问卷": 2}
    with pytest.raises(PermissionDenied):
        figures.yearly(officer, today.year, "150621", today=today)


def test_a_city_user_may_choose_one_district(activity_db, today):
    admin = accounts.get_user("admin")
    city = figures.yearly(admin, today.year, today=today)
    dalate = figures.yearly(admin, today.year, "150621", today=today)
    assert dalate["scope"] == "达拉特旗" and dalate["district"] == "150621"
    for part in dalate["sections"]:
        assert [r["code"] for r in part["rows"]] == ["150621"]
        assert part["rows"][0] == next(r for r in section(city, part["key"])["rows"] if r["code"] == "150621")
    assert "city" in [r["code"] for r in section(city, "cases")["rows"]]
    with pytest.raises(ValidationError):
        figures.yearly(admin, today.year, "999999")
    with pytest.raises(ValidationError):
        figures.yearly(admin, 1899)


def test_a_year_without_work_counts_nothing_but_the_register(activity_db, today):
    found = figures.yearly(accounts.get_user("admin"), today.year - 5, today=today)
    assert section(found, "enterprises")["total"]["register"] == 0  # nobody was registered yet
    assert section(found, "cases")["total"]["mean_days"] is None
    assert all(not b["counts"] for b in found["breakdowns"])


class _Statements(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record):
        self.count += 1


def _statements(actor, year) -> int:
    logger, handler = logging.getLogger("peewee"), _Statements()
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        figures.yearly(actor, year)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return handler.count


def test_the_work_is_a_fixed_number_of_grouped_queries(demo_db, activity_template, tmp_path, today):
    """No query per enterprise, visit or case: the statement count is the same on the bare demo register and
    on the one with a year's activity, and stays small."""
    admin = accounts.get_user("admin")
    applications.round_for(today.year, actor=admin)  # as in the busy one, where the round exists
    bare = _statements(admin, today.year)

    busy_path = tmp_path / "busy.db"
    busy_path.write_bytes(activity_template[0].read_bytes())
    setup.open_register(busy_path)
    busy = _statements(accounts.get_user("admin"), today.year)
    assert bare == busy
    assert busy <= 25
