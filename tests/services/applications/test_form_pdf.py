"""The application form PDF: every answer, label and seal box survives into the printed text."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.services.applications.form_data import (
    DISPUTE_ROLES,
    NEEDS,
    PATENT_LIST_COLUMNS,
    PLEDGE_TEXT,
    SEAL_CAPTIONS,
    SECTION_TITLES,
)
from app.services.applications.form_pdf import (
    DATE_PARTS,
    TEXT,
    RenderReport,
    render_application,
    render_blank_application,
)
from app.services.io.fonts import GlyphRouter, load_fonts
from tests.helpers.pdf import PRODUCTS_300, body, page_texts, sample_form, sample_meta, squash


@pytest.fixture(scope="module")
def fonts():
    return load_fonts()


@pytest.fixture(scope="module")
def filled(fonts):
    form = sample_form()
    buf = io.BytesIO()
    report = render_application(form, sample_meta(), buf, fonts)
    return form, report, page_texts(buf.getvalue())


@pytest.fixture(scope="module")
def blank(fonts):
    buf = io.BytesIO()
    report = render_blank_application(sample_meta(), buf, fonts)
    return report, page_texts(buf.getvalue())


def test_filled_form_names_the_enterprise_and_every_section(filled):
    form, report, pages = filled
    text = squash("".join(pages))
    assert isinstance(report, RenderReport) and report.pages == len(pages)
    assert squash(form.snapshot["name"]) in text
    assert form.snapshot["uscc"] in text
    for title in SECTION_TITLES.values():
        assert squash(title) in text, title
    for caption in SEAL_CAPTIONS:
        assert squash(caption) in text, caption
    assert squash(PLEDGE_TEXT) in text
    assert DISPUTE_ROLES["respondent"] in text
    for label in NEEDS.values():
        assert squash(label) in text


def _in_order(text: str, parts: list[str]) -> None:
    at = 0
    for part in parts:
        found = text.find(squash(part), at)
        assert found >= 0, f"{part} missing after …{text[max(0, at - 30) : at]}"
        at = found + len(squash(part))


def test_applicant_and_date_lines_sit_under_the_title(filled, blank):
    """申报单位（盖章） with the enterprise's name and 填报日期 with 年 月 日 to write in, between the title and
    the form's number line, as on the paper form; the blank form has the same lines with nothing filled in."""
    form, _report, pages = filled
    first = squash(pages[0])
    title = squash(SECTION_TITLES["A"])
    _in_order(first, ["（2026年度）", TEXT["applicant"], form.snapshot["name"], TEXT["filled_on"], *DATE_PARTS,
                      TEXT["application_no"], title])  # fmt: skip
    assert first.index(TEXT["applicant"]) < first.index(title)
    _report, blank_pages = blank
    _in_order(
        squash(blank_pages[0]), ["（2026年度）", TEXT["applicant"], TEXT["filled_on"], *DATE_PARTS, title]
    )


@pytest.mark.parametrize(
    "name", ["鄂尔多斯市库布其煤化工股份有限公司", "内蒙古伊泰煤炭股份有限公司鄂尔多斯市东胜区分公司"]
)
def test_a_usual_enterprise_name_stays_on_one_line_on_the_signing_line(name):
    """An 18 or 24 character name keeps to one line (it left "司" alone on a second line), in a smaller size."""
    buf = io.BytesIO()
    render_application(sample_form(name=name, n_patents=0), sample_meta(), buf, load_fonts())
    lines = [line.replace(" ", "") for line in page_texts(buf.getvalue())[0].splitlines()]
    assert any(name in line for line in lines), lines[:8]


def test_long_main_products_text_loses_no_character(filled):
    _form, _report, pages = filled
    assert len(PRODUCTS_300) == 300
    assert squash(PRODUCTS_300) in body(pages)


def test_every_patent_row_is_printed(filled):
    form, _report, pages = filled
    text = body(pages)
    assert len(form.patents) == 60
    for patent in form.patents:
        assert squash(patent["number"] + patent["title"]) in text, patent["number"]


def test_patent_list_spans_pages_and_repeats_its_header(filled):
    form, _report, pages = filled
    header = squash(TEXT["no"] + "".join(PATENT_LIST_COLUMNS.values()))
    numbers = [p["number"] for p in form.patents]
    spanned = [i for i, page in enumerate(pages) if any(n in page for n in numbers)]
    assert len(spanned) >= 2
    assert spanned == list(range(spanned[0], spanned[-1] + 1))
    for i in spanned:
        assert header in squash(pages[i]), f"page {i + 1} lacks the patent list header"


def test_page_numbers_are_dashed_and_count_up(filled):
    _form, _report, pages = filled
    for number, page in enumerate(pages, start=1):
        assert f"—{number}—" in squash(page)
    assert "— 1 —" in pages[0] or "—1—" in squash(pages[0])


def test_seal_boxes_stay_on_the_page_of_the_pledge(filled, blank):
    for pages in (filled[2], blank[1]):
        last = squash(pages[-1])
        assert squash(PLEDGE_TEXT) in last
        for caption in SEAL_CAPTIONS:
            assert squash(caption) in last
        # The enterprise signs as its legal representative (法定代表人), each bureau as its head (负责人).
        assert last.count(squash(TEXT["enterprise_signature"])) == 1
        assert last.count(squash(TEXT["signature"])) == len(SEAL_CAPTIONS) - 1
        assert last.count("".join(DATE_PARTS)) == len(SEAL_CAPTIONS)


def test_blank_form_has_captions_and_boxes_but_no_enterprise(blank, fonts):
    report, pages = blank
    text = squash("".join(pages))
    for caption in SEAL_CAPTIONS:
        assert squash(caption) in text
    for title in SECTION_TITLES.values():
        assert squash(title) in text
    assert "库布其" not in text and "91150602" not in text
    off = "☐" if GlyphRouter(fonts).can_draw("☑☐") else "□"
    assert text.count(off) >= len(NEEDS)
    assert report.pages == len(pages)


def test_ticks_mark_claimed_criteria_only(filled, fonts):
    if not GlyphRouter(fonts).can_draw("☑☐"):
        pytest.skip("no installed font draws ☑☐; the squares substitute")
    form, _report, pages = filled
    text = "".join(pages)
    claimed = sum(c.claimed for c in form.criteria.values())
    # claimed criteria + chosen needs + pledge + trade secrets "有"
    assert text.count("☑") == claimed + len(form.needs) + 1 + 1


def test_main_products_longer_than_a_page_splits_instead_of_failing(fonts):
    products = "甘草提取物、中蒙药制剂及功能食品的研发生产。" * 120  # 2,640 characters, > one page of cell
    form = sample_form(main_products=products, n_patents=0)
    buf = io.BytesIO()
    report = render_application(form, sample_meta(), buf, fonts)
    text = body(page_texts(buf.getvalue()))
    # Each continued part of the row repeats its label, marked "（续）", above the rest of the text.
    assert text.count("主要产品（续）") >= 1
    assert squash(products) in text.replace("主要产品（续）", "")
    assert report.pages >= 3


def test_writes_to_a_path(tmp_path, fonts):
    out = tmp_path / "form.pdf"
    report = render_application(sample_form(n_patents=2), sample_meta(), out, fonts)
    assert out.read_bytes().startswith(b"%PDF") and report.pages >= 1


def _drawable_alphabet() -> list[str]:
    router = GlyphRouter(load_fonts())
    cjk = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)] + list("，。、；：？！“”（）《》—")
    ascii_ = [chr(c) for c in range(0x21, 0x7F)]
    return [c for c in cjk + ascii_ if router.font_for(c) == router.fonts.song] + [" ", "\n"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(products=st.text(alphabet=st.sampled_from(_drawable_alphabet()), min_size=1, max_size=900))
def test_any_main_products_text_renders_and_survives(products, fonts):
    buf = io.BytesIO()
    report = render_application(sample_form(main_products=products, n_patents=0), sample_meta(), buf, fonts)
    assert report.pages >= 1
    assert squash(products) in body(page_texts(buf.getvalue()))
