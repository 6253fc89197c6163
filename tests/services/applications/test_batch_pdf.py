"""A round's batch of forms as one PDF: each form numbered from 1 and, for duplex printing, starting on an odd
page (a blank page after a form with an odd page count), read back with pypdf."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from app.services.applications.form_pdf import render_application, render_applications
from app.services.io.fonts import load_fonts
from tests.helpers.pdf import sample_form, sample_meta, squash

NAMES = [f"鄂尔多斯市第{i}号化工有限公司" for i in range(1, 5)]
# Patent lists of different lengths give forms of different page counts, odd and even.
PATENTS = [0, 60, 5, 120]


@pytest.fixture(scope="module")
def forms():
    fonts = load_fonts()
    items = [(sample_form(name=n, n_patents=k), sample_meta()) for n, k in zip(NAMES, PATENTS, strict=True)]
    alone = [render_application(form, meta, io.BytesIO(), fonts).pages for form, meta in items]
    return fonts, items, alone


def _pages(items, fonts, **kw) -> list[str]:
    buf = io.BytesIO()
    report = render_applications(items, buf, fonts, **kw)
    texts = [squash(page.extract_text() or "") for page in PdfReader(io.BytesIO(buf.getvalue())).pages]
    assert report.pages == len(texts)
    return texts


def test_each_form_starts_on_an_odd_page_with_blank_pages_between(forms):
    fonts, items, alone = forms
    assert {n % 2 for n in alone} == {0, 1}, alone  # the test needs both kinds
    pages = _pages(items, fonts)
    assert len(pages) == sum(n + n % 2 for n in alone[:-1]) + alone[-1]
    first = 0
    for name, n in zip(NAMES, alone, strict=True):
        assert first % 2 == 0, "a form starts on an even page"  # 0-based index: page first + 1 is odd
        assert name in pages[first] and "—1—" in pages[first]
        assert f"—{n}—" in pages[first + n - 1] and name not in "".join(pages[first + n : first + n + n % 2])
        if n % 2 and first + n < len(pages):
            assert pages[first + n] == "", "the padding page is blank: no header, no page number"
        first += n + n % 2


def test_without_duplex_forms_follow_each_other(forms):
    fonts, items, alone = forms
    pages = _pages(items, fonts, duplex=False)
    assert len(pages) == sum(alone) and "" not in pages
    starts = [sum(alone[:i]) for i in range(len(alone))]
    assert all(name in pages[s] and "—1—" in pages[s] for name, s in zip(NAMES, starts, strict=True))
