"""`visit add` with follow-ups, `followup list --overdue`, `followup update`, `liaison assign`."""

import json

from app.cli import main


def test_visit_followups_and_overdue_list(cli_db, capsys):
    db, _ = cli_db
    base = ["--db", str(db)]
    assert main([*base, "enterprise", "list", "--district", "150602", "--json"]) == 0
    uscc = json.loads(capsys.readouterr().out)[0]["uscc"]
    argv = [*base, "visit", "add", uscc, "--date", "2026-03-02", "--kind", "routine", "--notes", "例行走访",
            "--followup", "协调商标维权", "--due", "2026-03-20", "--owner", "dongsheng",
            "--followup", "安排专利布局辅导", "--due", "2099-01-01", "--json"]  # fmt: skip
    assert main(argv) == 0
    visit = json.loads(capsys.readouterr().out)
    assert len(visit["followups"]) == 2 and visit["id"]
    assert main([*base, "followup", "list", "--overdue", "--json"]) == 0
    overdue = json.loads(capsys.readouterr().out)
    assert [r["description"] for r in overdue] == ["协调商标维权"] and overdue[0]["owner"] == "dongsheng"
    assert main([*base, "followup", "update", str(overdue[0]["id"]), "done", "--resolution", "已立案"]) == 0
    capsys.readouterr()
    assert main([*base, "followup", "list", "--overdue", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main([*base, "followup", "update", str(overdue[0]["id"]), "done"]) == 1
    assert "办理结果" in capsys.readouterr().err
    assert main([*base, "liaison", "assign", uscc, "dongsheng"]) == 0
    assert "联络人" in capsys.readouterr().out
    assert main([*base, "liaison", "assign", uscc, "dalate"]) == 1
