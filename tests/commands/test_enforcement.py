"""`enforcement agency|agreement|action|share|shares` and `fair …`, `recordal …` from the command line."""

import json
from datetime import date, timedelta

import openpyxl

from app.cli import PASSWORD_ENV, main
from tests.conftest import ADMIN_PASSWORD


def _run(capsys, *argv) -> str:
    assert main(list(argv)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def test_a_joint_action_with_a_case_and_a_shared_extract(cli_db, capsys, monkeypatch, tmp_path):
    db, passwords = cli_db
    monkeypatch.setenv(PASSWORD_ENV, ADMIN_PASSWORD)
    admin = ["--db", str(db), "--user", "admin"]
    police = json.loads(_run(capsys, *admin, "enforcement", "agency", "add", "东胜公安分局", "--kind", "公安",
                             "--contact", "刘警官", "--json"))  # fmt: skip
    assert police["kind"] == "police" and "东胜公安分局" in _run(capsys, *admin, "enforcement", "agency", "list")

    monkeypatch.setenv(PASSWORD_ENV, passwords["dongsheng"])
    base = ["--db", str(db), "--user", "dongsheng"]
    assert main([*base, "enforcement", "agency", "add", "越权单位"]) == 1
    assert "市局维护" in capsys.readouterr().err
    _run(capsys, *base, "enforcement", "agreement", "add", "东胜区", "--date", "2026-01-05", "--title", "协作备忘录",
         "--party", "东胜公安分局")  # fmt: skip
    assert "协作备忘录" in _run(capsys, *base, "enforcement", "agreement", "list")
    uscc = json.loads(_run(capsys, *base, "enterprise", "list", "--district", "150602", "--json"))[0]["uscc"]
    case = json.loads(_run(capsys, *base, "case", "new", "--type", "trademark", "--enterprise", uscc,
                           "--summary", "市场检查发现假冒商标", "--received", "2026-03-02", "--json"))  # fmt: skip
    action = json.loads(_run(capsys, *base, "enforcement", "action", "add", "150602", "--date", "2026-03-01",
                             "--title", "羊绒市场联合检查", "--partner", str(police["id"]), "--enterprise", uscc,
                             "--case", str(case["id"]), "--results", "立案 1 件", "--json"))  # fmt: skip
    assert action["cases"][0]["number"] == case["number"] and action["partners"] == ["东胜公安分局"]
    listed = json.loads(_run(capsys, *base, "enforcement", "action", "list", "--json"))
    assert [a["id"] for a in listed] == [action["id"]]

    out = tmp_path / "extract.xlsx"
    _run(capsys, *base, "enforcement", "share", "东胜公安分局", "--case", str(case["id"]), "--fields",
         "number,案情摘要", "--out", str(out))  # fmt: skip
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows == [("项目", "内容"), ("案件编号", case["number"]), ("案情摘要", "市场检查发现假冒商标")]
    shares = json.loads(_run(capsys, *base, "enforcement", "shares", "--json"))
    assert [s["fields"] for s in shares] == [["案件编号", "案情摘要"]]
    assert main([*base, "enforcement", "share", "东胜公安分局", "--case", str(case["id"])]) == 1


def test_fairs_and_recordals_from_the_command_line(cli_db, capsys, monkeypatch):
    db, passwords = cli_db
    monkeypatch.setenv(PASSWORD_ENV, passwords["dongsheng"])
    base = ["--db", str(db), "--user", "dongsheng"]
    uscc = json.loads(_run(capsys, *base, "enterprise", "list", "--district", "150602", "--json"))[0]["uscc"]
    fair = json.loads(_run(capsys, *base, "fair", "add", uscc, "--name", "羊绒交易会", "--start", "2026-05-20",
                           "--end", "2026-05-23", "--pre-check", "--cases", "1", "--json"))  # fmt: skip
    assert fair["protection"] == "展前检查、处理投诉 1 件"
    assert "羊绒交易会" in _run(capsys, *base, "fair", "list", "--uscc", uscc)
    soon = (date.today() + timedelta(days=30)).isoformat()
    rec = json.loads(_run(capsys, *base, "recordal", "add", uscc, "--kind", "商标", "--right", "鄂尔多斯 第1号",
                          "--number", "T2021-12345", "--until", soon, "--json"))  # fmt: skip
    due = json.loads(_run(capsys, *base, "recordal", "list", "--due", "--json"))
    assert [r["id"] for r in due] == [rec["id"]] and due[0]["state"] == "due"
    _run(capsys, *base, "recordal", "renew", str(rec["id"]), (date.today() + timedelta(days=3650)).isoformat())
    assert json.loads(_run(capsys, *base, "recordal", "list", "--due", "--json")) == []
    monkeypatch.setenv(PASSWORD_ENV, passwords["dalate"])
    other = ["--db", str(db), "--user", "dalate"]
    assert json.loads(_run(capsys, *other, "recordal", "list", "--json")) == []
    assert main([*other, "fair", "add", uscc, "--name", "越权", "--start", "2026-05-20"]) == 1
