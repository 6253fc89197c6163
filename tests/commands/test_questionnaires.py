"""`questionnaire list|export|import|results|print|install-builtin` through the real command line."""

import json

import openpyxl

from app.cli import main


def _run(db, *args, user="admin"):
    return main(["--db", str(db), "--user", user, "questionnaire", *args])


def test_questionnaire_commands_end_to_end(cli_db, tmp_path, capsys, monkeypatch):
    db, passwords = cli_db
    assert _run(db, "install-builtin") == 0
    assert _run(db, "install-builtin") == 0
    assert "已存在" in capsys.readouterr().out
    assert _run(db, "list", "--json") == 0
    [listed] = json.loads(capsys.readouterr().out)
    qid = listed["id"]
    assert listed["version"] == 1 and listed["questions"] == 13 and listed["complete"] == 0

    monkeypatch.setenv("IPREG_PASSWORD", passwords["dongsheng"])
    sheet = tmp_path / "sheet.xlsx"
    assert _run(db, "export", str(qid), str(sheet), user="dongsheng") == 0
    assert "4 家企业" in capsys.readouterr().out
    wb = openpyxl.load_workbook(sheet)
    ws = wb["问卷填报"]
    assert ws["A3"].value == "统一社会信用代码" and ws["D3"].value.startswith("*1. ")
    lists = [v for v in ws.data_validations.dataValidation if v.type == "list"]
    assert any("D4" in str(v.sqref) for v in lists)  # yes/no drop-down on question 1
    assert wb["选项"].sheet_state == "hidden"
    # Row 4 complete (required: 1, 2, 4, 6, 7, 11); row 5 with 900 people (allowed 0–500); row 6 a draft.
    for col, value in zip(
        "DEGIJN", ["是", 3, "否", "纠纷多元化解、专家智库咨询", "纠纷多元化解", 5], strict=True
    ):
        ws[f"{col}4"] = value
    ws["D5"], ws["E5"] = "否", 900
    ws["D6"] = "是"
    wb.save(sheet)
    errors = tmp_path / "errors.xlsx"
    assert _run(db, "import", str(qid), str(sheet), "--errors", str(errors), user="dongsheng") == 1
    captured = capsys.readouterr()
    assert "新增 2" in captured.out and "拒绝 1" in captured.out and "保存为草稿" in captured.out
    assert "第5行 E列" in captured.err and "900 超出允许范围（0–500 人）" in captured.err
    assert errors.exists()
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    assert _run(db, "import", str(qid), str(bad), user="dongsheng") == 2
    capsys.readouterr()

    monkeypatch.setenv("IPREG_PASSWORD", "adminpass123")
    out_xlsx, out_pdf = tmp_path / "results.xlsx", tmp_path / "results.pdf"
    assert _run(db, "results", str(qid), "--json", "--xlsx", str(out_xlsx), "--pdf", str(out_pdf)) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["responses"] == 1 and figures["questions"][0]["counts"] == {"是": 1, "否": 0}
    assert openpyxl.load_workbook(out_xlsx).sheetnames == ["汇总", "按旗区", "按行业", "答卷明细"]
    assert out_pdf.read_bytes().startswith(b"%PDF")
    assert _run(db, "results", str(qid), "--drafts") == 0
    assert "2 份答卷" in capsys.readouterr().out
    blank = tmp_path / "blank.pdf"
    assert _run(db, "print", str(qid), str(blank)) == 0
    assert blank.read_bytes().startswith(b"%PDF")
    assert _run(db, "list") == 0
    assert "已完成 1  草稿 1" in capsys.readouterr().out


def test_district_officer_cannot_install(cli_db, monkeypatch, capsys):
    db, passwords = cli_db
    monkeypatch.setenv("IPREG_PASSWORD", passwords["dongsheng"])
    assert _run(db, "install-builtin", user="dongsheng") == 1
    assert "只有市局用户可以设计问卷" in capsys.readouterr().err
