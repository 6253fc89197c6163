"""Written tables: every body cell shares its column's style, dates look like dates, text never turns formula."""

from datetime import date, datetime

import openpyxl

from app.services.io.xlsx_writer import TableColumn, write_table

COLUMNS = [TableColumn("名称", 20, True), TableColumn("日期", 12), TableColumn("金额", 10, number_format="0.00"),
           TableColumn("备注", 30)]  # fmt: skip


def test_body_cells_carry_font_border_and_formats_from_shared_styles(tmp_path):
    path = tmp_path / "t.xlsx"
    rows = [
        ["甲公司", date(2015, 3, 1), 12.5, "=1+1"],
        ["乙\x01公司", datetime(2020, 1, 2, 9, 30), None, None],
    ]
    rows += [[f"公司{i}", date(2020, 1, 1), i, "+1"] for i in range(500)]
    assert write_table(path, "表", COLUMNS, iter(rows)) == len(rows)
    wb = openpyxl.load_workbook(path)
    sheet = wb.active
    assert [c.value for c in sheet[1]] == ["名称", "日期", "金额", "备注"]
    assert sheet["A1"].fill.fgColor.rgb.endswith("FCE4D6") and sheet["A1"].font.b
    first, second = sheet[2], sheet[3]
    assert first[0].value == "甲公司" and second[0].value == "乙公司"  # control character dropped
    assert first[1].number_format == "yyyy-mm-dd" and first[1].value == datetime(2015, 3, 1)
    assert second[1].number_format == "yyyy-mm-dd hh:mm"
    assert first[2].number_format == "0.00" and first[2].value == 12.5
    assert first[3].data_type == "s" and first[3].value == "=1+1"  # text, never a live formula
    for cell in (*first, *second, *sheet[len(rows) + 1]):
        assert cell.font.name == "宋体" and cell.border.left.style == "thin"
    assert second[3].value is None and second[3].border.bottom.style == "thin"  # empty cells keep the grid
    assert len(wb._cell_styles) <= 8  # shared: one style per column and kind, not one per cell
    assert sheet.freeze_panes == "A2"
