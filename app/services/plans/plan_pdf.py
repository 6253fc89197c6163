"""The work plan as a GB/T 9704 document: title, goals, each project with its checklist table, progress."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from app.services.io.fonts import FontSet
from app.services.io.page_layout import FormTable, OfficialDocTemplate, RenderReport, form_table_style
from app.services.io.paper_dates import paper_date

TASK_COLUMNS = ("序号", "任务", "责任人", "完成期限", "状态", "完成依据")
TASK_WIDTHS = (11 * mm, 50 * mm, 17 * mm, 32 * mm, 19 * mm, 27 * mm)  # the 156 mm text block
NUMERALS = "一二三四五六七八九十"


@dataclass
class PlanTaskLine:
    title: str
    owner: str
    due_on: date | None
    status: str  # the label
    evidence: str
    overdue: bool = False


@dataclass
class PlanProjectPart:
    title: str
    description: str
    tasks: list[PlanTaskLine] = field(default_factory=list)


@dataclass
class PlanDocument:
    district: str
    year: int
    title: str
    goals: list[tuple[str, int, str]]  # what, number, unit: ("走访企业", 20, "次")
    notes: str
    projects: list[PlanProjectPart]
    as_of: date
    done: int
    total: int
    percent: float


def _chinese_number(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    return ("" if n < 20 else NUMERALS[n // 10 - 1]) + "十" + (NUMERALS[n % 10 - 1] if n % 10 else "")


def render_plan(plan: PlanDocument, out: str | Path | BinaryIO, fonts: FontSet) -> RenderReport:
    doc = OfficialDocTemplate(str(out) if isinstance(out, Path) else out, fonts=fonts, title=plan.title,
                              subject=f"{plan.district}{plan.year}年工作实施方案")  # fmt: skip
    route, styles = doc.router, doc.styles

    def p(text, style="body", source="", role="song"):
        return Paragraph(route(str(text or ""), role, source), styles[style])

    story = [p(plan.title, "title", "方案名称", "title"), p(f"（{plan.district}　{plan.year}年）", "subtitle"),
             Spacer(1, 4 * mm), p("一、工作目标", "heading1", role="hei")]  # fmt: skip
    goals = "，".join(f"{what} {n} {unit}" for what, n, unit in plan.goals if n)
    story.append(p(f"{plan.year}年，{goals or '（未设定数量目标）'}。", "body"))
    story.append(p(f"截至{paper_date(plan.as_of)}，已完成清单任务 {plan.done} 项，共 {plan.total} 项，"
                   f"完成率 {plan.percent:.1f}%。", "body"))  # fmt: skip
    story.append(p("二、项目与任务清单", "heading1", role="hei"))
    for i, project in enumerate(plan.projects, start=1):
        part = [p(f"（{_chinese_number(i)}）{project.title}", "heading2", f"项目{i}名称", "kai")]
        if project.description:
            part.append(p(project.description, "body", f"项目{i}内容"))
        story.append(KeepTogether(part))
        story.append(_task_table(project, i, p))
        story.append(Spacer(1, 3 * mm))
    if plan.notes:
        story += [p("三、工作要求", "heading1", role="hei"), p(plan.notes, "body", "说明")]
    return doc.report(doc.render(story))


def _task_table(project: PlanProjectPart, number: int, p) -> FormTable:
    rows = [[p(h, "cell_head", role="hei") for h in TASK_COLUMNS]]
    for n, task in enumerate(project.tasks, start=1):
        where = f"项目{number}第{n}项任务"
        due = paper_date(task.due_on) if task.due_on else "—"
        status = f"{task.status}（逾期）" if task.overdue else task.status
        rows.append([p(n, "cell_center"), p(task.title, "cell", where), p(task.owner, "cell_center", f"{where}责任人"),
                     p(due, "cell_center"), p(status, "cell_center"), p(task.evidence, "cell_center")])  # fmt: skip
    if len(rows) == 1:
        rows.append([p("", "cell"), p("（尚无任务）", "cell"), *(p("", "cell") for _ in range(4))])
    return FormTable(rows, colWidths=list(TASK_WIDTHS), repeatRows=1, style=form_table_style(header_rows=1))
