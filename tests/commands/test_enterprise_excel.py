"""`template`, `import` and `export` commands: exit codes 0 / 1 / 2 and the JSON report."""

import json

import openpyxl

from app.cli import main
from app.paths import resources_dir
from app.services.enterprises.sheet_columns import ENTERPRISE_COLUMNS
from app.services.enterprises.template_xlsx import TEMPLATE_NAME
from tests.helpers.messy import codes, good_rows, messy_workbook  # noqa: E402


def test_template_matches_the_columns_and_the_shipped_copy(cli_db, tmp_path):
    db, _ = cli_db
    out = tmp_path / "t.xlsx"
    assert main(["--db", str(db), "template", "enterprises", str(out)]) == 0
    for path in (out, resources_dir() / "templates" / TEMPLATE_NAME):
        wb = openpyxl.load_workbook(path)
        headers = [c.value.lstrip("*") for c in wb["企业信息"][1]]
        assert headers == [c.header for c in ENTERPRISE_COLUMNS]
        assert "填写说明" in wb.sheetnames
        assert any("达拉特旗" in (v.formula1 or "") for v in wb["企业信息"].data_validations.dataValidation)


def test_import_exit_codes_and_json(cli_db, tmp_path, capsys):
    db, _ = cli_db
    good, mixed, junk = tmp_path / "good.xlsx", tmp_path / "mixed.xlsx", tmp_path / "junk.xlsx"
    messy_workbook(good, good_rows(2))
    bad_code = codes(1, seed=77)[0]
    messy_workbook(
        mixed, good_rows(3)[2:] + [[9, bad_code, "负数公司", "达拉特", "", "-2", "", "", "", "", ""]]
    )
    junk.write_text("not a workbook")
    assert main(["--db", str(db), "import", "enterprises", str(good), "--dry-run", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["dry_run"] and report["created"] == 2
    errors = tmp_path / "errors.xlsx"
    assert (
        main(["--db", str(db), "import", "enterprises", str(mixed), "--errors", str(errors), "--json"]) == 1
    )
    report = json.loads(capsys.readouterr().out)
    assert (report["created"], report["rejected"]) == (1, 1)
    assert report["rejections"][0]["column"] == "F" and report["rejections"][0]["reason"] == "不能为负数"
    assert errors.exists()
    assert main(["--db", str(db), "import", "enterprises", str(junk)]) == 2
    assert "不是 Excel" in capsys.readouterr().err


def test_export_then_import_changes_nothing(cli_db, tmp_path, capsys):
    db, _ = cli_db
    out = tmp_path / "e.xlsx"
    assert main(["--db", str(db), "export", "enterprises", str(out)]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "import", "enterprises", str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["unchanged"], report["created"], report["updated"]) == (40, 0, 0)
    assert main(["--db", str(db), "export", "enterprises", str(out), "--district", "150621"]) == 0
    assert "已导出 4 家" in capsys.readouterr().out
