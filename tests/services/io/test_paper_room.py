"""Room to stamp and write on paper: seal spaces ≥ 45 × 45 mm, tick boxes ≥ 3.5 mm, date lines ≥ 8 mm.

Seal spaces and writing lines are measured from the laid-out tables of each real document (their computed row
heights and column widths after the build); tick boxes from the ink of a rendered page.
"""

from __future__ import annotations

import subprocess

import pytest
from PIL import Image
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table

from app.services.io import page_layout
from app.services.io.fonts import GlyphRouter, load_fonts
from app.services.io.page_layout import OfficialDocTemplate, label_markup, style_sheet, tick_box
from tests.helpers.documents import render_each

SEALED = ("application", "application_blank", "case_report", "visit", "visit_blank")


@pytest.fixture(scope="module")
def tables():
    """Document kind → every Table in its story (laid out by the build), captured as each document renders."""
    story_tables: list[Table] = []
    original = OfficialDocTemplate.render

    def capture(self, story):
        _collect(story, story_tables)
        return original(self, story)

    captured: dict[str, list[Table]] = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(OfficialDocTemplate, "render", capture)
        for kind, _pdf in render_each(load_fonts()):
            captured[kind] = list(story_tables)
            story_tables.clear()
    return captured


def _collect(items, out: list[Table]) -> None:
    for item in items:
        if isinstance(item, Table):
            out.append(item)
            _collect((v for row in item._cellvalues for v in row), out)
        elif isinstance(item, list | tuple):
            _collect(item, out)
        elif hasattr(item, "_content"):
            _collect(item._content, out)


def _text(value) -> str:
    items = value if isinstance(value, list | tuple) else [value]
    return "".join(getattr(v, "text", "") if isinstance(v, Paragraph) else "" for v in items)


def _seal_spaces(tables: list[Table]) -> list[tuple[str, float, float]]:
    """(caption, height, width) of the space beside each caption asking for a seal (盖章)."""
    found = []
    for table in tables:
        for r, row in enumerate(table._cellvalues):
            for c, value in enumerate(row[:-1]):
                # 申报单位（盖章） under the application form's title is stamped over the enterprise's name, as on
                # the paper form; the seal's own space is the 企业盖章 box in section 七.
                if "盖章" in _text(value) and not _text(value).startswith("申报单位"):
                    found.append((_text(value), table._rowHeights[r], table._colWidths[c + 1]))
    return found


@pytest.mark.parametrize("kind", SEALED)
def test_every_seal_space_takes_a_45_mm_seal(tables, kind):
    spaces = _seal_spaces(tables[kind])
    assert spaces, kind
    for caption, height, width in spaces:
        assert height >= 45 * mm and width >= 45 * mm, (kind, caption, height / mm, width / mm)


@pytest.mark.parametrize("kind", ["application", "case_report", "case_filing_blank", "visit", "visit_blank"])
def test_date_and_signature_lines_leave_8_mm_to_write(tables, kind):
    lines = [t for t in tables[kind] if [_text(v) for v in t._cellvalues[0]][1::2] == ["年", "月", "日"]]
    assert lines, kind
    for table in lines:
        assert min(table._rowHeights) >= 8 * mm - 0.01, (kind, table._rowHeights)


def _ink_width_mm(markup: str, fonts, folder) -> float:
    """The width of everything drawn on a page holding only `markup`, measured at 600 dpi."""
    pdf = folder / "box.pdf"
    doc = OfficialDocTemplate(str(pdf), fonts=fonts, title="t", page_numbers=False)
    doc.render([Paragraph(markup, style_sheet(fonts)["cell"])])
    subprocess.run(
        ["pdftoppm", "-r", "600", "-png", "-singlefile", str(pdf), str(folder / "box")], check=True
    )
    image = Image.open(folder / "box.png").convert("L").point(lambda v: 255 if v < 128 else 0)
    left, _top, right, _bottom = image.getbbox()
    return (right - left) / 600 * 25.4


@pytest.mark.parametrize("checked", [False, True])
def test_tick_boxes_are_at_least_3_5_mm_wide(checked, tmp_path):
    fonts = load_fonts()
    width = _ink_width_mm(tick_box(GlyphRouter(fonts), checked), fonts, tmp_path)
    assert 3.5 <= width <= 6, width


def test_a_seal_caption_breaks_before_its_bracket_not_inside_it():
    router = GlyphRouter(load_fonts())
    assert label_markup(router, "旗区局意见（盖章）") == "旗区局意见<br/>（盖章）"
    assert label_markup(router, "走访记录") == "走访记录"
    assert page_layout.SEAL_SPACE >= 45 * mm
