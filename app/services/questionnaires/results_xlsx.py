"""Questionnaire results as a workbook: the summary per question, breakdowns by district and by industry, raw answers.

Sheets are written with the shared table style (writer.setup_sheet / header_cells / body_cell).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from app.models import User
from app.services.io.xlsx_writer import TableColumn, body_cell, header_cells, setup_sheet
from app.services.questionnaires.answer_checks import cell_value
from app.services.questionnaires.catalogue import get, specs_of
from app.services.questionnaires.responses import STATUS_LABELS, answers_of, responses
from app.services.questionnaires.results import (
    AVERAGED_KINDS,
    COUNTED_KINDS,
    Group,
    Results,
    compute,
    industry_label,
)

SUMMARY_COLUMNS = [TableColumn("题号", 6), TableColumn("题目", 40), TableColumn("题型", 10),
                   TableColumn("选项 / 指标", 30), TableColumn("数量 / 数值", 12), TableColumn("百分比（%）", 12,
                   number_format="0.0")]  # fmt: skip


def _sheet(workbook: Workbook, title: str, columns: list[TableColumn], rows) -> None:
    sheet = workbook.create_sheet(title)
    setup_sheet(sheet, columns)
    sheet.append(header_cells(sheet, columns))
    for row in rows:
        sheet.append([body_cell(sheet, value, column) for value, column in zip(row, columns, strict=False)])


def summary_rows(results: Results):
    for q in results.questions:
        head = [q.number, q.text, q.kind_label]
        yield [*head, "作答数", q.answered, None]
        for label, count in q.counts.items():
            yield [*head, label, count, q.percents.get(label)]
        if q.kind in AVERAGED_KINDS and q.mean is not None:
            unit = f"（{q.unit}）" if q.unit else ""
            for name, value in (("平均值", q.mean), ("最小值", q.minimum), ("最大值", q.maximum)):
                yield [*head, name + unit, value, None]
        for enterprise, text in q.texts:
            yield [*head, enterprise, text, None]


def _breakdown_rows(results: Results, groups_of, names: list[str]):
    for q in results.questions:
        groups: dict[str, Group] = groups_of(q)
        if q.kind in COUNTED_KINDS:
            for label in q.counts:
                yield [
                    q.number,
                    q.text,
                    label,
                    *(groups[n].counts.get(label, 0) if n in groups else 0 for n in names),
                ]
        if q.kind in AVERAGED_KINDS:
            yield [q.number, q.text, "平均值", *(groups[n].mean if n in groups else None for n in names)]
        if q.kind not in COUNTED_KINDS and q.kind not in AVERAGED_KINDS:
            yield [q.number, q.text, "作答数", *(groups[n].answered if n in groups else 0 for n in names)]


def _breakdown(workbook: Workbook, title: str, results: Results, totals: dict[str, int], groups_of) -> None:
    names = list(totals)
    columns = [TableColumn("题号", 6), TableColumn("题目", 36), TableColumn("选项 / 指标", 26)]
    columns += [TableColumn(name, 12) for name in names]
    rows = [[None, "答卷数", "", *totals.values()], *_breakdown_rows(results, groups_of, names)]
    _sheet(workbook, title, columns, rows)


def _answers_rows(actor: User, results: Results):
    questionnaire = get(actor, results.questionnaire_id)
    specs = specs_of(questionnaire)
    for response in responses(actor, questionnaire.id, include_drafts=results.include_drafts):
        e = response.enterprise
        answers = answers_of(response)
        yield [e.uscc, e.name, e.district.name, industry_label(e.industry_section),
               STATUS_LABELS.get(response.status, response.status), response.completed_at,
               *(cell_value(s, answers.get(s.uuid)) for s in specs)]  # fmt: skip


def export_results(
    actor: User, questionnaire_id: int, path: Path | str, *, include_drafts: bool = False
) -> Results:
    """Write the results workbook; returns the figures it holds."""
    results = compute(actor, questionnaire_id, include_drafts=include_drafts)
    workbook = Workbook(write_only=True)
    _sheet(workbook, "汇总", SUMMARY_COLUMNS, summary_rows(results))
    _breakdown(workbook, "按旗区", results, results.by_district, lambda q: q.by_district)
    _breakdown(workbook, "按行业", results, results.by_industry, lambda q: q.by_industry)
    specs = specs_of(get(actor, questionnaire_id))
    columns = [TableColumn("统一社会信用代码", 22), TableColumn("企业名称", 30), TableColumn("所属旗区", 12),
               TableColumn("行业门类", 20), TableColumn("状态", 8), TableColumn("完成时间", 18)]  # fmt: skip
    columns += [TableColumn(f"{n}. {s.text}", 18, number_format="yyyy-mm-dd" if s.kind == "date" else None)
                for n, s in enumerate(specs, start=1)]  # fmt: skip
    _sheet(workbook, "答卷明细", columns, _answers_rows(actor, results))
    workbook.save(path)
    return results
