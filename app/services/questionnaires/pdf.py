"""Questionnaire PDFs: the blank form to fill by hand, and the printable results summary report.

Both use the GB/T 9704 page (OfficialDocTemplate); every string goes through the document's GlyphRouter so a
character the body font lacks is borrowed from another face rather than silently dropped.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from app.models import Questionnaire
from app.services.io.fonts import FontSet
from app.services.io.page_layout import (
    BLOCK_WIDTH,
    FormTable,
    OfficialDocTemplate,
    RenderReport,
    date_line,
    form_table_style,
    style_sheet,
    tick_box,
)
from app.services.io.paper_dates import paper_date
from app.services.questionnaires.answer_checks import QuestionSpec
from app.services.questionnaires.results import AVERAGED_KINDS, COUNTED_KINDS, Results

INSTRUCTIONS = "填写说明：请用黑色钢笔或签字笔填写，字迹清楚；在□内打“√”；带 * 的为必答题；多选题可选多项。"
KIND_HINTS = {"single": "单选", "multiple": "可多选", "text": "文字", "number": "填数字", "date": "日期",
              "rating": "1–5 分，5 分最好", "yes_no": "是/否"}  # fmt: skip
TEXT_LIMIT = 40  # text answers listed per question in the report


class Bar(Flowable):
    """A horizontal bar for a percentage, drawn in a table cell."""

    def __init__(self, percent: float, width: float, height: float = 3.2 * mm):
        super().__init__()
        self.percent, self.width, self.height = percent, width, height

    def wrap(self, *_args):
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setStrokeColor(colors.Color(0.6, 0.6, 0.6))
        self.canv.setFillColor(colors.white)
        self.canv.rect(0, 0, self.width, self.height, stroke=1, fill=1)
        self.canv.setFillColor(colors.Color(0.22, 0.42, 0.69))
        self.canv.rect(0, 0, self.width * min(self.percent, 100) / 100, self.height, stroke=0, fill=1)


class _Writer:
    def __init__(self, doc: OfficialDocTemplate, fonts: FontSet):
        self.doc, self.route = doc, doc.router
        self.styles = {
            **style_sheet(fonts, table_size=12),
            **{f"s_{k}": v for k, v in style_sheet(fonts).items()},
        }
        self.styles["question"] = ParagraphStyle("question", parent=self.styles["cell"], fontName=fonts.hei,
                                                 spaceBefore=6, spaceAfter=3)  # fmt: skip
        self.styles["answer"] = ParagraphStyle("answer", parent=self.styles["cell"], leftIndent=8 * mm)
        self.box = tick_box(self.route, size=self.styles["cell"].fontSize)

    def option(self, label: str, source: str = "") -> Paragraph:
        """A tick box and its option label."""
        return Paragraph(self.box + self.route(f" {label}", "song", source), self.styles["cell"])

    def p(self, text, style: str = "cell", source: str = "") -> Paragraph:
        st = self.styles[style]
        role = "hei" if st.fontName == self.doc.fonts.hei else "song"
        return Paragraph(self.route(text, role, source), st)


def _doc(out, fonts: FontSet, title: str, header: str) -> OfficialDocTemplate:
    return OfficialDocTemplate(str(out) if isinstance(out, Path) else out, fonts=fonts, title=title, header=header,
                               subject="问卷调查", keywords=["问卷调查"])  # fmt: skip


def _options_table(w: _Writer, labels: list[str]) -> Table:
    short = all(len(label) <= 12 for label in labels)
    per_row = 2 if short and len(labels) > 3 else 1
    cells = [w.option(label, "选项") for label in labels]
    rows = [
        cells[i : i + per_row] + [""] * (per_row - len(cells[i : i + per_row]))
        for i in range(0, len(cells), per_row)
    ]
    table = FormTable(rows, colWidths=[(BLOCK_WIDTH - 8 * mm) / per_row] * per_row, hAlign="RIGHT")
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))  # fmt: skip
    return table


def _inline(w: _Writer, labels: list[str]) -> Table:
    widths = [30 * mm] + [22 * mm] * (len(labels) - 1)  # the first cell carries the indent
    table = Table([[w.option(label) for label in labels]], colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle([("LEFTPADDING", (0, 0), (0, 0), 8 * mm + 2), ("TOPPADDING", (0, 0), (-1, -1), 1)])
    )
    return table


def _answer_area(w: _Writer, spec: QuestionSpec):
    if spec.kind in ("single", "multiple"):
        return _options_table(w, spec.options)
    if spec.kind == "yes_no":
        return _inline(w, ["是", "否"])
    if spec.kind == "rating":
        return _inline(w, [f"{n} 分" for n in range(1, 6)])
    if spec.kind == "number":
        limits = f"（{spec.range_text()}）" if spec.range_text() else ""
        return w.p(f"答：__________________ {spec.unit}{limits}", "answer")
    if spec.kind == "date":
        return w.p("答：________年______月______日", "answer")
    box = Table([[""]], colWidths=[BLOCK_WIDTH - 8 * mm], rowHeights=[24 * mm], hAlign="RIGHT")
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, colors.black)]))
    return box


def _hint(spec: QuestionSpec) -> str:
    hint = KIND_HINTS.get(spec.kind, "")
    return "" if not hint or hint in spec.text else f"（{hint}）"


def render_blank(questionnaire: Questionnaire, specs: list[QuestionSpec], out: str | Path | BinaryIO,
                 fonts: FontSet) -> RenderReport:  # fmt: skip
    """The questionnaire on paper: enterprise block, every question with boxes or lines to write on."""
    name = f"{questionnaire.title}（第{questionnaire.version}版）"
    doc = _doc(out, fonts, questionnaire.title, name)
    w = _Writer(doc, fonts)
    story = [w.p(questionnaire.title, "s_form_title"), Spacer(1, 3 * mm)]
    if questionnaire.description:
        story += [w.p("　　" + questionnaire.description, source="问卷说明"), Spacer(1, 2 * mm)]
    story += [w.p(INSTRUCTIONS, "cell_note"), Spacer(1, 3 * mm), _enterprise_block(w), Spacer(1, 4 * mm)]
    for number, spec in enumerate(specs, start=1):
        mark = "*" if spec.required else ""
        head = w.p(f"{mark}{number}. {spec.text}{_hint(spec)}", "question", f"第{number}题")
        story.append(KeepTogether([head, _answer_area(w, spec)]))
    story += [
        Spacer(1, 6 * mm),
        w.p(f"问卷编号：{questionnaire.uuid[:8]}-V{questionnaire.version}", "cell_note"),
    ]
    return doc.report(doc.render(story))


def _enterprise_block(w: _Writer) -> Table:
    rows = [
        [w.p("企业名称", "cell_label"), "", w.p("统一社会信用代码", "cell_label"), ""],
        [w.p("所属旗区", "cell_label"), "", w.p("填表人", "cell_label"), ""],
        [
            w.p("联系电话", "cell_label"),
            "",
            w.p("填表日期", "cell_label"),
            date_line(w.route, w.styles, width=44 * mm),
        ],
    ]
    return Table(rows, colWidths=[22 * mm, 46 * mm, 40 * mm, 48 * mm], rowHeights=[10 * mm] * 3,
                 style=form_table_style(label_cells=[((0, 0), (0, -1)), ((2, 0), (2, -1))]))  # fmt: skip


def _count_table(w: _Writer, q) -> Table:
    head = [w.p(h, "cell_head") for h in ("选项", "数量", "百分比", "")]
    rows = [head] + [
        [w.p(label, source=f"第{q.number}题选项"), w.p(str(count), "cell_center"), w.p(f"{q.percents[label]:.1f}%", "cell_center"),
         Bar(q.percents[label], 44 * mm)]
        for label, count in q.counts.items()
    ]  # fmt: skip
    return FormTable(rows, colWidths=[70 * mm, 18 * mm, 20 * mm, 48 * mm], repeatRows=1,
                 style=form_table_style(header_rows=1))  # fmt: skip


def _number_table(w: _Writer, q) -> Table:
    unit = f"（{q.unit}）" if q.unit else ""
    figures = (
        ("作答数", q.answered),
        (f"平均值{unit}", q.mean),
        (f"最小值{unit}", q.minimum),
        (f"最大值{unit}", q.maximum),
    )
    rows = [[w.p(name, "cell_label") for name, _v in figures], [w.p("" if v is None else str(v), "cell_center")
                                                                 for _n, v in figures]]  # fmt: skip
    return FormTable(rows, colWidths=[BLOCK_WIDTH / 4] * 4, style=form_table_style(header_rows=1))


def _question_block(w: _Writer, q) -> list:
    parts = [w.p(f"{q.number}. {q.text}（{q.kind_label.split('（')[0]}，作答 {q.answered} 份）", "question")]
    if q.kind in COUNTED_KINDS:
        parts.append(_count_table(w, q))
    if q.kind == "number" or (q.kind in AVERAGED_KINDS and q.mean is not None):
        parts += [Spacer(1, 2 * mm), _number_table(w, q)]
    if q.earliest:
        parts.append(w.p(f"最早{paper_date(q.earliest)}，最晚{paper_date(q.latest)}。", "answer"))
    if q.texts:
        shown = q.texts[:TEXT_LIMIT]
        parts += [
            w.p(f"（{i}）{name}：{text}", source=f"第{q.number}题答案（{name}）")
            for i, (name, text) in enumerate(shown, start=1)
        ]
        if len(q.texts) > TEXT_LIMIT:
            parts.append(w.p(f"……另有 {len(q.texts) - TEXT_LIMIT} 条，见 Excel 明细", "cell_note"))
    return [KeepTogether(parts[:2]), *parts[2:], Spacer(1, 3 * mm)]


def _share_table(w: _Writer, head: str, totals: dict[str, int], responses: int) -> Table:
    rows = [[w.p(h, "cell_head") for h in (head, "答卷数", "占比")]]
    rows += [[w.p(name), w.p(str(n), "cell_center"), w.p(f"{100 * n / responses:.1f}%", "cell_center")]
             for name, n in totals.items()]  # fmt: skip
    return FormTable(
        rows, colWidths=[80 * mm, 30 * mm, 30 * mm], repeatRows=1, style=form_table_style(header_rows=1)
    )


def render_results(results: Results, scope: str, out: str | Path | BinaryIO, fonts: FontSet) -> RenderReport:
    """The summary report: overview, share by district, every question's figures, share by industry."""
    title = f"{results.title.removesuffix('问卷').removesuffix('调查')}调查结果汇总"
    doc = _doc(out, fonts, title, f"{results.title}（第{results.version}版）调查结果")
    w = _Writer(doc, fonts)
    today = date.today()
    kind = "答卷（含草稿）" if results.include_drafts else "已完成答卷"
    districts = "、".join(f"{name} {n} 份" for name, n in results.by_district.items())
    story = [
        w.p(title, "s_title"),
        w.p(f"（第{results.version}版　{paper_date(today)}）", "s_subtitle"),
        Spacer(1, 4 * mm),
        CondPageBreak(50 * mm),
        w.p("一、基本情况", "s_heading1"),
        w.p(f"统计范围：{scope}。共统计{kind} {results.responses} 份" + (f"，其中{districts}。" if districts else "。"),
            "s_body"),
    ]  # fmt: skip
    if results.responses:
        story += [Spacer(1, 2 * mm), _share_table(w, "旗区", results.by_district, results.responses)]
    story += [Spacer(1, 4 * mm), CondPageBreak(70 * mm), w.p("二、各题统计", "s_heading1")]
    for q in results.questions:
        story += _question_block(w, q)
    if results.responses:
        table = _share_table(w, "行业门类", results.by_industry, results.responses)
        story.append(KeepTogether([w.p("三、按行业统计", "s_heading1"), table]))
    return doc.report(doc.render(story))
