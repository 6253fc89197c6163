"""No stored text can make a printed document fail or lose a character (hypothesis over every document kind).

Every free-text field of every document gets generated text (Chinese, Latin, digits, full-width forms, CJK
Extension A/B, markup characters, line breaks, private-use characters no font has); the document must render,
every character no font has must be named in the render report's warnings, and the text layer must hold every
other character of each field in order (compared without whitespace; labels, "（续）" and page furniture may sit
between them). `python -m pytest` runs 3 examples a kind with texts up to 1,200 characters a field; CI's second run
(HYPOTHESIS_PROFILE=print-ci, .ci/run) 300 a kind; HYPOTHESIS_PROFILE=print-large texts up to 10,000 characters.
"""

from __future__ import annotations

import io
import random
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from app.models import Questionnaire
from app.services.applications.form_data import CRITERIA, MANAGEMENT_LABELS, CriterionClaim
from app.services.applications.form_pdf import (
    ApplicationMeta,
    render_application,
    render_applications,
    render_blank_application,
)
from app.services.cases import pdf as case_pdf
from app.services.io.fonts import GlyphRouter, load_fonts
from app.services.liaison.visit_pdf import VisitSheet, render_visit
from app.services.listing.announcement_pdf import AnnouncementRow, render_announcement
from app.services.questionnaires.answer_checks import QuestionSpec
from app.services.questionnaires.pdf import render_blank, render_results
from app.services.questionnaires.results import QuestionResult, Results
from app.services.statistics.report_pdf import render_report
from tests.helpers.pdf import sample_form, sample_meta, squash, text_layer
from tests.hypothesis_profiles import PRINT_TEXT_CHARS, print_profile

# Profiles: tests/hypothesis_profiles.py ("print" here, "print-ci" 300 examples a kind in CI's second run).
PROFILE = settings.get_profile(print_profile())
MAX_CHARS = PRINT_TEXT_CHARS[print_profile()]

_POOLS = (
    [chr(c) for c in range(0x4E00, 0x9FA6, 7)],  # common and less common ideographs
    list("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
    list("0123456789"),
    [chr(c) for c in range(0xFF01, 0xFF5F)],  # full-width forms
    list("（）【】《》、，。：；！？“”‘’—…·％"),
    list("<>&\"'/\\[]{}#%;"),  # markup and PDF string delimiters
    list("䶮㐀㑇䴘𠮷𡈽𪚥𠀋𤭢"),  # Extension A/B: names in this region use some of these
    list(" \n\t"),
    list("\U000f0001\U000f0002\U0010fffd"),  # private use: no font draws them, the report must name them
)


@st.composite
def texts(draw, max_chars: int = MAX_CHARS) -> str:
    """Mixed text; long texts are drawn as runs from one pool so generation stays cheap."""
    length = draw(st.integers(0, max_chars))
    rnd = random.Random(draw(st.integers(0, 2**32)))  # a seed, not each character: keeps the entropy small
    out: list[str] = []
    while len(out) < length:
        pool = rnd.choice(_POOLS)
        out += rnd.choices(pool, k=min(rnd.randint(1, 40), length - len(out)))
    return "".join(out)


def _in_order(fields: list[str], pdf: bytes) -> None:
    """Every character of each field (without whitespace) occurs in the text layer, in the field's order.

    Fields are checked one by one: cells side by side in a row that splits over a page interleave their parts.
    """
    layer = squash(text_layer(pdf))
    for field in fields:
        needed, position = squash(field), 0
        for i, ch in enumerate(needed):
            found = layer.find(ch, position)
            assert found >= 0, f"{ch!r} (U+{ord(ch):04X}) missing after …{needed[max(0, i - 20) : i]}"
            position = found + 1


FONTS = load_fonts()
_ROUTER = GlyphRouter(FONTS)


def _checked(fields: list[str], pdf: bytes, warnings: list[str]) -> None:
    """Characters no font has are named in the warnings (and left out of the text-layer check: they print as
    gaps); every other character is in the text layer in order."""
    absent = {ch for f in fields for ch in f if not ch.isspace() and _ROUTER.font_for(ch) is None}
    for ch in absent:
        assert any(f"U+{ord(ch):04X}" in w for w in warnings), f"U+{ord(ch):04X} not reported: {warnings}"
    _in_order(["".join(ch for ch in f if ch not in absent) for f in fields], pdf)


@settings(PROFILE)
@given(st.lists(texts(), min_size=24, max_size=24))
def test_application_form_prints_every_character(fields):
    name, legal, reg, op, products, contact, rules, outcome, other, *rest = fields
    notes = dict(zip(CRITERIA, rest, strict=False))
    form = sample_form(
        name=name,
        legal_representative=legal,
        registered_address=reg,
        operating_address=op,
        main_products=products,
        contact={"name": contact},
        n_patents=0,
    )
    form.criteria = {k: CriterionClaim(True, 2025, notes.get(k, "")) for k in CRITERIA}
    form.patents = [{"number": rest[-1][:30], "title": rest[-2], "kind": "发明", "status": "有效"}]
    form.management = dict.fromkeys(MANAGEMENT_LABELS, "") | {"internal_rules": rules}
    form.disputes[0]["outcome"] = outcome
    form.needs_other = other
    buf = io.BytesIO()
    report = render_application(form, sample_meta(), buf, FONTS)
    assert report.pages >= 1
    order = [name, legal, reg, op, products, contact, *(notes.get(k, "") for k in CRITERIA)]
    order += [rest[-1][:30], rest[-2], rules, outcome, other]
    _checked(order, buf.getvalue(), report.warnings)


@settings(PROFILE)
@given(st.lists(texts(), min_size=9, max_size=9))
def test_visit_record_prints_every_character(fields):
    enterprise, officers, met, topics, problems, notes, follow1, follow2, owner = fields
    sheet = VisitSheet(
        enterprise=enterprise,
        uscc="91150602MA0N8K3X2Q",
        district="东胜区",
        visited_on=date(2026, 3, 5),
        kind="routine",
        officers=officers,
        people_met=met,
        topics=topics,
        problems=problems,
        notes=notes,
        followups=[(follow1, owner, "2026-04-01", "进行中"), (follow2, "", "", "已完成")],
    )
    buf = io.BytesIO()
    report = render_visit(sheet, buf, FONTS)
    assert report.pages >= 1
    order = [enterprise, officers, met, topics, problems, notes, follow1, owner, follow2]
    _checked(order, buf.getvalue(), report.warnings)


def _case(fields: list[str]) -> dict:
    party, right, important, summary, note, timeline, outcome = fields
    return {
        "number": "鄂市监知案〔2026〕7号",
        "type_label": "假冒专利",
        "source_label": "投诉举报",
        "received_on": "2026-03-05",
        "handling": "东胜区局",
        "parties": [{"role_label": "被投诉人", "name": party, "key_enterprise": True}],
        "rights": [{"number": "ZL2020", "title": right}],
        "important": True,
        "important_note": important,
        "summary": summary,
        "report": {"reported_on": "2026-03-06", "note": note, "acknowledged": False},
        "clocks": [
            {"label": "立案时限", "start": "2026-03-05", "due": "2026-03-20", "state_label": "进行中"}
        ],
        "timeline": [{"date": "2026-03-05", "label": "收到", "note": timeline}],
        "status_label": "办理中",
        "outcome_label": outcome,
        "warnings": [],
    }


@settings(PROFILE)
@given(st.lists(texts(), min_size=7, max_size=7))
def test_case_documents_print_every_character(fields):
    party, right, important, summary, note, timeline, outcome = fields
    case = _case(fields)
    basic = [party, right, important, summary]
    for render, order in (
        (case_pdf.render_filing_form, basic),
        (case_pdf.render_city_report, [*basic, note]),
        (case_pdf.render_case_summary, [*basic, outcome, timeline]),
    ):
        buf = io.BytesIO()
        report = render(case, buf, FONTS)
        assert report.pages >= 1
        _checked(order, buf.getvalue(), report.warnings)


@settings(PROFILE)
@given(st.lists(texts(), min_size=5, max_size=5))
def test_announcement_prints_every_character(fields):
    name1, basis1, name2, basis2, contact = fields
    rows = [
        AnnouncementRow(name1, "91150602MA0N8K3X2Q", "东胜区", basis1, date(2026, 3, 5)),
        AnnouncementRow(name2, "91150602MA0N8K3X2Q", "达拉特旗", basis2, date(2026, 3, 5)),
    ]
    buf = io.BytesIO()
    pages, warnings = render_announcement(
        rows, buf, FONTS, title="公示", issued_on=date(2026, 3, 5), contact=contact
    )
    assert pages >= 1
    _checked([name1, basis1, name2, basis2, contact], buf.getvalue(), warnings)


@settings(PROFILE)
@given(st.lists(texts(), min_size=5, max_size=5))
def test_blank_questionnaire_prints_every_character(fields):
    title, description, question, option, option2 = fields
    questionnaire = Questionnaire(title=title, version=1, description=description, uuid="0123456789abcdef")
    specs = [QuestionSpec("single", question, options=[option, option2]), QuestionSpec("text", question)]
    buf = io.BytesIO()
    report = render_blank(questionnaire, specs, buf, FONTS)
    assert report.pages >= 1
    _checked([title, description, question, option, option2, question], buf.getvalue(), report.warnings)


@settings(PROFILE)
@given(st.lists(texts(), min_size=11, max_size=11))
def test_questionnaire_results_print_every_character(fields):
    title, district1, district2, question, option1, option2, unit, asked, enterprise, answer, industry = (
        fields
    )
    counts = dict.fromkeys([option1, option2], 1)
    questions = [
        QuestionResult(1, "u1", "single", "单选题", question, "", 2, counts=counts,
                       percents=dict.fromkeys(counts, 50.0)),
        QuestionResult(2, "u2", "number", "数值题", asked, unit, 2, mean=3.5, minimum=1, maximum=6),
        QuestionResult(3, "u3", "text", "文字题", asked, "", 1, texts=[(enterprise, answer)]),
    ]  # fmt: skip
    by_district = dict.fromkeys([district1, district2], 1)
    results = Results(1, title, 1, False, 2, by_district, {industry: 2}, questions, "2026-03-05")
    buf = io.BytesIO()
    report = render_results(results, "全市各旗区", buf, FONTS)
    assert report.pages >= 1
    order = [
        title,
        district1,
        district2,
        question,
        option1,
        option2,
        asked,
        unit,
        enterprise,
        answer,
        industry,
    ]
    _checked(order, buf.getvalue(), report.warnings)


@settings(PROFILE)
@given(st.lists(texts(), min_size=6, max_size=6))
def test_statistics_report_prints_every_character(fields):
    scope, district1, district2, label1, label2, note = fields
    columns = [{"key": "listed", "label": "名录企业"}, {"key": "support_amount", "label": "扶持金额（元）"}]
    rows = [{"name": district1, "listed": 3, "support_amount": 12000.5},
            {"name": district2, "listed": 0, "support_amount": None}]  # fmt: skip
    figures = {
        "year": 2026, "as_of": "2026-03-05", "scope": scope, "district": None,
        "sections": [{"key": "enterprises", "title": "名录企业", "columns": columns, "rows": rows,
                      "total": {"name": "合计", "listed": 3, "support_amount": 12000.5}}],
        "breakdowns": [{"key": "industry", "title": "行业门类", "counts": dict.fromkeys([label1, label2], 2)}],
        "notes": [note],
    }  # fmt: skip
    buf = io.BytesIO()
    report = render_report(figures, buf, FONTS)
    assert report.pages >= 1
    _checked([scope, district1, district2, label1, label2, note], buf.getvalue(), report.warnings)


@settings(PROFILE)
@given(st.integers(2000, 2100), texts(max_chars=MAX_CHARS // 10))
def test_blank_forms_print_whatever_they_are_given(year, district):
    """Blank forms carry little stored text (the round's year, the visiting district) but must never fail."""
    buf = io.BytesIO()
    report = render_blank_application(ApplicationMeta(round_year=year), buf, FONTS)
    assert report.pages >= 1 and f"{year}年度" in squash(text_layer(buf.getvalue()))
    buf = io.BytesIO()
    report = render_visit(VisitSheet(district=district), buf, FONTS, blank=True)
    assert report.pages >= 1
    _checked([district], buf.getvalue(), report.warnings)


@settings(PROFILE)
@given(st.lists(texts(max_chars=MAX_CHARS // 2), min_size=8, max_size=8))
def test_a_batch_prints_every_character_of_every_form(fields):
    items, order = [], []
    for name, legal, rules, outcome in (fields[:4], fields[4:]):
        form = sample_form(name=name, legal_representative=legal, n_patents=0)
        form.management = dict.fromkeys(MANAGEMENT_LABELS, "") | {"internal_rules": rules}
        form.disputes[0]["outcome"] = outcome
        items.append((form, sample_meta()))
        order += [name, legal, rules, outcome]
    buf = io.BytesIO()
    report = render_applications(items, buf, FONTS)
    assert report.pages >= 2
    _checked(order, buf.getvalue(), report.warnings)
