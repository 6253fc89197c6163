"""The yearly figures as a workbook: one sheet per section (districts down, figures across, a total row), one
for the breakdowns by case type, channel, outcome and questionnaire, and one saying what the figures mean."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from app.services.io.xlsx_writer import TableColumn, body_cell, header_cells, setup_sheet
from app.services.statistics.sections import MONEY, MONEY_FORMAT


def write_workbook(figures: dict, path: Path | str) -> Path:
    """Write `figures` (statistics.figures.yearly) to `path` through a temporary file; returns the path."""
    path = Path(path)
    workbook = Workbook(write_only=True)
    for section in figures["sections"]:
        columns = [TableColumn("旗区", 14)] + [
            TableColumn(c["label"], max(10, 2 * len(c["label"]) + 2) + (6 if c["key"] in MONEY else 0),
                        number_format=MONEY_FORMAT if c["key"] in MONEY else None)
            for c in section["columns"]
        ]
        keys = [c["key"] for c in section["columns"]]
        rows = [[row["name"], *(row[k] for k in keys)] for row in [*section["rows"], section["total"]]]
        _sheet(workbook, section["title"], columns, rows)
    breakdown_rows = [
        [b["title"], label, n] for b in figures["breakdowns"] for label, n in b["counts"].items()
    ]
    _sheet(workbook, "分类统计", [TableColumn("类别", 20), TableColumn("项目", 36), TableColumn("数量", 10)],
           breakdown_rows)  # fmt: skip
    about = [["统计年度", f"{figures['year']}年"], ["统计范围", figures["scope"]], ["统计日期", figures["as_of"]]]
    about += [["口径说明", note] for note in figures["notes"]]
    _sheet(workbook, "说明", [TableColumn("项目", 12), TableColumn("内容", 100)], about, landscape=False)
    tmp = path.with_name(path.name + ".part")
    workbook.save(tmp)
    tmp.replace(path)
    return path


def _sheet(workbook: Workbook, title: str, columns: list[TableColumn], rows, landscape: bool = True) -> None:
    sheet = workbook.create_sheet(title[:31])
    setup_sheet(sheet, columns, landscape=landscape)
    sheet.append(header_cells(sheet, columns))
    for row in rows:
        sheet.append([body_cell(sheet, value, column) for value, column in zip(row, columns, strict=False)])
