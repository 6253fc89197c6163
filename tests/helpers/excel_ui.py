"""Shared by the Excel window tests: a workbook of new, changed and bad rows, and driving the wizard."""

from pathlib import Path

from PySide6.QtCore import Qt

from app.services.core import reference
from app.services.enterprises.search import EnterpriseQuery, fetch_rows, search_ids
from tests.helpers.messy import codes, good_rows, messy_workbook  # noqa: E402

__all__ = ["codes", "good_rows", "messy_workbook"]


def dalate_code() -> str:
    return next(d.code for d in reference.districts() if d.name == "达拉特旗")


def a_dalate_enterprise(actor):
    ids = search_ids(actor, EnterpriseQuery(district_code=dalate_code()))
    return fetch_rows(ids[:1])[ids[0]]


def mixed_workbook(path: Path, actor) -> dict:
    """3 new enterprises, 1 change to a demo enterprise, 2 bad rows; returns what the test checks against."""
    new = good_rows(3)
    existing = a_dalate_enterprise(actor)
    bad_code, mars_code = codes(2, seed=99)
    wrong_check = bad_code[:17] + ("0" if bad_code[17] != "0" else "1")
    rows = new + [
        [4, existing.uscc, existing.name, "达拉特", "", "97", "5", "", "", "", ""],
        [5, wrong_check, "校验位错误公司", "达拉特", "", "1", "", "", "", "", ""],
        [6, mars_code, "火星公司", "火星旗", "", "1", "", "", "", "", ""],
    ]
    header_row = messy_workbook(path, rows)
    return {
        "header_row": header_row,
        "new_codes": [r[1].strip().upper() for r in new],
        "existing": existing,
        "mars_code": mars_code,
    }


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def check_file(qtbot, wizard, path) -> None:
    """Choose the file and run the check; returns once the wizard left the 检查 step."""
    from app.ui.excel.import_wizard import CHECK

    wizard.choose.path_edit.setText(str(path))
    click(qtbot, wizard.next_button)
    qtbot.waitUntil(lambda: wizard.step != CHECK, timeout=15000)
