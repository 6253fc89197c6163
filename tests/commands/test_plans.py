"""`plan create|project add|task add|task done --evidence visit:ID|show|progress|print` and `duty set|list|print`."""

import json

from pypdf import PdfReader

from app.cli import PASSWORD_ENV, main


def _run(capsys, *argv) -> str:
    assert main(list(argv)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def test_a_plan_from_the_command_line_rolls_up_and_prints(cli_db, capsys, monkeypatch, tmp_path):
    db, passwords = cli_db
    monkeypatch.setenv(PASSWORD_ENV, passwords["dongsheng"])
    base = ["--db", str(db), "--user", "dongsheng"]
    plan = json.loads(_run(capsys, *base, "plan", "create", "东胜区", "2026", "--title", "东胜区工作实施方案",
                           "--goal-visits", "20", "--json"))["id"]  # fmt: skip
    assert "已添加项目" in _run(capsys, *base, "plan", "project", "add", str(plan), "--title", "走访全覆盖")
    shown = json.loads(_run(capsys, *base, "plan", "show", "--district", "150602", "--year", "2026", "--json"))
    project = shown["projects"][0]["id"]
    for title, due in (("走访甲企业", "2026-11-30"), ("建立问题清单", "2026-03-01"), ("回访", "2027-06-30")):
        _run(capsys, *base, "plan", "task", "add", str(project), "--title", title, "--owner", "王磊", "--due", due)
    uscc = json.loads(_run(capsys, *base, "enterprise", "list", "--district", "150602", "--json"))[0]["uscc"]
    visit = json.loads(_run(capsys, *base, "visit", "add", uscc, "--date", "2026-11-20", "--notes", "走访", "--json"))
    tasks = [t["id"] for t in json.loads(_run(capsys, *base, "plan", "show", str(plan), "--json"))["projects"][0]["tasks"]]
    out = _run(capsys, *base, "plan", "task", "done", str(tasks[0]), "--evidence", f"visit:{visit['id']}")
    assert f"走访 #{visit['id']}" in out
    assert main([*base, "plan", "task", "done", str(tasks[1]), "--evidence", "meeting:1"]) == 1
    assert "完成依据" in capsys.readouterr().err

    rolled = json.loads(_run(capsys, *base, "plan", "progress", "--year", "2026", "--json"))
    assert [d["district"] for d in rolled["districts"]] == ["东胜区"]  # a district officer sees their own
    assert (rolled["total"], rolled["done"], rolled["percent"]) == (3, 1, 33.3)
    assert rolled["districts"][0]["overdue"] >= 1  # 建立问题清单 was due on 1 March

    pdf = tmp_path / "plan.pdf"
    assert "已生成" in _run(capsys, *base, "plan", "print", str(plan), str(pdf))
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "东胜区工作实施方案" in text and "走访全覆盖" in text and f"走访 #{visit['id']}" in text


def test_duties_are_set_listed_and_printed_on_one_page(cli_db, capsys, monkeypatch, tmp_path):
    db, passwords = cli_db
    monkeypatch.setenv(PASSWORD_ENV, passwords["dalate"])
    base = ["--db", str(db), "--user", "dalate"]
    _run(capsys, *base, "duty", "set", "达拉特旗", "2026", "--leader", "高建国|副局长|0477-8160001|第一责任人",
         "--officer", "王磊|股长||联络 4 家企业")  # fmt: skip
    assert main([*base, "duty", "set", "东胜区", "2026", "--leader", "越权"]) == 1
    listed = json.loads(_run(capsys, *base, "duty", "list", "--year", "2026", "--json"))
    assert list(listed) == ["达拉特旗"] and [r["name"] for r in listed["达拉特旗"]] == ["高建国", "王磊"]
    pdf = tmp_path / "duty.pdf"
    _run(capsys, *base, "duty", "print", "达拉特旗", "2026", str(pdf))
    reader = PdfReader(pdf)
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1 and "责任分工表" in text and "高建国" in text and "联络 4 家企业" in text
