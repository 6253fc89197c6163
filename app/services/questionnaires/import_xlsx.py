"""Importing a filled questionnaire sheet: every good row taken in, every bad cell named by row and column.

`plan_import` reads and checks without writing: each row's enterprise (by USCC, within the actor's districts)
and each answer by its question's type and range. A row with any bad cell is rejected whole; a row with no
answers is skipped; a row missing required answers is kept as a draft. `commit_plan` writes the accepted rows
in one transaction. The plan has `path`, `sheet_title` and `errors`, so error_report marks up the clerk's copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from app.models import Enterprise, Questionnaire, User
from app.models.db import database
from app.services.core.errors import PermissionDenied
from app.services.core.permissions import can_read_district, require_active, require_write_enterprise
from app.services.core.validation import normalise_uscc
from app.services.io import xlsx_reader as reader
from app.services.io.sheet_cells import CellError, fold_header
from app.services.questionnaires.answer_checks import QuestionSpec, clean_answer, missing_required
from app.services.questionnaires.catalogue import get, specs_of
from app.services.questionnaires.responses import answers_of, find_response, store
from app.services.questionnaires.sheet_xlsx import FIXED, META_SHEET, header_keys

CREATE, UPDATE, UNCHANGED, REJECTED, BLANK = "create", "update", "unchanged", "rejected", "blank"
ACTION_LABELS = {CREATE: "新增", UPDATE: "更新", UNCHANGED: "无变化", REJECTED: "拒绝", BLANK: "未填报"}
_FIXED_KEYS = {fold_header(header): key for key, header, _w in FIXED}
_NUMBER = re.compile(r"^\s*\*?\s*(\d+)\s*[.．、]")


@dataclass
class RowOutcome:
    row: int
    action: str
    enterprise: Enterprise | None = None
    answers: dict = field(default_factory=dict)
    complete: bool = False
    errors: list[CellError] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)  # numbers of required questions left blank (draft)


@dataclass
class QuestionnaireImportPlan:
    path: Path
    sheet_title: str
    header_row: int
    questionnaire: Questionnaire
    rows: list[RowOutcome]

    @property
    def errors(self) -> list[CellError]:
        return [e for r in self.rows for e in r.errors]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    def summary(self) -> dict:
        return {key: self.count(action) for key, action in
                (("created", CREATE), ("updated", UPDATE), ("unchanged", UNCHANGED), ("rejected", REJECTED),
                 ("blank", BLANK))}  # fmt: skip

    def to_dict(self) -> dict:
        return {
            "file": str(self.path),
            "questionnaire": self.questionnaire.id,
            "version": self.questionnaire.version,
            **self.summary(),
            "drafts": [
                {"row": r.row, "missing": r.missing} for r in self.rows if r.missing and r.action != REJECTED
            ],
            "rejections": [
                {
                    "row": e.row,
                    "column": e.column,
                    "header": e.header,
                    "value": _plain(e.value),
                    "reason": e.reason,
                }
                for e in self.errors
            ],  # fmt: skip
        }


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


@dataclass
class _Layout:
    header_row: int
    fixed: dict[str, int]  # key → 0-based column index
    questions: dict[int, tuple[int, QuestionSpec, str]]  # 0-based column index → (number, spec, header text)


def _check_version(workbook, questionnaire: Questionnaire) -> None:
    if META_SHEET not in workbook.sheetnames:
        return
    meta = {
        row[0]: row[1]
        for row in reader.sheet_rows(workbook[META_SHEET], max_col=2, max_row=50)
        if row and row[0]
    }
    code = meta.get("问卷编号")
    if code and code != questionnaire.uuid:
        other = Questionnaire.get_or_none(Questionnaire.uuid == code)
        if other is not None and other.family == questionnaire.family:
            raise reader.WorkbookError(f"该表格是第{other.version}版问卷导出的，不能导入第{questionnaire.version}版；"
                                       f"请导入到第{other.version}版，或重新导出最新版填报表")  # fmt: skip
        raise reader.WorkbookError(
            f"该表格不是问卷“{questionnaire.title}”的填报表（{meta.get('问卷名称', '')}）"
        )


def _find_layout(sheet, specs: list[QuestionSpec]) -> _Layout:
    wanted = {key: (n, s) for n, s in enumerate(specs, start=1) for key in header_keys(n, s)}
    by_number = {n: s for n, s in enumerate(specs, start=1)}
    rows = reader.sheet_rows(sheet, max_row=reader.HEADER_SEARCH_ROWS)
    for number, values in enumerate(rows, start=1):
        fixed = {
            _FIXED_KEYS[fold_header(v)]: i for i, v in enumerate(values) if fold_header(v) in _FIXED_KEYS
        }
        if "uscc" not in fixed:
            continue
        questions = {}
        for index, value in enumerate(values):
            found = wanted.get(fold_header(value))
            match = _NUMBER.match(str(value or ""))
            if found is None and match and int(match.group(1)) in by_number:
                spec = by_number[int(match.group(1))]
                found = (int(match.group(1)), spec) if fold_header(spec.text) in fold_header(value) else None
            if found and found[1].uuid not in {q[1].uuid for q in questions.values()}:
                questions[index] = (*found, str(value))
        if not questions:
            raise reader.WorkbookError("表头中找不到本问卷的任何题目列，请使用本问卷导出的填报表")
        return _Layout(number, fixed, questions)
    raise reader.WorkbookError(f"前{reader.HEADER_SEARCH_ROWS}行中找不到表头（应包含“统一社会信用代码”列）")


def _letter(index: int) -> str:
    return get_column_letter(index + 1)


def _check_row(actor, questionnaire, layout: _Layout, number: int, values, seen: dict) -> RowOutcome:
    outcome = RowOutcome(number, REJECTED)
    cell = lambda i: reader.normalise_cell(values[i] if i < len(values) else None)  # noqa: E731
    answers = {}
    for index, (_n, spec, header) in layout.questions.items():
        raw = cell(index)
        try:
            value = clean_answer(spec, raw)
        except ValueError as exc:
            outcome.errors.append(CellError(number, _letter(index), header, raw, str(exc)))
            continue
        if value is not None:
            answers[spec.uuid] = value
    uscc_index = layout.fixed["uscc"]
    code = normalise_uscc(str(cell(uscc_index) or ""))
    enterprise = Enterprise.get_or_none(Enterprise.uscc == code) if code else None
    reason = _enterprise_problem(actor, code, enterprise, seen)
    if not answers and not outcome.errors:
        outcome.action = BLANK
        return outcome
    if reason:
        outcome.errors.insert(
            0, CellError(number, _letter(uscc_index), "统一社会信用代码", cell(uscc_index), reason)
        )
    if outcome.errors:
        return outcome
    seen[enterprise.id] = number
    missing = missing_required(specs_of(questionnaire), answers)
    numbers = {spec.uuid: n for n, spec, _h in layout.questions.values()}
    outcome.missing = [numbers.get(s.uuid, 0) for s in missing]
    outcome.enterprise, outcome.answers, outcome.complete = enterprise, answers, not missing
    existing = find_response(questionnaire, enterprise)
    status = "complete" if outcome.complete else "draft"
    if existing is None and not questionnaire.active:
        outcome.errors.append(CellError(number, _letter(uscc_index), "统一社会信用代码", code,
                                        f"问卷第{questionnaire.version}版已停止填报，不能新增答卷"))  # fmt: skip
    elif existing is None:
        outcome.action = CREATE
    elif answers_of(existing) == answers and existing.status == status:
        outcome.action = UNCHANGED
    else:
        outcome.action = UPDATE
    return outcome


def _enterprise_problem(actor, code: str, enterprise, seen: dict) -> str:
    if not code:
        return "统一社会信用代码为空，无法确定企业"
    if enterprise is None or not can_read_district(actor, enterprise.district_id):
        return f"系统中没有统一社会信用代码为 {code} 的企业"  # another district's is "not found" too
    try:
        require_write_enterprise(actor, enterprise.district_id)
    except PermissionDenied as exc:
        return str(exc)
    if enterprise.id in seen:
        return f"与第{seen[enterprise.id]}行是同一家企业"
    return ""


def plan_import(actor: User, questionnaire_id: int, path: Path | str) -> QuestionnaireImportPlan:
    """Read and check the sheet, writing nothing."""
    require_active(actor)
    questionnaire = get(actor, questionnaire_id)
    path = Path(path)
    limits = reader.Limits.from_settings()
    workbook = reader.open_workbook(path, limits)
    try:
        _check_version(workbook, questionnaire)
        sheet = reader.first_sheet(workbook)
        reader.scan_sheet(workbook, sheet, limits)
        layout = _find_layout(sheet, specs_of(questionnaire))
        seen: dict[int, int] = {}
        rows = []
        values_iter = reader.sheet_rows(sheet, min_row=layout.header_row + 1)
        for number, values in enumerate(values_iter, start=layout.header_row + 1):
            if all(v is None or str(v).strip() == "" for v in values):
                continue
            outcome = _check_row(actor, questionnaire, layout, number, values, seen)
            if outcome.errors:
                outcome.action = REJECTED
            rows.append(outcome)
        return QuestionnaireImportPlan(path, sheet.title, layout.header_row, questionnaire, rows)
    finally:
        workbook.close()


def commit_plan(actor: User, plan: QuestionnaireImportPlan) -> int:
    """Write the created and updated rows in one transaction; returns how many responses were written."""
    require_active(actor)
    todo = [r for r in plan.rows if r.action in (CREATE, UPDATE)]
    with database.atomic():
        for outcome in todo:
            store(actor, plan.questionnaire, outcome.enterprise, outcome.answers, complete=outcome.complete)
    return len(todo)


def import_sheet(
    actor: User, questionnaire_id: int, path: Path | str, *, dry_run: bool = False
) -> QuestionnaireImportPlan:
    plan = plan_import(actor, questionnaire_id, path)
    if not dry_run:
        commit_plan(actor, plan)
    return plan
