"""Case documents: the filing approval form (立案审批表), the report to the city (上报), the case summary."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from app.services.core import installation
from app.services.io.fonts import FontSet
from app.services.io.page_layout import (
    SEAL_SPACE,
    FormTable,
    OfficialDocTemplate,
    RenderReport,
    form_table_style,
    label_markup,
    sign_and_date,
    tick_box,
)
from app.services.io.paper_dates import paper_date, paper_dates_in

FILING_TITLE = "知识产权案件立案审批表"
REPORT_TITLE = "涉及知识产权重点企业假冒专利案件上报表"
SUMMARY_TITLE = "知识产权案件办理情况"
OPINIONS = ("承办人意见", "承办机构负责人审核意见", "负责人审批意见")
BLANK = "________"


def _doc(out, fonts: FontSet, title: str, case: dict | None) -> OfficialDocTemplate:
    """A case document under the header of the bureau handling the case (a district's case: its own bureau)."""
    bureau = installation.issuing_body((case or {}).get("handling", ""))
    return OfficialDocTemplate(str(out) if isinstance(out, Path) else out, fonts=fonts, title=title,
                               header=bureau, author=bureau)  # fmt: skip


def _p(doc, text, style="cell", source=""):
    return Paragraph(doc.router(str(text if text is not None else ""), "song", source), doc.styles[style])


def _grid(doc, rows: list[tuple[str, str]], tall: dict[str, float] | None = None) -> Table:
    tall = tall or {}
    data = [[_p(doc, label, "cell_label"), _yes_no(doc) if value is _YES_NO else _p(doc, value, source=label)]
            for label, value in rows]  # fmt: skip
    heights = [tall.get(label, 8) * mm for label, _v in rows]
    return FormTable(data, colWidths=[36 * mm, 120 * mm], minRowHeights=heights,
                 style=form_table_style(label_cells=[((0, 0), (0, len(rows) - 1))]))  # fmt: skip


def _yes_no(doc) -> Paragraph:
    box = tick_box(doc.router)
    return Paragraph(f"{box}{doc.router(' 是    ')}{box}{doc.router(' 否')}", doc.styles["cell"])


def _opinion_boxes(doc, captions) -> KeepTogether:
    """Opinion boxes to write in by hand; a box whose caption asks for a seal (盖章) is tall enough for one."""
    rows = [[Paragraph(label_markup(doc.router, caption), doc.styles["cell_label"]),
             sign_and_date(doc.router, doc.styles)] for caption in captions]  # fmt: skip
    heights = [SEAL_SPACE if "盖章" in caption else 30 * mm for caption in captions]
    table = Table(rows, colWidths=[36 * mm, 120 * mm], rowHeights=heights,
                  style=form_table_style(label_cells=[((0, 0), (0, len(rows) - 1))],
                                         extra=[("VALIGN", (1, 0), (1, -1), "BOTTOM"),
                                                ("RIGHTPADDING", (1, 0), (1, -1), 8 * mm),
                                                ("ALIGN", (1, 0), (1, -1), "RIGHT")]))  # fmt: skip
    return KeepTogether([table])


_YES_NO = object()  # the blank form's tick boxes 是/否, drawn by _grid


def _basic_rows(case: dict | None) -> list[tuple[str, str]]:
    c = case or {}
    parties = "；".join(f"{p['role_label']}：{p['name']}{'（重点企业）' if p['key_enterprise'] else ''}"
                       for p in c.get("parties", []))  # fmt: skip
    rights = "；".join(f"{r['number']} {r['title']}".strip() for r in c.get("rights", []))
    return [
        ("案件编号", c.get("number", "")),
        ("案件类型", c.get("type_label", "")),
        ("案件来源", c.get("source_label", "")),
        ("收到日期", paper_date(c.get("received_on"))),
        ("承办单位", c.get("handling", "")),
        ("当事人", parties),
        ("涉及权利", rights),
        (
            "重要案件",
            ("是：" + c["important_note"]) if c.get("important") else ("否" if case else _YES_NO),
        ),
        ("案情摘要", c.get("summary", "")),
    ]


def render_filing_form(case: dict | None, out: str | Path | BinaryIO, fonts: FontSet) -> RenderReport:
    """立案审批表, filled from a case or blank (case=None)."""
    doc = _doc(out, fonts, FILING_TITLE, case)
    story = [_p(doc, FILING_TITLE, "form_title"), Spacer(1, 4 * mm),
             _grid(doc, _basic_rows(case), {"案情摘要": 32 if case is None else 9, "当事人": 16 if case is None else 9}),
             Spacer(1, 4 * mm), _opinion_boxes(doc, OPINIONS)]  # fmt: skip
    return doc.report(doc.render(story))


def render_city_report(case: dict, out: str | Path | BinaryIO, fonts: FontSet) -> RenderReport:
    doc = _doc(out, fonts, REPORT_TITLE, case)
    report = case.get("report") or {}
    ack = f"已于{paper_date(report['acknowledged_on'])}签收" if report.get("acknowledged") else "待市局签收"
    rows = [*_basic_rows(case), ("上报日期", paper_date(report.get("reported_on"))), ("上报说明", report.get("note", "")),
            ("市局签收情况", ack)]  # fmt: skip
    story = [_p(doc, REPORT_TITLE, "form_title"), Spacer(1, 4 * mm), _grid(doc, rows), Spacer(1, 4 * mm),
             _opinion_boxes(doc, ("旗区局意见（盖章）", "市局签收意见（盖章）"))]  # fmt: skip
    return doc.report(doc.render(story))


def render_case_summary(case: dict, out: str | Path | BinaryIO, fonts: FontSet) -> RenderReport:
    """The case, its time limits and its whole timeline."""
    doc = _doc(out, fonts, SUMMARY_TITLE, case)
    clocks = [[_p(doc, h, "cell_head") for h in ("时限", "起算", "到期", "状态")]] + [
        [_p(doc, k["label"]), _p(doc, paper_date(k["start"]), "cell_center"), _p(doc, paper_date(k["due"]), "cell_center"),
         _p(doc, k["state_label"], "cell_center")] for k in case["clocks"]
    ]  # fmt: skip
    timeline = [[_p(doc, h, "cell_head") for h in ("日期", "事项", "说明")]] + [
        [_p(doc, paper_date(e["date"]), "cell_center"), _p(doc, e["label"], "cell_center"),
         _p(doc, e["note"], source=f"办理过程第{i}项说明")]
        for i, e in enumerate(case["timeline"], start=1)
    ]  # fmt: skip
    outcome = case.get("outcome_label") or "尚未结案"
    if case.get("penalty_amount"):
        outcome += f"，罚没金额 {case['penalty_amount']} 元"
    story = [
        _p(doc, SUMMARY_TITLE, "form_title"), Spacer(1, 4 * mm),
        _grid(doc, [*_basic_rows(case), ("当前状态", case["status_label"]), ("处理结果", outcome)]),
        Spacer(1, 4 * mm), _p(doc, "办理时限", "section"),
        FormTable(clocks, colWidths=[52 * mm, 26 * mm, 26 * mm, 52 * mm], repeatRows=1, style=form_table_style(header_rows=1)),
        Spacer(1, 4 * mm), _p(doc, "办理过程", "section"),
        FormTable(timeline, colWidths=[28 * mm, 34 * mm, 94 * mm], repeatRows=1, style=form_table_style(header_rows=1)),
    ]  # fmt: skip
    for warning in case.get("warnings", []):
        story.append(_p(doc, f"注：{paper_dates_in(warning)}", "cell_note"))
    return doc.report(doc.render(story))
