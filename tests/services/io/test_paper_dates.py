"""Dates on paper read 2026年12月3日 in every printed document, never 2026-12-03."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from app.services.io.fonts import load_fonts
from app.services.io.paper_dates import paper_date, paper_dates_in
from tests.helpers.documents import render_all
from tests.helpers.pdf import page_texts, squash

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture(scope="module")
def documents():
    return render_all(load_fonts())


def test_paper_date_reads_dates_datetimes_and_iso_text():
    assert paper_date(date(2026, 12, 3)) == "2026年12月3日"
    assert paper_date(datetime(2026, 1, 9, 8, 30)) == "2026年1月9日"
    assert paper_date("2026-03-05") == "2026年3月5日"
    assert paper_date("2026-03-05T10:00:00") == "2026年3月5日"
    assert paper_date(None) == ""
    assert paper_date("2026年3月") == "2026年3月"  # typed text is printed as typed
    assert paper_date("2026-02-30") == "2026-02-30"  # not a date: printed as stored


def test_generated_text_has_its_dates_rewritten():
    assert paper_dates_in("自2026-03-05起算，至2026-06-03止") == "自2026年3月5日起算，至2026年6月3日止"


def test_no_document_prints_an_iso_date(documents):
    for kind, pdf in documents.items():
        text = squash("".join(page_texts(pdf)))
        assert not ISO.search(text), (kind, ISO.search(text).group(0))


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("announcement", ["2026年3月5日", "2026年12月3日"]),
        ("visit", ["2026年3月5日", "2026年4月1日"]),
        ("case_report", ["2026年3月5日", "2026年3月6日", "2026年3月9日"]),
        ("case_summary", ["2026年6月3日", "2026年3月10日"]),
        ("application", ["2009年6月18日", "2039年2月15日"]),  # founded on, a patent's expiry
        ("questionnaire_results", ["2025年1月2日", "2026年2月3日"]),
    ],
)
def test_documents_print_their_dates_the_paper_way(documents, kind, expected):
    text = squash("".join(page_texts(documents[kind])))
    for day in expected:
        assert day in text, (kind, day)
