"""The visit record (走访记录表): filled from a recorded visit, or blank to take along and fill by hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from app.models.liaison import VISIT_KINDS
from app.services.core import reference
from app.services.io.fonts import FontSet
from app.services.io.page_layout import (
    SEAL_SPACE,
    FormTable,
    OfficialDocTemplate,
    RenderReport,
    date_line,
    form_table_style,
    label_markup,
    sign_and_date,
    tick_box,
)
from app.services.io.paper_dates import paper_date

TITLE = "知识产权重点企业走访记录表"
ROW_LABELS = {
    "enterprise": "企业名称",
    "uscc": "统一社会信用代码",
    "visited_on": "走访日期",
    "kind": "走访类型",
    "officers": "走访人员",
    "people_met": "企业接待人员",
    "topics": "走访内容",
    "problems": "企业反映的问题",
    "notes": "走访记录",
}
FOLLOWUP_COLUMNS = ("序号", "跟进事项", "责任人", "完成期限", "办理情况")
SIGNATURES = ("走访人员签字", "企业负责人签字（企业盖章）")


@dataclass
class VisitSheet:
    """What the record shows; every field empty for a blank sheet."""

    enterprise: str = ""
    uscc: str = ""
    district: str = ""
    visited_on: date | None = None
    kind: str = ""
    officers: str = ""
    people_met: str = ""
    topics: str = ""
    problems: str = ""
    notes: str = ""
    followups: list[tuple[str, str, str, str]] = field(default_factory=list)  # text, owner, due, status


def render_visit(
    sheet: VisitSheet, out: str | Path | BinaryIO, fonts: FontSet, *, blank: bool = False
) -> RenderReport:
    """Write the record; returns pages and warnings (characters no font has, named by field)."""
    doc = OfficialDocTemplate(str(out) if isinstance(out, Path) else out, fonts=fonts, title=TITLE,
                              header=f"{reference.city_name()}{TITLE}")  # fmt: skip
    route, styles = doc.router, doc.styles

    def p(text, style="cell", source=""):
        return Paragraph(route(str(text or ""), "song", source), styles[style])

    kind_label = VISIT_KINDS.get(sheet.kind, sheet.kind)
    values = {
        "enterprise": sheet.enterprise, "uscc": sheet.uscc,
        "visited_on": "" if blank else paper_date(sheet.visited_on),
        "kind": kind_label, "officers": sheet.officers, "people_met": sheet.people_met, "topics": sheet.topics,
        "problems": sheet.problems, "notes": sheet.notes,
    }  # fmt: skip
    tall = {"topics": 30, "problems": 40, "notes": 40}
    rows = [[p(ROW_LABELS[k], "cell_label"), p(v, source=ROW_LABELS[k])] for k, v in values.items()]
    if blank:  # the kinds as tick boxes
        box = tick_box(route)
        kinds = "　".join(f"{box}{route(' ' + label)}" for label in VISIT_KINDS.values())
        rows[list(values).index("kind")][1] = Paragraph(kinds, styles["cell"])
        rows[list(values).index("visited_on")][1] = date_line(route, styles, "LEFT")
    heights = [(tall.get(k, 9) if blank else 9) * mm for k in values]
    main = FormTable(rows, colWidths=[34 * mm, 122 * mm], minRowHeights=heights,
                 style=form_table_style(label_cells=[((0, 0), (0, len(rows) - 1))]))  # fmt: skip
    items = sheet.followups or ([("", "", "", "")] * 4 if blank else [])
    follow = [[p(h, "cell_head") for h in FOLLOWUP_COLUMNS]] + [
        [
            p(i, "cell_center"),
            p(text, source=f"跟进事项第{i}项"),
            p(owner, "cell_center", f"跟进事项第{i}项责任人"),
            p(paper_date(due), "cell_center"),
            p(status, "cell_center"),
        ]
        for i, (text, owner, due, status) in enumerate(items, start=1)
    ]
    follow_table = FormTable(follow, colWidths=[12 * mm, 66 * mm, 22 * mm, 24 * mm, 32 * mm], repeatRows=1,
                         minRowHeights=[8 * mm] * len(follow), style=form_table_style(header_rows=1))  # fmt: skip
    signature_rows = [
        [Paragraph(label_markup(route, label), styles["cell_label"]), sign_and_date(route, styles, "签字：")]
        for label in SIGNATURES
    ]
    # The enterprise's row takes its seal: a 42 mm round seal needs a space at least 45 mm each way.
    heights = [SEAL_SPACE if "盖章" in label else 30 * mm for label in SIGNATURES]
    signatures = Table(signature_rows, colWidths=[34 * mm, 122 * mm], rowHeights=heights,
                       style=form_table_style(label_cells=[((0, 0), (0, 1))],
                                              extra=[("VALIGN", (1, 0), (1, -1), "BOTTOM"),
                                                     ("RIGHTPADDING", (1, 0), (1, -1), 8 * mm),
                                                ("ALIGN", (1, 0), (1, -1), "RIGHT")]))  # fmt: skip
    story = [
        p(TITLE, "form_title"),
        p(f"所属旗区：{sheet.district or '________________'}", "meta", "所属旗区"),
        Spacer(1, 3 * mm),
        main,
        Spacer(1, 4 * mm),
        KeepTogether([p("跟进事项（清单管理）", "section"), follow_table]),
        Spacer(1, 4 * mm),
        KeepTogether([signatures]),
    ]
    return doc.report(doc.render(story))
