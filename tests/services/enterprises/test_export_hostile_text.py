"""Exports survive what is already stored and never carry a live formula (issue 11, finding 14)."""

import openpyxl
import pytest

from app.models import Enterprise
from app.models.db import database
from app.services.enterprises import import_xlsx as enterprise_import
from app.services.enterprises.export_xlsx import export_enterprises
from app.services.io import error_workbook as error_report
from tests.helpers.messy import codes, messy_workbook


def _names_in(path) -> dict[str, openpyxl.cell.Cell]:
    sheet = openpyxl.load_workbook(path).active
    column = next(c.column for c in sheet[1] if c.value == "企业名称")
    return {row[column - 1].value: row[column - 1] for row in sheet.iter_rows(min_row=2)}


def test_a_legacy_name_holding_a_nul_still_exports_without_it(demo_users, tmp_path):
    admin = demo_users["admin"]
    enterprise = Enterprise.select().first()
    # As stored before input was checked: raw SQL, past the services.
    database.execute_sql(
        "UPDATE enterprise SET name = ? WHERE id = ?", ("旧数据\x00\x01有限\x7f公司\x9f", enterprise.id)
    )
    path = tmp_path / "e.xlsx"
    assert export_enterprises(admin, path) == 40
    assert "旧数据有限公司" in _names_in(path)


@pytest.mark.parametrize(
    "name",
    ['=HYPERLINK("http://example.com/x","点击查看")', "+1+1有限公司", "-2+3有限公司", "@SUM(A1)公司",
     "  =1+1有限公司", "＝1+1有限公司", "＋号有限公司"],
)  # fmt: skip
def test_a_name_starting_like_a_formula_exports_as_text(demo_users, tmp_path, name):
    admin = demo_users["admin"]
    enterprise = Enterprise.select().first()
    database.execute_sql("UPDATE enterprise SET name = ? WHERE id = ?", (name, enterprise.id))
    path = tmp_path / "e.xlsx"
    export_enterprises(admin, path)
    cell = _names_in(path)[name]
    assert cell.data_type == "s" and cell.value == name


def test_the_error_workbook_copies_a_formula_looking_cell_as_text(empty_db, tmp_path):
    _, admin = empty_db
    path = tmp_path / "in.xlsx"
    messy_workbook(
        path, [[1, codes(1)[0], "=1+2", "火星旗", "", "1", "", "", "", "", ""]], title=False, note=False
    )
    sheet = openpyxl.load_workbook(path).active
    sheet["C2"].data_type = "s"  # the clerk typed '=1+2 as text
    sheet.parent.save(path)
    plan = enterprise_import.plan_import(admin, path)
    out = tmp_path / "errors.xlsx"
    assert error_report.write_error_workbook(plan, out) >= 1
    cell = openpyxl.load_workbook(out).worksheets[0]["C2"]
    assert cell.data_type == "s" and cell.value == "=1+2"
