"""`case new|event|show|list|acknowledge|export` and `print case` on a demo database."""

import json

import openpyxl
from pypdf import PdfReader

from app.cli import main
from app.models.db import close, connect_sqlite
from tests.helpers.many_cases import QueryCounter, add_cases


def _json(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


def test_case_commands(cli_db, capsys, tmp_path):
    db, _ = cli_db
    base = ["--db", str(db)]
    uscc = _json(capsys, *base, "enterprise", "list", "--district", "150602", "--json")[0]["uscc"]
    created = _json(capsys, *base, "case", "new", "--type", "trademark", "--enterprise", uscc, "--summary", "仿冒注册商标",
                    "--received", "2026-03-02", "--respondent", "某商贸公司", "--district", "150602", "--json")  # fmt: skip
    assert (
        created["id"] and created["number"].startswith("东胜市监知〔2026〕") and created["important"] is False
    )
    assert (
        main([*base, "case", "event", str(created["id"]), "--kind", "verification", "--date", "2026-03-05"])
        == 0
    )
    assert (
        main([*base, "case", "event", str(created["id"]), "--kind", "decision", "--date", "2026-03-06"]) == 1
    )
    assert "下一步只能是" in capsys.readouterr().err
    shown = _json(capsys, *base, "case", "show", str(created["id"]), "--json")
    clock = next(c for c in shown["clocks"] if c["key"] == "complaint_acceptance")
    assert clock["state"] == "met" and {"due", "days_left", "state"} <= set(clock)
    assert isinstance(shown["important"], bool) and "report" not in shown
    overdue = _json(capsys, *base, "case", "list", "--overdue", "--json")
    assert overdue == []
    pdf, xlsx = tmp_path / "c.pdf", tmp_path / "c.xlsx"
    assert main([*base, "print", "case", str(created["id"]), str(pdf)]) == 0
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages).replace("\n", "")
    assert created["number"] in text and "办理过程" in text and "核查" in text
    assert main([*base, "print", "case", str(created["id"]), str(pdf), "--document", "report"]) == 1
    assert main([*base, "case", "export", str(xlsx)]) == 0
    rows = list(openpyxl.load_workbook(xlsx).active.iter_rows(min_row=2, values_only=True))
    assert rows[0][0] == created["number"]


def test_case_list_takes_the_same_queries_for_one_case_or_fifty(cli_db, capsys, monkeypatch):
    db, _ = cli_db
    base = ["--db", str(db)]
    counter = QueryCounter(monkeypatch, every_database=True)

    def listed_after_adding(count: int, first: int) -> tuple[int, list]:
        connect_sqlite(db)
        add_cases(count, first=first)
        close()
        counter.reset()
        return _json(capsys, *base, "case", "list", "--json"), counter.count

    _json(capsys, *base, "case", "list", "--json")  # the first open remembers the audit head; later ones compare
    before, few = listed_after_adding(1, first=1000)
    after, many = listed_after_adding(49, first=1001)
    assert len(after) == len(before) + 49 and many == few
    assert {"parties", "timeline", "clocks"} <= set(after[0])
