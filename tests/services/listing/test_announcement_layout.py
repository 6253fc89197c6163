"""The publication announcement (公示) follows GB/T 9704, measured from the PDF's text positions.

28 characters to a full line, justified to the block's right edge; no line opens with closing punctuation; the
date four characters in from the right with the issuing body centred over it, on the page of the last body
line; the publicity period and the contact for objections are printed; page numbers 7 mm below the block.
"""

from __future__ import annotations

import io
import subprocess
import unicodedata
from collections import defaultdict
from datetime import date

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.lib.units import mm

from app.services.core import installation
from app.services.io.fonts import load_fonts
from app.services.io.line_breaking import NO_LINE_START
from app.services.io.page_layout import (
    BLOCK_HEIGHT,
    BLOCK_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    PAGE_HEIGHT,
)
from app.services.listing.announcement_pdf import AnnouncementRow, Objections, render_announcement
from tests.helpers.pdf import page_texts, squash

PITCH = BLOCK_WIDTH / 28
RIGHT = MARGIN_LEFT + BLOCK_WIDTH
OBJECTIONS = Objections(days=7, phone="0477-8591234", address="鄂尔多斯市康巴什区市民中心")


def _rows(n: int) -> list[AnnouncementRow]:
    return [AnnouncementRow(f"鄂尔多斯市第{i}煤化工有限公司", "91150602MA0N8K3X2Q", "伊金霍洛旗", "有效发明专利10件以上",
                            date(2026, 3, 5)) for i in range(1, n + 1)]  # fmt: skip


def _render(n: int) -> bytes:
    buf = io.BytesIO()
    render_announcement(_rows(n), buf, load_fonts(), title="鄂尔多斯市知识产权重点企业保护名录公示",
                        issued_on=date(2026, 12, 3), objections=OBJECTIONS)  # fmt: skip
    return buf.getvalue()


def _glyphs(pdf: bytes) -> list[list[tuple[float, float, float, str]]]:
    """Per page, (x, y, font size, text) of every text shown, in page coordinates."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        found: list[tuple[float, float, float, str]] = []

        def visit(text, cm, tm, _font, size, found=found):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                found.append((x, y, size * (tm[0] or 1) * (cm[0] or 1), text.strip()))

        page.extract_text(visitor_text=visit)
        pages.append(found)
    return pages


def _lines(glyphs, size: float = 16) -> list[list[tuple[float, str]]]:
    """The body-size text of one page as lines (top to bottom) of (x, character), left to right."""
    rows: dict[float, list[tuple[float, str]]] = defaultdict(list)
    for x, y, s, text in glyphs:
        if abs(s - size) < 0.1:
            rows[round(y, 1)].append((x, text))
    return [sorted(rows[y]) for y in sorted(rows, reverse=True)]


@pytest.fixture(scope="module")
def one_page():
    return _render(2)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def test_full_lines_hold_28_characters_and_reach_the_right_edge(one_page):
    lines = _lines(_glyphs(one_page)[0])
    full = [line for line in lines if len(line) == 28 and all(_wide(ch) for _x, ch in line)]
    assert full, [("".join(ch for _x, ch in line)) for line in lines]
    for line in full:
        assert line[0][0] == pytest.approx(MARGIN_LEFT, abs=0.6)
        steps = [b[0] - a[0] for a, b in zip(line, line[1:], strict=False)]
        assert max(steps) - min(steps) < 0.01 and steps[0] == pytest.approx(PITCH, abs=0.01)
    for line in lines:
        assert sum(1 if _wide(ch) else 0.5 for _x, ch in line) <= 28


def test_justified_lines_end_at_the_block_edge_and_never_open_with_punctuation(one_page):
    lines = _lines(_glyphs(one_page)[0])
    text = ["".join(ch for _x, ch in line) for line in lines]
    for joined in text:
        assert joined[0] not in NO_LINE_START, joined
    # A paragraph's lines but its last end at the right edge (the last character's cell touches it).
    period = next(i for i, t in enumerate(text) if t.startswith("公示期为"))
    for line in lines[period : period + 2]:
        x, ch = line[-1]
        assert x + PITCH == pytest.approx(RIGHT, abs=1.0), "".join(c for _x, c in line)


def test_period_and_objection_contact_are_printed(one_page):
    text = squash("".join(page_texts(one_page)))
    assert "公示期为7天（2026年12月3日至2026年12月9日）" in text
    assert "联系电话：0477-8591234" in text and "通信地址：鄂尔多斯市康巴什区市民中心" in text
    assert squash(installation.issuing_body()) in text


def test_date_four_characters_in_with_the_issuer_centred_over_it(one_page):
    lines = _lines(_glyphs(one_page)[-1])
    text = ["".join(ch for _x, ch in line) for line in lines]
    dated = lines[text.index("2026年12月3日")]
    issuer = lines[text.index(installation.issuing_body())]
    date_right = dated[-1][0] + PITCH
    assert date_right == pytest.approx(RIGHT - 4 * PITCH, abs=1.0)
    issuer_right = issuer[-1][0] + PITCH
    # Centred over the date, unless that would cross the right edge: then flush with it.
    centre_date = (dated[0][0] + date_right) / 2
    centre_issuer = (issuer[0][0] + issuer_right) / 2
    assert issuer_right <= RIGHT + 0.5
    assert centre_issuer == pytest.approx(centre_date, abs=1.0) or issuer_right == pytest.approx(
        RIGHT, abs=0.5
    )


@pytest.mark.parametrize("n", range(14, 40, 2))
def test_signature_and_date_stay_on_the_page_of_the_last_body_line(n):
    pages = [["".join(ch for _x, ch in line) for line in _lines(glyphs)] for glyphs in _glyphs(_render(n))]
    signed = [i for i, lines in enumerate(pages) if "2026年12月3日" in lines]
    assert signed == [len(pages) - 1]
    last = pages[-1]
    assert last.index(installation.issuing_body()) == last.index("2026年12月3日") - 1
    assert any(line.startswith("通信地址") for line in last), last


def test_page_numbers_sit_7_mm_below_the_block_odd_right_even_left(tmp_path):
    pdf = _render(40)
    glyphs = _glyphs(pdf)
    assert len(glyphs) >= 2
    for number, page in enumerate(glyphs[:2], start=1):
        (x, text), *_ = [(x, t) for x, _y, s, t in page if abs(s - 14) < 0.1]
        assert text.replace(" ", "") == f"—{number}—"
        if number % 2:
            assert x > MARGIN_LEFT + BLOCK_WIDTH / 2
        else:
            assert x == pytest.approx(MARGIN_LEFT + 14, abs=0.5)  # one character in from the left edge
    # The dash's ink, measured on the rendered page: its middle is 7 mm below the block's bottom edge.
    path = tmp_path / "a.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "600", "-png", "-f", "1", "-l", "1", "-singlefile", str(path),
                    str(tmp_path / "p")], check=True)  # fmt: skip
    image = Image.open(tmp_path / "p.png").convert("L")
    dpmm = 600 / 25.4
    block_bottom = (PAGE_HEIGHT - MARGIN_BOTTOM) / mm  # from the top of the page
    band = image.crop((0, round((block_bottom + 2) * dpmm), image.width, round((block_bottom + 14) * dpmm)))
    ink_rows = [y for y in range(band.height) if band.crop((0, y, band.width, y + 1)).getextrema()[0] < 128]
    middle = block_bottom + 2 + (ink_rows[0] + ink_rows[-1]) / 2 / dpmm
    assert middle - block_bottom == pytest.approx(7, abs=1.0)
    assert BLOCK_HEIGHT == pytest.approx(225 * mm)
