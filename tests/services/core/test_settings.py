"""Settings: every value checked by its kind and range and against the other settings, audited, announced."""

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.models import AuditLog
from app.services.core import setting_kinds as kinds
from app.services.core import settings
from app.services.core.changes import collecting
from app.services.core.errors import PermissionDenied, ValidationError

QUOTA_MAX = settings.SPECS["round.quota_max"]
DUE = settings.SPECS["list.target_due"]
DEADLINE = settings.SPECS["round.deadline"]
DIRECT = settings.SPECS["round.direct_entry"]


def test_every_setting_is_declared_for_the_screens():
    for spec in settings.SPECS.values():
        assert spec.kind in kinds.KINDS
        assert spec.group in (*settings.GROUPS, "")
        assert kinds.check(spec, spec.default) == spec.default, spec.key  # every default passes its own check
        if spec.kind == "int":
            assert spec.minimum is not None and spec.maximum is not None and spec.minimum < spec.maximum
    assert {"round.year", "round.direct_entry", "listing.publicity_days", "backup.folder", "backup.keep_daily",
            "backup.keep_weekly", "backup.on_exit"} <= settings.SPECS.keys()  # fmt: skip
    # The rule table and the hidden demo accounts are the only settings not edited as one field.
    assert [s.key for s in settings.SPECS.values() if not s.group] == ["demo.logins"]


def test_types_ranges_and_formats_are_refused_with_the_setting_named(empty_db):
    _, admin = empty_db
    cases = [
        ("round.quota_max", "8", "应为整数"),
        ("round.quota_max", True, "应为整数"),
        ("round.quota_max", 101, "不能大于 100"),
        ("import.max_rows", 0, "不能小于 1"),
        ("round.direct_entry", 1, "应为“是”或“否”"),
        ("list.target_due", "2026-02-30", "不是有效日期"),
        ("list.target_due", "20261231", "YYYY-MM-DD"),
        ("round.deadline", "02-29", "不是有效的月-日"),
        ("round.deadline", "9-1", "MM-DD"),
        ("cases.city_prefix", "  ", "不能为空"),
        ("documents.font_file", "/nowhere/font.ttf", "文件不存在"),
        ("backup.folder", "/nowhere/at/all", "文件夹不存在"),
        ("cases.number_format", "{prefix}{year}", "必须含 {sequence}"),
        ("cases.number_format", "{prefix}{bad}{sequence}", "只能使用"),
    ]
    for key, value, message in cases:
        with pytest.raises(ValidationError, match=re.escape(message)) as caught:
            settings.set_value(admin, key, value)
        assert "设置有误" in str(caught.value)
        if key != "cases.number_format":
            assert settings.SPECS[key].label in str(caught.value), key
    assert AuditLog.select().where(AuditLog.action == "setting.update").count() == 0


def test_quota_minimum_may_not_exceed_the_maximum_as_stored_or_as_sent_together(empty_db):
    _, admin = empty_db
    with pytest.raises(ValidationError, match=r"下限（9）不能大于推荐上限（8）"):
        settings.set_value(admin, "round.quota_min", 9)
    with pytest.raises(ValidationError, match=r"下限（4）不能大于推荐上限（3）"):
        settings.set_value(admin, "round.quota_max", 3)
    # Both at once are checked as they will be, so raising both works in one save.
    assert settings.set_values(admin, {"round.quota_min": 9, "round.quota_max": 12}) == [
        "round.quota_min", "round.quota_max"]  # fmt: skip
    assert (settings.get("round.quota_min"), settings.get("round.quota_max")) == (9, 12)


def test_unknown_setting_and_non_admins_are_refused(demo_users):
    with pytest.raises(ValidationError, match="未知设置项“round.nope”"):
        settings.set_value(demo_users["admin"], "round.nope", 1)
    with pytest.raises(ValidationError, match="未知设置项"):
        settings.parse("round.nope", "1")
    for login in ("shenhe", "dongsheng"):
        with pytest.raises(PermissionDenied):
            settings.set_value(demo_users[login], "list.target", 60)
    assert settings.get("list.target") == 50


def test_a_change_is_audited_before_and_after_and_announced_as_settings(empty_db):
    _, admin = empty_db
    with collecting() as collected:
        assert settings.set_values(admin, {"list.target": 80, "list.target_due": "2027-06-30"}) == [
            "list.target", "list.target_due"]  # fmt: skip
    assert collected.changes().kinds() == {"settings"}
    entries = list(AuditLog.select().where(AuditLog.action == "setting.update").order_by(AuditLog.id))
    assert [json.loads(e.after)["key"] for e in entries] == ["list.target", "list.target_due"]
    assert entries[0].before is None and json.loads(entries[0].after)["value"] == "80"
    assert entries[0].user_login == "admin"
    settings.set_value(admin, "list.target", 90)
    last = AuditLog.select().order_by(AuditLog.id.desc()).get()
    assert (json.loads(last.before)["value"], json.loads(last.after)["value"]) == ("80", "90")
    # Saving the same value again writes nothing and announces nothing.
    with collecting() as collected:
        assert settings.set_values(admin, {"list.target": 90}) == []
    assert not collected.changes()
    assert AuditLog.select().where(AuditLog.action == "setting.update").count() == 3


def test_a_new_database_has_no_target_due_date_and_the_round_follows_the_calendar(empty_db):
    assert settings.get("list.target_due") == ""
    assert settings.current_round_year(date(2031, 5, 1)) == 2031
    settings.set_value(empty_db[1], "round.year", 2027)
    assert settings.current_round_year(date(2031, 5, 1)) == 2027


def test_editing_a_default_that_was_read_does_not_change_the_default(empty_db):
    rules = settings.get("cases.deadline_rules")
    rules[0]["length"] = 999
    rules.append({"key": "made_up"})
    logins = settings.get("demo.logins")
    logins.append("intruder")
    again = settings.get("cases.deadline_rules")
    assert again[0]["length"] != 999 and len(again) == len(rules) - 1
    assert settings.DEFAULT_CASE_RULES[0]["length"] != 999
    assert settings.get("demo.logins") == [] and settings.SPECS["demo.logins"].default == []


def test_case_rule_table_keeps_its_keys_and_checks_units_and_lengths(empty_db):
    _, admin = empty_db
    rules = [dict(r) for r in settings.get("cases.deadline_rules")]
    rules[0].update(label="投诉受理", unit="days", length=10)
    settings.set_value(admin, "cases.deadline_rules", rules)
    assert settings.get("cases.deadline_rules")[0]["length"] == 10
    for change, message in (
        ({"unit": "weeks"}, "计算单位"),
        ({"length": 0}, "期限应为 1 至 3650"),
        ({"label": ""}, "名称不能为空"),
        ({"key": "made_up"}, "未知规则：made_up"),
    ):
        bad = [dict(r) for r in rules]
        bad[1].update(change)
        with pytest.raises(ValidationError, match=message):
            settings.set_value(admin, "cases.deadline_rules", bad)
    with pytest.raises(ValidationError, match="key 重复"):
        settings.set_value(admin, "cases.deadline_rules", [rules[0], rules[0]])


# --- reading values from text (the CLI) ------------------------------------------------------------------


@given(st.integers(min_value=QUOTA_MAX.minimum, max_value=QUOTA_MAX.maximum), st.sampled_from(["", " ", "\t"]))
def test_int_text_round_trips_within_the_range(number, space):
    assert settings.parse("round.quota_max", f"{space}{number}{space}") == number
    assert settings.parse("round.quota_max", settings.as_text("round.quota_max", number)) == number


@given(st.integers(min_value=QUOTA_MAX.maximum + 1) | st.integers(max_value=QUOTA_MAX.minimum - 1))
def test_int_out_of_range_is_refused_naming_the_setting(number):
    with pytest.raises(ValidationError, match=QUOTA_MAX.label):
        settings.parse("round.quota_max", str(number))


@given(st.text(max_size=12).filter(lambda t: not re.fullmatch(r"\s*[+-]?[\d_]+\s*", t)))
def test_non_numbers_are_refused_never_crash(text):
    try:
        value = settings.parse("round.quota_max", text)
    except ValidationError as error:
        assert QUOTA_MAX.label in str(error)
    else:  # int() also reads other scripts' digits (e.g. full-width ８): then the value is a checked int
        assert isinstance(value, int) and QUOTA_MAX.minimum <= value <= QUOTA_MAX.maximum


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))
def test_dates_round_trip_and_month_days_exist_every_year(day):
    assert settings.parse("list.target_due", day.isoformat()) == day.isoformat()
    month_day = f"{day.month:02d}-{day.day:02d}"
    if month_day == "02-29":
        with pytest.raises(ValidationError, match="不是有效的月-日"):
            settings.parse("round.deadline", month_day)
    else:
        assert settings.parse("round.deadline", month_day) == month_day
        assert date(day.year + 1, *map(int, month_day.split("-")))  # valid in any year


@given(st.sampled_from(sorted(kinds.TRUE_WORDS | kinds.FALSE_WORDS)), st.booleans())
def test_yes_no_words(word, upper):
    text = word.upper() if upper else word
    assert settings.parse("round.direct_entry", text) is (word in kinds.TRUE_WORDS)
    assert settings.parse("round.direct_entry", settings.as_text("round.direct_entry", word in kinds.TRUE_WORDS)) is (
        word in kinds.TRUE_WORDS)  # fmt: skip


@given(st.text(max_size=8).filter(lambda t: t.strip().lower() not in kinds.TRUE_WORDS | kinds.FALSE_WORDS))
def test_other_words_are_not_yes_or_no(text):
    with pytest.raises(ValidationError, match=DIRECT.label):
        settings.parse("round.direct_entry", text)


def test_tables_are_read_as_json_with_the_position_of_a_mistake():
    rules = settings.parse("cases.deadline_rules", json.dumps(settings.SPECS["cases.deadline_rules"].default))
    assert rules == settings.SPECS["cases.deadline_rules"].default
    with pytest.raises(ValidationError, match="不是有效的 JSON.*第 2 个字符"):
        settings.parse("cases.deadline_rules", "[x]")


def test_an_empty_optional_date_and_an_existing_path_are_accepted(tmp_path):
    assert settings.parse("list.target_due", " ") == ""
    font = tmp_path / "f.ttf"
    font.write_bytes(b"x")
    assert settings.parse("documents.font_file", f" {font} ") == str(font)
    assert settings.parse("backup.folder", str(tmp_path)) == str(Path(tmp_path))
    assert DUE.optional and (date.today() + timedelta(days=1)).isoformat() == settings.parse(
        "list.target_due", (date.today() + timedelta(days=1)).isoformat())  # fmt: skip


def test_messages_that_send_people_to_a_settings_screen_name_one_that_exists():
    root = Path(__file__).resolve().parents[3] / "app"
    named = set()
    for path in root.rglob("*.py"):
        named |= set(re.findall(r"系统设置—([^”\"）)]+)", path.read_text(encoding="utf-8")))
    assert named and named <= set(settings.GROUPS), named - set(settings.GROUPS)


def test_several_settings_read_at_once_equal_each_read_alone(empty_db):
    _, admin = empty_db
    settings.set_values(admin, {"fairs.recordal_warning_days": 45, "list.target": 60})
    keys = ("fairs.recordal_warning_days", "list.target", "list.target_due", "round.quota_max")
    assert settings.get_many(*keys) == {k: settings.get(k) for k in keys}
    assert settings.get_many(*keys)["fairs.recordal_warning_days"] == 45  # a stored value, beside the defaults
