"""`stats YEAR`: the JSON figures against counts made with plain SQL, a district officer's own district, and the
workbook and the report written next to them."""

import json

from openpyxl import load_workbook

from app.cli import main
from tests.helpers.pdf import page_texts, squash
from tests.helpers.yearly_counts import expected, mismatches


def _stats(capsys, db, *argv) -> dict:
    assert main(["--db", str(db), *argv]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def test_stats_json_matches_the_tables(activity_db, capsys, today):
    db, _ = activity_db
    found = _stats(capsys, db, "stats", str(today.year), "--json")
    assert found["year"] == today.year and found["scope"] == "全市"
    assert mismatches(found, expected(db, today.year, today)) == []
    assert {s["key"]: s["total"]["received"] for s in found["sections"] if s["key"] == "cases"} == {"cases": 5}


def test_a_district_officer_gets_their_district(activity_db, capsys, monkeypatch, today):
    db, passwords = activity_db
    monkeypatch.setenv("IPREG_PASSWORD", passwords["dongsheng"])
    found = _stats(capsys, db, "--user", "dongsheng", "stats", str(today.year), "--json")
    assert found["scope"] == "东胜区"
    assert {row["code"] for part in found["sections"] for row in part["rows"]} == {"150602"}
    assert mismatches(found, expected(db, today.year, today), every_district=False) == []
    assert main(["--db", str(db), "--user", "dongsheng", "stats", str(today.year), "--district", "150621"]) == 1
    assert "只能查看本旗区" in capsys.readouterr().err


def test_stats_writes_the_workbook_and_the_report(activity_db, capsys, tmp_path, today):
    db, _ = activity_db
    xlsx, pdf = tmp_path / "统计.xlsx", tmp_path / "统计.pdf"
    assert main(["--db", str(db), "stats", str(today.year), "--xlsx", str(xlsx), "--pdf", str(pdf)]) == 0
    out = capsys.readouterr().out
    assert str(xlsx) in out and str(pdf) in out
    assert load_workbook(xlsx, read_only=True).sheetnames[-2:] == ["分类统计", "说明"]
    assert f"{today.year}年{today.month}月{today.day}日" in squash("".join(page_texts(pdf.read_bytes())))


def test_stats_prints_tables_and_refuses_a_bad_year(activity_db, capsys, today):
    db, _ = activity_db
    assert main(["--db", str(db), "stats", str(today.year)]) == 0
    out = capsys.readouterr().out
    assert "【纠纷案件】" in out and "合计" in out
    assert main(["--db", str(db), "stats", "1800"]) == 1
    assert "统计年度" in capsys.readouterr().err
    assert main(["--db", str(db), "stats", "今年"]) == 2
