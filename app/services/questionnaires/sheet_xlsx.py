"""The fillable questionnaire sheet (问卷填报表): one row per enterprise in scope, one column per question.

A district fills it in Excel and sends it back for import (`questionnaire_import`). Choice, yes/no and rating
columns carry drop-down lists (the options live on a hidden sheet, so long lists work); number and date columns
carry Excel's own range checks; every question column shows its rules when a cell is selected. A hidden sheet
names the questionnaire version, so a sheet of an older version is not taken into a newer one by mistake.
Existing answers are filled in, so export → import changes nothing.
"""

from __future__ import annotations

from copy import copy
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from app.models import User
from app.services.io.sheet_cells import fold_header
from app.services.io.xlsx_writer import (
    BODY_FONT,
    BORDER,
    HEADER_FILL,
    HEADER_FONT,
    REQUIRED_FILL,
    TableColumn,
    keep_as_text,
    safe_value,
    setup_sheet,
)
from app.services.questionnaires.answer_checks import QuestionSpec, cell_value
from app.services.questionnaires.catalogue import get, specs_of
from app.services.questionnaires.responses import answerable_enterprises, answers_of, find_response

SHEET_TITLE = "问卷填报"
OPTIONS_SHEET = "选项"
META_SHEET = "问卷信息"
TITLE_ROWS = 2  # the questionnaire's title, then the filling notes; the header is row 3
FIXED = (("uscc", "统一社会信用代码", 22), ("name", "企业名称", 30), ("district", "所属旗区", 12))
MAX_ROWS_WITH_CHECKS = 2000  # validations reach this far below the last enterprise, for added rows
NOTES = (
    "填写说明：每行一家企业，请勿修改表头和前三列；带 * 的为必答题；选择题、是否题和评分题请从下拉列表选择；"
    "多选题可填多个选项，用“、”分隔；数字题只填数字（可带单位）；日期写成 2024-03-01。整行留空表示未填报。"
)


def question_header(number: int, spec: QuestionSpec) -> str:
    note = "，".join(
        p for p in (spec.kind_label, spec.range_text() or (f"单位：{spec.unit}" if spec.unit else "")) if p
    )
    return f"{'*' if spec.required else ''}{number}. {spec.text}（{note}）"


def header_keys(number: int, spec: QuestionSpec) -> set[str]:
    """Folded forms a header of this question may take: with or without its number and notes."""
    return {
        fold_header(question_header(number, spec)),
        fold_header(f"{number}.{spec.text}"),
        fold_header(spec.text),
    }


def _prompt(spec: QuestionSpec) -> str:
    if spec.kind == "multiple":
        return f"可多选，用“、”分隔：{'、'.join(spec.options)}"[:255]
    if spec.kind == "number":
        return f"只填数字{('，范围 ' + spec.range_text()) if spec.range_text() else ''}"
    if spec.kind == "date":
        return "日期，如 2024-03-01"
    if spec.kind == "text":
        return "文字，不超过2000字"
    return "请从下拉列表选择"


def _choices(spec: QuestionSpec) -> list:
    if spec.kind == "single":
        return list(spec.options)
    if spec.kind == "yes_no":
        return ["是", "否"]
    if spec.kind == "rating":
        return [1, 2, 3, 4, 5]
    return []


def _validation(spec: QuestionSpec, index: int, options_sheet) -> DataValidation:
    choices = _choices(spec)
    if choices:
        letter = get_column_letter(index)
        for row, choice in enumerate(choices, start=1):
            options_sheet.cell(row=row, column=index, value=safe_value(choice))
        formula = f"{quote_sheetname(OPTIONS_SHEET)}!${letter}$1:${letter}${len(choices)}"
        check = DataValidation(type="list", formula1=formula, allow_blank=True)
    elif spec.kind == "number" and (spec.min_value or spec.max_value):
        low, high = spec.min_value or "-1E+15", spec.max_value or "1E+15"
        check = DataValidation(
            type="decimal", operator="between", formula1=low, formula2=high, allow_blank=True
        )
    elif spec.kind == "date":
        check = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
    else:
        check = DataValidation(allow_blank=True)
    check.showErrorMessage = bool(choices) or spec.kind in ("number", "date")
    check.errorTitle, check.error = "填写有误", _prompt(spec)
    check.showInputMessage, check.promptTitle, check.prompt = True, spec.kind_label, _prompt(spec)
    return check


def _columns(specs: list[QuestionSpec]) -> list[TableColumn]:
    fixed = [TableColumn(header, width, required=True) for _key, header, width in FIXED]
    width = {"text": 30, "multiple": 30, "single": 22, "date": 13}
    return fixed + [
        TableColumn(
            question_header(n, s),
            width.get(s.kind, 14),
            s.required,
            "yyyy-mm-dd" if s.kind == "date" else None,
        )
        for n, s in enumerate(specs, start=1)
    ]


def export_sheet(actor: User, questionnaire_id: int, path: Path | str) -> int:
    """Write the fillable sheet for the enterprises the actor may answer for; returns the number of rows."""
    questionnaire = get(actor, questionnaire_id)
    specs = specs_of(questionnaire)
    choices = answerable_enterprises(actor, questionnaire_id)
    columns = _columns(specs)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    setup_sheet(sheet, columns, title_rows=TITLE_ROWS)
    sheet.freeze_panes = f"D{TITLE_ROWS + 2}"
    _title_rows(sheet, f"{questionnaire.title}（第{questionnaire.version}版）", len(columns))
    sheet.append([safe_value(column.header) for column in columns])
    for cell, column in zip(sheet[TITLE_ROWS + 1], columns, strict=True):
        cell.font, cell.border = copy(HEADER_FONT), copy(BORDER)
        cell.fill = copy(REQUIRED_FILL if column.required else HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[TITLE_ROWS + 1].height = 48
    for choice in choices:
        answers = answers_of(find_response(questionnaire_id, choice.id))
        values = [
            choice.uscc,
            choice.name,
            choice.district,
            *(cell_value(s, answers.get(s.uuid)) for s in specs),
        ]
        sheet.append([safe_value(v) for v in values])
    for row in sheet.iter_rows(min_row=TITLE_ROWS + 2, max_row=sheet.max_row):
        for cell, column in zip(row, columns, strict=False):
            cell.font, cell.border = copy(BODY_FONT), copy(BORDER)
            if column.number_format:
                cell.number_format = column.number_format
    options = workbook.create_sheet(OPTIONS_SHEET)
    last = TITLE_ROWS + 1 + len(choices) + MAX_ROWS_WITH_CHECKS
    for index, spec in enumerate(specs, start=len(FIXED) + 1):
        check = _validation(spec, index, options)
        letter = get_column_letter(index)
        check.add(f"{letter}{TITLE_ROWS + 2}:{letter}{last}")
        sheet.add_data_validation(check)
    options.sheet_state = "hidden"
    _meta_sheet(workbook, questionnaire, actor)
    for each in workbook.worksheets:
        for row in each.iter_rows():
            for cell in row:
                keep_as_text(cell)
    workbook.save(path)
    return len(choices)


def _title_rows(sheet, title: str, width: int) -> None:
    sheet.append([safe_value(title)])
    sheet.append([NOTES])
    last = get_column_letter(width)
    sheet.merge_cells(f"A1:{last}1")
    sheet.merge_cells(f"A2:{last}2")
    sheet["A1"].font = Font(name="黑体", size=14, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet["A2"].font = Font(name="宋体", size=10, color="7F7F7F")
    sheet["A2"].alignment = Alignment(wrap_text=True, vertical="center")
    sheet.row_dimensions[1].height = 26
    sheet.row_dimensions[2].height = 32


def _meta_sheet(workbook, questionnaire, actor: User) -> None:
    meta = workbook.create_sheet(META_SHEET)
    for row in (
        ("问卷编号", questionnaire.uuid),
        ("问卷名称", questionnaire.title),
        ("版本", questionnaire.version),
        ("导出时间", datetime.now().replace(microsecond=0)),
        ("导出人", actor.display_name),
    ):
        meta.append([safe_value(v) for v in row])
    meta.sheet_state = "hidden"
