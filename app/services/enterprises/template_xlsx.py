"""The enterprise import template (企业信息导入模板.xlsx), generated from the same column list the importer reads."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from app.services.core import reference
from app.services.enterprises.export_xlsx import SHEET_TITLE, table_columns
from app.services.enterprises.sheet_columns import ENTERPRISE_COLUMNS, Column
from app.services.io.xlsx_writer import HEADER_FILL, HEADER_FONT, REQUIRED_FILL, setup_sheet

TEMPLATE_NAME = "企业信息导入模板.xlsx"
TEMPLATE_ROWS = 500  # rows prepared with drop-downs and formats


def write_template(path: Path | str) -> Path:
    path = Path(path)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    columns = table_columns()
    setup_sheet(sheet, columns)
    for index, (column, table_column) in enumerate(zip(ENTERPRISE_COLUMNS, columns, strict=True), start=1):
        cell = sheet.cell(row=1, column=index, value=("*" if column.required else "") + column.header)
        cell.font = HEADER_FONT
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = REQUIRED_FILL if column.required else HEADER_FILL
        letter = get_column_letter(index)
        if table_column.number_format:
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = table_column.number_format
        _add_validation(sheet, column, letter)
    sheet.row_dimensions[1].height = 36
    _write_instructions(workbook.create_sheet("填写说明"))
    workbook.save(path)
    return path


def _choices(column: Column) -> tuple[str, ...]:
    if column.key == "district":
        return tuple(d.name for d in reference.districts())
    if column.key == "industry_section":
        return tuple(s.code for s in reference.industry_sections())
    return column.choices


def _add_validation(sheet, column: Column, letter: str) -> None:
    choices = _choices(column)
    if not choices:
        return
    formula = '"' + ",".join(choices) + '"'
    validation = DataValidation(type="list", formula1=formula, allow_blank=not column.required)
    validation.error = f"请从下拉列表中选择{column.header}"
    validation.errorTitle = "填写有误"
    validation.showErrorMessage = True
    validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
    sheet.add_data_validation(validation)


def _write_instructions(sheet) -> None:
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 8
    sheet.column_dimensions["C"].width = 60
    lines = [
        ("企业信息导入模板 填写说明", "", ""),
        ("1. 每行一家企业；带 * 的列必须填写；表头行请勿修改。", "", ""),
        ("2. 已在系统中的企业（按统一社会信用代码识别）将被更新，不会重复新增。", "", ""),
        ("3. 导入时有问题的行不会导入，系统会生成标注了错误单元格的文件，修改后可再次导入。", "", ""),
        ("", "", ""),
        ("列名", "必填", "填写要求"),
    ]
    lines += [
        (c.header, "是" if c.required else "", c.note or ("下拉选择" if _choices(c) else ""))
        for c in ENTERPRISE_COLUMNS
    ]
    for row in lines:
        sheet.append(list(row))
    sheet["A1"].font = Font(name="黑体", bold=True, size=14)
    for cell in sheet[6]:
        cell.font = HEADER_FONT
