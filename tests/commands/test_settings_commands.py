"""`settings list|set` and `calendar set|clear|years` end to end on a demo database."""

import json

from app.cli import main


def _run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _settings(capsys, base):
    code, out, _ = _run(capsys, *base, "settings", "list", "--json")
    assert code == 0
    return {row["key"]: row for row in json.loads(out)}


def test_settings_list_and_set_each_kind(cli_db, capsys, monkeypatch, tmp_path):
    db, passwords = cli_db
    base = ["--db", str(db)]
    rows = _settings(capsys, base)
    assert rows["round.quota_max"]["value"] == 8 and rows["round.quota_max"]["group"] == "轮次与名录"
    assert rows["list.target_due"]["value"] == "" and "demo.accounts" not in rows
    code, out, _ = _run(capsys, *base, "settings", "list")
    assert code == 0 and "【案件期限】" in out and "round.quota_max" in out and "每旗区每轮推荐上限：8家" in out

    sent = (("round.quota_max", "１２", 12), ("round.direct_entry", "off", False),
            ("list.target_due", "2027-06-30", "2027-06-30"), ("round.deadline", "09-30", "09-30"),
            ("backup.folder", str(tmp_path), str(tmp_path)))  # fmt: skip
    for key, text, _value in sent:
        code, out, err = _run(capsys, *base, "settings", "set", key, text)
        assert code == 0, err
        assert rows[key]["label"] in out
    rules = rows["cases.deadline_rules"]["value"]
    rules[0]["length"] = 9
    assert _run(capsys, *base, "settings", "set", "cases.deadline_rules", json.dumps(rules, ensure_ascii=False))[0] == 0
    after = _settings(capsys, base)
    assert {key: after[key]["value"] for key, _text, _value in sent} == {key: value for key, _text, value in sent}
    assert after["cases.deadline_rules"]["value"][0]["length"] == 9
    code, out, _ = _run(capsys, *base, "settings", "set", "round.quota_max", "12")
    assert code == 0 and "未改变" in out
    code, out, _ = _run(capsys, *base, "audit", "list", "--action", "setting.", "--json")
    changed = [e["after"]["key"] for e in json.loads(out) if e["after"]["key"] != "demo.logins"]
    assert sorted(changed) == sorted(["round.quota_max", "round.direct_entry", "list.target_due", "round.deadline",
                                      "backup.folder", "cases.deadline_rules"])  # fmt: skip

    for key, text, message in (("round.quota_min", "13", "不能大于推荐上限（12）"),
                               ("round.quota_max", "many", "“many”不是整数"),
                               ("list.target_due", "2027-02-30", "不是有效日期"),
                               ("cases.deadline_rules", "[", "不是有效的 JSON"),
                               ("no.such", "1", "未知设置项")):  # fmt: skip
        code, _, err = _run(capsys, *base, "settings", "set", key, text)
        assert code == 1 and message in err, (key, err)

    monkeypatch.setenv("IPREG_PASSWORD", passwords["shenhe"])
    code, _, err = _run(capsys, *base, "--user", "shenhe", "settings", "set", "list.target", "60")
    assert code == 1 and "市局管理员" in err
    assert _run(capsys, *base, "--user", "shenhe", "settings", "list")[0] == 0  # everyone may read them


def test_calendar_set_clear_and_years(cli_db, capsys):
    db, _ = cli_db
    base = ["--db", str(db)]
    code, out, err = _run(capsys, *base, "calendar", "set", "2099-10-01", "holiday", "--note", "国庆节")
    assert code == 0 and "已录入 2099-10-01 为休息日（国庆节）" in out, err
    assert _run(capsys, *base, "calendar", "set", "2099-10-10", "workday")[0] == 0
    code, out, _ = _run(capsys, *base, "calendar", "years", "--json")
    years = {y["year"]: y for y in json.loads(out)}
    assert (years[2099]["holidays"], years[2099]["workdays"], years[2099]["in_package"]) == (1, 1, False)
    assert any(y["in_package"] for y in years.values())
    code, out, _ = _run(capsys, *base, "calendar", "years")
    assert "2099  本系统录入 1 个休息日、1 个调休上班日" in out
    assert _run(capsys, *base, "calendar", "clear", "2099-10-10")[0] == 0
    code, _, err = _run(capsys, *base, "calendar", "clear", "2099-10-10")
    assert code == 1 and "没有 2099-10-10" in err
    code, _, err = _run(capsys, *base, "calendar", "set", "2099-13-01", "holiday")
    assert code == 2 and "不是有效日期" in err
    code, _, err = _run(capsys, *base, "calendar", "set", "2099-10-02", "vacation")
    assert code == 2


def test_a_district_installation_reads_the_citys_round_settings_but_sets_only_its_own(
    tmp_path, capsys, monkeypatch
):
    from tests.conftest import ADMIN_PASSWORD

    base = ["--db", str(tmp_path / "dongsheng.db")]
    monkeypatch.setenv("IPREG_PASSWORD", ADMIN_PASSWORD)
    assert _run(capsys, *base, "init", "--scope", "东胜区")[0] == 0
    for key, text in (("round.deadline", "11-30"), ("round.quota_max", "9"), ("list.target", "60"),
                      ("eligibility.min_invention_patents", "5"), ("listing.objection_phone", "0477-1")):  # fmt: skip
        code, _, err = _run(capsys, *base, "settings", "set", key, text)
        assert code == 1 and "由市局管理员设定" in err, key
    assert _settings(capsys, base)["round.deadline"]["value"] == "10-09"
    # Its own upkeep stays its own: reminders, imports, backups, sign-in.
    for key, text in (("dashboard.due_days", "60"), ("import.max_rows", "5000"), ("accounts.lock_minutes", "30")):
        code, out, err = _run(capsys, *base, "settings", "set", key, text)
        assert code == 0, err
    assert _settings(capsys, base)["dashboard.due_days"]["value"] == 60
