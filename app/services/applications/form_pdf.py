"""The application form (申报表) as a printable PDF: filled from an ApplicationForm, or blank for hand filling.

Laid out like an official Chinese form: bordered tables with shaded label cells, sections A–G, and real empty
boxes for the three seals. Every label comes from application_form / enterprise_fields, never retyped here.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table

from app.models.enterprises import HOLDING_COUNTS
from app.services.applications.form_data import (
    CRITERIA,
    DISPUTE_COLUMNS,
    DISPUTE_FORUMS,
    DISPUTE_ROLES,
    DISPUTE_TYPES,
    MANAGEMENT_LABELS,
    NEEDS,
    PATENT_LIST_COLUMNS,
    PLEDGE_TEXT,
    SEAL_CAPTIONS,
    SECTION_TITLES,
    ApplicationForm,
    CriterionClaim,
)
from app.services.core import reference
from app.services.enterprises.fields import CONTACT_LABELS, LABELS
from app.services.io.fonts import ROLES, FontSet, load_fonts
from app.services.io.page_layout import (
    RULE_COLOR,
    SEAL_SPACE,
    WRITING_HEIGHT,
    Checkpoint,
    FormTable,
    NextDocument,
    OfficialDocTemplate,
    RenderReport,
    date_line,
    form_table_style,
    label_markup,
    sign_and_date,
    tick_box,
)
from app.services.io.paper_dates import paper_date

FORM_NAME = "知识产权重点企业保护名录申报表"
DATE_PARTS = ("年", "月", "日")
# A round official seal is 42 mm across (some 45 mm); the box leaves room above the signature line.
SEAL_BOX_HEIGHT = SEAL_SPACE

# Room a section needs at the foot of a page to start there: its title and three rows.
SECTION_START = 40 * mm
# The enterprise's name on the signing line under the title: its column, and the smallest size it may shrink to.
NAME_WIDTH = 61 * mm
NAME_MIN_SIZE = 8

# Labels that belong to the printed form only (column heads, notes); defined once here.
TEXT = {
    "application_no": "申报编号",
    "revision": "版本",
    "status": "状态",
    "printed_at": "打印日期",
    "applicant": "申报单位（盖章）：",
    "filled_on": "填报日期：",
    "blank_status": "空白表（手工填写）",
    "contact_group": "知识产权联系人",
    "no": "序号",
    "criterion": "申报条件",
    "claimed": "是否符合",
    "criterion_year": "取得年份",
    "criterion_note": "说明（证明材料）",
    "criteria_note": "注：勾选的申报条件须附证明材料（认定文件、证书、商标注册证等复印件）。",
    "holdings_year": "统计年度",
    "unit": "计量单位",
    "unit_value": "件",
    "trade_secrets": "采取保护措施的商业秘密",
    "has": "有",
    "has_not": "无",
    "yes": "是",
    "no_": "否",
    "patent_list": "有效专利清单（行数不够可另附页）",
    "not_reported": "（未填报）",
    "no_disputes": "近三年无知识产权纠纷",
    "dispute_options": "填写说明",
    "needs_other": "其他需求",
    "signature": "负责人签字：",
    "enterprise_signature": "法定代表人签字：",
    "opinion_by": "经办人：",
    "blank_instructions": (
        "填表说明：请用黑色钢笔或签字笔填写，字迹清楚；在□内打“√”；"
        "所填内容须与所附证明材料一致；表格不够填写的可另附页。"
    ),
}


# Which recorded opinion (Review.kind) goes in which seal box.
OPINION_KINDS = {SEAL_CAPTIONS[1]: "recommendation", SEAL_CAPTIONS[2]: "decision"}


@dataclass
class Opinion:
    """A recorded opinion as its box on the paper form shows it."""

    text: str
    by: str = ""
    on: date | None = None
    outcome: str = ""  # the decision in words (批准纳入名录), printed before the opinion


@dataclass
class ApplicationMeta:
    """What the PDF says about the application itself, outside sections A–G."""

    round_year: int
    application_no: str = ""
    revision: int = 1
    status_label: str = ""
    printed_at: date = field(default_factory=date.today)
    opinions: dict[str, Opinion] = field(default_factory=dict)  # "recommendation" / "decision" → opinion


def _date_text(value) -> str:
    return paper_date(value if isinstance(value, date) else str(value or "").strip())


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return TEXT["has"] if value else TEXT["has_not"]
    if isinstance(value, date):
        return _date_text(value)
    return str(value)


class _FormBuilder:
    """Builds the story of one form; `blank` leaves every answer empty with room to write by hand."""

    def __init__(self, doc: OfficialDocTemplate, form: ApplicationForm, meta: ApplicationMeta, blank: bool):
        self.doc, self.form, self.meta, self.blank = doc, form, meta, blank
        self.fonts: FontSet = doc.fonts
        self.route = doc.router
        self.styles = dict(doc.styles)
        base = self.styles["cell"]
        self.styles["subsection"] = ParagraphStyle(
            "subsection", parent=base, fontName=self.fonts.hei, spaceBefore=6, spaceAfter=3
        )
        # Long lists (patents) use 9 pt so number, type and date stay on one line.
        small = ParagraphStyle("small", parent=base, fontSize=9, leading=13)
        self.styles["small"] = small
        self.styles["small_center"] = ParagraphStyle("small_center", parent=small, alignment=TA_CENTER)
        self.styles["small_head"] = ParagraphStyle(
            "small_head", parent=small, fontName=self.fonts.hei, alignment=TA_CENTER
        )

    # -- cells -------------------------------------------------------------------------------------------
    def p(self, text, style: str = "cell", source: str = "") -> Paragraph:
        """A cell paragraph; `source` names stored text in the warning about characters no font has."""
        st = self.styles[style]
        role = next((r for r in ROLES if self.fonts.font(r) == st.fontName), "song")
        return Paragraph(self.route(_plain(text), role, source), st)

    def caption(self, text: str) -> Paragraph:
        return Paragraph(label_markup(self.route, text), self.styles["cell_label"])

    def label(self, text: str) -> Paragraph:
        return self.p(text, "cell_label")

    def value(self, value, source: str = "") -> Paragraph:
        return self.p("" if self.blank else value, source=source)

    def ticked(self, parts, style: str = "cell") -> Paragraph:
        """A paragraph of text and tick boxes: `parts` holds strings and booleans (a box, ticked if True)."""
        st = self.styles[style]
        markup = "".join(
            tick_box(self.route, part and not self.blank, size=st.fontSize)
            if isinstance(part, bool)
            else self.route(part, "song")
            for part in parts
        )
        return Paragraph(markup, st)

    def section(self, key: str, *body, whole: bool = False) -> list:
        """A section title and its tables. A section fills the page it starts on and goes on over the page
        (its title kept with at least a few rows), so no page is left a third empty; a `whole` section moves
        whole to the next page instead (one longer than a page splits anyway)."""
        title = self.p(SECTION_TITLES[key], "section")
        if whole:
            return [KeepTogether([title, *body])]
        return [CondPageBreak(SECTION_START), title, *body]

    def table(self, rows, widths_mm, style, *, min_height=7.5, heights=None, repeat=0) -> Table:
        n = len(rows)
        mins = heights or [min_height * mm] * n
        return FormTable(
            rows,
            colWidths=[w * mm for w in widths_mm],
            style=style,
            repeatRows=repeat,
            minRowHeights=mins,
            hAlign="CENTER",
        )

    # -- sections ------------------------------------------------------------------------------------------
    def title(self) -> list:
        city = reference.city_name()
        m = self.meta
        items = [
            (TEXT["application_no"], "" if self.blank else m.application_no),
            (TEXT["revision"], "" if self.blank else f"第{m.revision}版"),
            (TEXT["status"], TEXT["blank_status"] if self.blank else m.status_label),
        ]
        if not self.blank:
            items.append((TEXT["printed_at"], _date_text(m.printed_at)))
        # Spacing comes from table cells, not runs of no-break spaces: the CID fallback font has no glyph
        # for U+00A0, and every other space collapses.
        line = Table(
            [[self.p(f"{k}：{v}", "meta") for k, v in items]],
            colWidths=[w * mm for w in ((48, 26, 30, 52) if len(items) == 4 else (48, 26, 82))],
            style=[
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ],
            hAlign="LEFT",
        )
        out = [
            self.p(f"{city}{FORM_NAME}", "form_title"),
            self.p(f"（{m.round_year}年度）", "cell_label"),
            self.applicant_line(),
            line,
            Spacer(1, 2 * mm),
        ]
        if self.blank:
            out.insert(4, self.p(TEXT["blank_instructions"], "cell_note"))
        return out

    def applicant_line(self) -> FormTable:
        """申报单位（盖章） and 填报日期 under the title, as on the paper form: the enterprise's name (a line to write
        it on when blank) and a date left for the hand that signs and stamps the form."""
        name = "" if self.blank else (self.form.snapshot or {}).get("name", "")
        cells = [
            self.p(TEXT["applicant"], "meta"),
            self._one_line_name(name, NAME_WIDTH - 4),
            self.p(TEXT["filled_on"], "cell_right"),
            date_line(self.route, self.styles, h_align="LEFT", width=42 * mm, digits=7 * mm),
        ]
        # A FormTable: a name of any length makes the row taller, and it splits rather than fail.
        return FormTable(
            [cells],
            colWidths=[34 * mm, NAME_WIDTH, 19 * mm, 42 * mm],
            minRowHeights=[WRITING_HEIGHT],
            style=[("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                   ("LEFTPADDING", (1, 0), (1, 0), 2), ("RIGHTPADDING", (1, 0), (1, 0), 2),
                   ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                   ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LINEBELOW", (1, 0), (1, 0), 0.6, RULE_COLOR)],
            hAlign="LEFT",
        )  # fmt: skip

    def _one_line_name(self, name: str, width: float) -> Paragraph:
        """The enterprise's name on the signing line, in a smaller size when that keeps it on one line (a common
        name of 18 characters left "司" alone on a second line); a longer name wraps at the smallest size."""
        style = self.styles["cell"]
        natural = stringWidth(_plain(name), style.fontName, style.fontSize)
        if natural > width:
            size = max(NAME_MIN_SIZE, style.fontSize * width / natural)
            style = ParagraphStyle("applicant_name", parent=style, fontSize=size, leading=size * 1.25)
        return Paragraph(self.route(_plain(name), "song", TEXT["applicant"]), style)

    def basic(self) -> list:
        snap = self.form.snapshot or {}
        district = snap.get("district")
        if isinstance(district, dict):
            district = district.get("name", "")
        section = str(snap.get("industry_section") or "")
        known = reference.industry_section(section) if section else None
        section_text = f"{section} {known.name}" if known else section
        v = {
            "name": snap.get("name"),
            "uscc": snap.get("uscc"),
            "district": district,
            "kind": snap.get("kind_label") or snap.get("kind"),
            "size": snap.get("size_label") or snap.get("size"),
            "legal_representative": snap.get("legal_representative"),
            "founded_on": _date_text(snap.get("founded_on")),
            "registered_capital": snap.get("registered_capital"),
            "registered_address": snap.get("registered_address"),
            "operating_address": snap.get("operating_address"),
            "industry_section": section_text,
            "industry_division": snap.get("industry_division"),
            "revenue": snap.get("revenue"),
            "rd_spend": snap.get("rd_spend"),
        }
        layout = [
            ("name",),
            ("uscc",),
            ("district", "kind"),
            ("size", "legal_representative"),
            ("founded_on", "registered_capital"),
            ("registered_address",),
            ("operating_address",),
            ("industry_section", "industry_division"),
            ("revenue", "rd_spend"),
        ]
        # Rows of one field and rows of two are separate tables rather than column spans: reportlab splits a
        # spanned cell with the width of its first column, so a long address could not split over pages.
        groups: list[list[tuple[str, ...]]] = []
        for keys in layout:
            if groups and len(groups[-1][0]) == len(keys):
                groups[-1].append(keys)
            else:
                groups.append([keys])
        height = 9 if self.blank else 7.5
        tables = []
        for group in groups:
            rows = [[c for key in keys for c in (self.label(LABELS[key]), self.value(v[key], LABELS[key]))]
                    for keys in group]  # fmt: skip
            pairs = len(group[0])
            labels = [((2 * i, 0), (2 * i, -1)) for i in range(pairs)]
            widths = (40, 116) if pairs == 1 else (40, 38, 40, 38)
            tables.append(self.table(rows, widths, form_table_style(label_cells=labels), min_height=height))
        return [
            *self.section("A", *tables),
            self._long_text(LABELS["main_products"], snap.get("main_products")),
            self._contact(snap.get("contact") or {}),
        ]

    def _long_text(self, label: str, text) -> Table:
        """A label + free-text block; a text longer than the page splits over pages (FormTable)."""
        style = form_table_style(label_cells=[((0, 0), (0, -1))])
        height = 24 if self.blank else 7.5
        return self.table([[self.label(label), self.value(text, label)]], (40, 116), style, min_height=height)

    def _contact(self, contact: dict) -> Table:
        c = {k: contact.get(k) for k in CONTACT_LABELS}
        rows = [
            [
                self.label(TEXT["contact_group"]),
                self.label(CONTACT_LABELS["name"]),
                self._contact_value(c, "name"),
            ]
            + [self.label(CONTACT_LABELS["post"]), self._contact_value(c, "post")],
            ["", self.label(CONTACT_LABELS["phone"]), self._contact_value(c, "phone")]
            + [self.label(CONTACT_LABELS["mobile"]), self._contact_value(c, "mobile")],
            ["", self.label(CONTACT_LABELS["email"]), self._contact_value(c, "email"), "", ""],
        ]
        # The group label spans the three rows, but a span cannot split across pages: with contact details too
        # long for a page (no real contact has them, stored text still must print) the rows stay apart.
        spans = [("SPAN", (2, 2), (4, 2))]
        if sum(len(str(v or "")) for v in c.values()) < 400:
            spans.insert(0, ("SPAN", (0, 0), (0, 2)))
        style = form_table_style(label_cells=[((0, 0), (1, 2)), ((3, 0), (3, 1))], extra=spans)
        return self.table(rows, (40, 20, 38, 20, 38), style, min_height=9 if self.blank else 7.5)

    def _contact_value(self, contact: dict, key: str) -> Paragraph:
        return self.value(contact[key], f"{TEXT['contact_group']}{CONTACT_LABELS[key]}")

    def criteria(self) -> list:
        head = [
            TEXT["no"],
            TEXT["criterion"],
            TEXT["claimed"],
            TEXT["criterion_year"],
            TEXT["criterion_note"],
        ]
        rows = [[self.p(h, "cell_head") for h in head]]
        for i, (key, label) in enumerate(CRITERIA.items(), start=1):
            claim = self.form.criteria.get(key) or CriterionClaim()
            rows.append(
                [
                    self.p(i, "cell_center"),
                    self.p(label),
                    self.ticked([bool(claim.claimed)], "cell_center"),
                    self.p("" if self.blank else (claim.year or ""), "cell_center"),
                    self.value(claim.note, f"{label}{TEXT['criterion_note']}"),
                ]
            )
        style = form_table_style(header_rows=1)
        return self.section(
            "B",
            self.table(rows, (12, 68, 18, 18, 40), style, min_height=9 if self.blank else 7.5, repeat=1),
            self.p(TEXT["criteria_note"], "cell_note"),
        )

    def holdings(self) -> list:
        h = self.form.holdings or {}
        year = "" if self.blank else h.get("year", "")
        rows = [
            [self.label(TEXT["holdings_year"]), self.value(year)]
            + [self.label(TEXT["unit"]), self.p(TEXT["unit_value"], "cell_center")]
        ]
        cells = [(label, "" if self.blank else h.get(key, "")) for key, label in HOLDING_COUNTS.items()]
        secrets = h.get("trade_secrets")
        has = (secrets is True, f" {TEXT['has']}  ", secrets is False, f" {TEXT['has_not']}")
        cells.append((TEXT["trade_secrets"], has))
        for i in range(0, len(cells), 2):
            row = []
            for label, count in cells[i : i + 2]:
                value = (
                    self.ticked(count, "cell_center")
                    if isinstance(count, tuple)
                    else self.p(count, "cell_center")
                )
                row += [self.label(label), value]
            rows.append(row + [""] * (4 - len(row)))
        style = form_table_style(label_cells=[((0, 0), (0, -1)), ((2, 0), (2, -1))])
        out = [
            *self.section(
                "C", self.table(rows, (46, 32, 46, 32), style, min_height=9 if self.blank else 7.5)
            ),
        ]
        return out + self.patents()

    def patents(self) -> list:
        head = [TEXT["no"], *PATENT_LIST_COLUMNS.values()]
        rows = [[self.p(h, "small_head") for h in head]]
        spans = []
        if self.blank:
            rows += [[""] * len(head) for _ in range(5)]
        elif not self.form.patents:
            rows.append([self.p(TEXT["not_reported"], "cell_center")] + [""] * (len(head) - 1))
            spans.append(("SPAN", (0, 1), (-1, 1)))
        else:
            for i, patent in enumerate(self.form.patents, start=1):
                cells = [self.p(i, "small_center")]
                for key in PATENT_LIST_COLUMNS:
                    raw = patent.get(key, "")
                    raw = paper_date(raw) if key == "expiry" or isinstance(raw, date) else raw
                    source = f"{TEXT['patent_list'][:6]}第{i}行{PATENT_LIST_COLUMNS[key]}"
                    cells.append(self.p(raw, "small" if key == "title" else "small_center", source))
                rows.append(cells)
        style = form_table_style(header_rows=1, extra=spans)
        return [
            CondPageBreak(30 * mm),
            self.p(TEXT["patent_list"], "subsection"),
            self.table(rows, (10, 32, 52, 17, 16, 29), style, min_height=8 if self.blank else 7, repeat=1),
        ]

    def management(self) -> list:
        m = self.form.management or {}
        rows = [
            [self.label(label), self.value(m.get(key), label)] for key, label in MANAGEMENT_LABELS.items()
        ]
        heights = [(16 if key == "internal_rules" else 9) * mm for key in MANAGEMENT_LABELS]
        style = form_table_style(label_cells=[((0, 0), (0, -1))])
        return [
            *self.section("D", self.table(rows, (62, 94), style, heights=heights if self.blank else None)),
        ]

    def disputes(self) -> list:
        head = [TEXT["no"], *DISPUTE_COLUMNS.values()]
        rows = [[self.p(h, "cell_head") for h in head]]
        spans = []
        lookups = {"role": DISPUTE_ROLES, "type": DISPUTE_TYPES, "forum": DISPUTE_FORUMS}
        if self.blank:
            rows += [[""] * len(head) for _ in range(3)]
        elif not self.form.disputes:
            rows.append([self.p(TEXT["no_disputes"], "cell_center")] + [""] * (len(head) - 1))
            spans.append(("SPAN", (0, 1), (-1, 1)))
        else:
            for i, dispute in enumerate(self.form.disputes, start=1):
                cells = [self.p(i, "cell_center")]
                for key in DISPUTE_COLUMNS:
                    raw = dispute.get(key, "")
                    if key in lookups:
                        raw = lookups[key].get(raw, raw)
                    elif key == "foreign":
                        raw = TEXT["yes"] if raw else TEXT["no_"]
                    source = f"{SECTION_TITLES['E'].split('、', 1)[1]}第{i}行{DISPUTE_COLUMNS[key]}"
                    cells.append(self.p(raw, "cell" if key == "outcome" else "cell_center", source))
                rows.append(cells)
        style = form_table_style(header_rows=1, extra=spans)
        body = [
            self.table(rows, (11, 14, 27, 17, 22, 12, 53), style, min_height=9 if self.blank else 7, repeat=1)
        ]
        if self.blank:
            options = "；".join(
                f"{DISPUTE_COLUMNS[key]}：{'、'.join(lookups[key].values())}"
                for key in ("role", "type", "forum")
            )
            body.append(self.ticked([False, f" {TEXT['no_disputes']}"]))
            body.append(self.p(f"{TEXT['dispute_options']}：{options}。", "cell_note"))
        return self.section("E", *body)

    def needs(self) -> list:
        chosen = set(self.form.needs)
        cells = [self.ticked([key in chosen, f" {label}"]) for key, label in NEEDS.items()]
        rows = [cells[i : i + 2] + [""] * (2 - len(cells[i : i + 2])) for i in range(0, len(cells), 2)]
        other = "" if self.blank else self.form.needs_other
        # "其他需求" is a table of its own, not a spanned row, so a long text can split over pages.
        text = self.p(f"{TEXT['needs_other']}：{other}", source=TEXT["needs_other"])
        other_row = self.table([[text]], (156,), form_table_style(), min_height=18 if self.blank else 8)
        return self.section("F", self.table(rows, (78, 78), form_table_style(), min_height=8), other_row)

    def pledge_and_seals(self) -> list:
        pledge = self.table(
            [[self.ticked([bool(self.form.pledge), f" {PLEDGE_TEXT}"])]],
            (156,),
            form_table_style(),
            min_height=14,
        )
        # The pledge and the three seal boxes stay on one page: a seal attests the pledge it sits under, and a
        # box split over two pages could not take a stamp.
        boxes = [self._seal_box(i, caption) for i, caption in enumerate(SEAL_CAPTIONS)]
        return self.section("G", pledge, Spacer(1, 3 * mm), *boxes, whole=True)

    def _seal_box(self, index: int, caption: str) -> Table:
        """A caption and a space for the seal with a signature and date line; a recorded opinion is printed
        in its box with who gave it and when, leaving the seal space below it."""
        opinion = None if self.blank else self.meta.opinions.get(OPINION_KINDS.get(caption, ""))
        signer = TEXT["enterprise_signature"] if index == 0 else TEXT["signature"]
        inner = 124 * mm - 4 - 8 * mm
        if opinion is None:
            box = sign_and_date(self.route, self.styles, signer)
            valign = "BOTTOM"
        else:
            text = f"{opinion.outcome}。{opinion.text}" if opinion.outcome else opinion.text
            signed = [
                self.p(f"{TEXT['opinion_by']}{opinion.by}", "cell_right", caption),
                self.p(_date_text(opinion.on), "cell_right"),
            ]
            head = [self.p(text, source=caption)]
            used = sum(f.wrap(inner, SEAL_SPACE)[1] for f in [*head, *signed])
            box = [*head, Spacer(1, max(2 * mm, SEAL_SPACE - 14 - used)), *signed]
            valign = "TOP"
        style = form_table_style(
            label_cells=[((0, 0), (0, 0))],
            extra=[
                ("VALIGN", (1, 0), (1, 0), valign),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("RIGHTPADDING", (1, 0), (1, 0), 8 * mm),
                ("BOTTOMPADDING", (1, 0), (1, 0), 6),
            ],
        )
        # A long opinion makes the box taller and may split over pages (FormTable); never shorter than a seal.
        return FormTable(
            [[self.caption(caption), box]],
            colWidths=[32 * mm, 124 * mm],
            minRowHeights=[SEAL_BOX_HEIGHT],
            style=style,
            hAlign="CENTER",
        )

    def story(self) -> list:
        story = self.title()
        for part in (self.basic, self.criteria, self.holdings, self.management, self.disputes, self.needs):
            story += part()
        story += self.pledge_and_seals()
        return story


def _render(form: ApplicationForm, meta: ApplicationMeta, out, fonts: FontSet | None, blank: bool):
    fonts = fonts or load_fonts()
    city = reference.city_name()
    title = f"{city}{FORM_NAME}"
    doc = OfficialDocTemplate(
        str(out) if isinstance(out, Path) else out,
        fonts=fonts,
        title=f"{meta.round_year}年度{title}",
        header=f"{meta.round_year}年度 {title}",
        subject=TEXT["blank_status"] if blank else f"{form.snapshot.get('name', '')} {meta.application_no}",
        keywords=[FORM_NAME, str(meta.round_year)],
    )
    builder = _FormBuilder(doc, form, meta, blank)
    return doc.report(doc.render(builder.story()))


def render_application(
    form: ApplicationForm,
    meta: ApplicationMeta,
    out: str | Path | BinaryIO,
    fonts: FontSet | None = None,
) -> RenderReport:
    """Write the filled form to `out` (a path or a binary file); fonts default to `load_fonts()`."""
    return _render(form, meta, out, fonts, blank=False)


def render_blank_application(
    meta: ApplicationMeta, out: str | Path | BinaryIO, fonts: FontSet | None = None
) -> RenderReport:
    """Write the form with empty cells and ☐ boxes, for enterprises that fill it in by hand."""
    return _render(ApplicationForm(), meta, out, fonts, blank=True)


class _Stopped(Exception):
    """Raised inside the layout when the caller cancelled a batch."""


def render_applications(
    items: list[tuple[ApplicationForm, ApplicationMeta]],
    out: str | Path | BinaryIO,
    fonts: FontSet,
    *,
    duplex: bool = True,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> RenderReport | None:
    """Several filled forms in one PDF (a round's batch): fonts embedded once, each form numbered from 1 and,
    for `duplex` printing, starting on an odd page (a blank page after a form with an odd page count).

    `progress(done, total)` is called as each form is laid out and `cancelled()` asked before each; a cancelled
    batch returns None and writes nothing to `out` (a path is only created once the whole PDF is made).
    """
    year = items[0][1].round_year
    title = f"{reference.city_name()}{FORM_NAME}"
    buffer = io.BytesIO()
    doc = OfficialDocTemplate(
        buffer,
        fonts=fonts,
        title=f"{year}年度{title}",
        header=f"{year}年度 {title}",
        subject=f"{year}年度申报表 {len(items)} 份",
        keywords=[FORM_NAME, str(year)],
    )

    def reached(done: int) -> None:
        if cancelled is not None and cancelled():
            raise _Stopped()
        if progress is not None:
            progress(done, len(items))

    story: list = []
    for done, (form, meta) in enumerate(items):
        if story:
            story.append(NextDocument(duplex))
        story.append(Checkpoint(lambda done=done: reached(done)))
        story += _FormBuilder(doc, form, meta, blank=False).story()
    story.append(Checkpoint(lambda: reached(len(items))))
    try:
        pages = doc.render(story)
    except _Stopped:
        return None
    _write(buffer.getvalue(), out)
    return doc.report(pages)


def _write(data: bytes, out: str | Path | BinaryIO) -> None:
    """The finished PDF to a binary file, or to a path through a temporary file beside it (never half a file)."""
    if isinstance(out, str | Path):
        path = Path(out)
        part = path.with_name(path.name + ".part")
        part.write_bytes(data)
        part.replace(path)
    else:
        out.write(data)
