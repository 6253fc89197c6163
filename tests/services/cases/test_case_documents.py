"""Case documents name the bureau handling the case and use the region's own wording."""

from __future__ import annotations

import io

import pytest

from app.services.cases import pdf as case_pdf
from app.services.core.settings import DEFAULT_CASE_RULES
from app.services.io.fonts import load_fonts
from tests.helpers.documents import sample_case
from tests.helpers.pdf import page_texts, squash


@pytest.mark.parametrize(
    ("handling", "bureau"),
    [
        ("东胜区", "鄂尔多斯市东胜区市场监督管理局"),
        ("鄂尔多斯高新技术产业开发区", "鄂尔多斯高新技术产业开发区市场监督管理局"),
        ("市局", "鄂尔多斯市市场监督管理局（知识产权局）"),
    ],
)
def test_a_case_prints_under_the_header_of_the_bureau_handling_it(handling, bureau):
    case = sample_case() | {"handling": handling}
    for render in (case_pdf.render_filing_form, case_pdf.render_city_report, case_pdf.render_case_summary):
        buf = io.BytesIO()
        render(case, buf, load_fonts())
        first = squash(page_texts(buf.getvalue())[0])
        assert first.startswith(squash(bureau)), (render.__name__, first[:40])
        if handling != "市局":
            assert "市场监督管理局（知识产权局）" not in first


def test_time_limit_labels_use_the_autonomous_regions_wording():
    labels = [rule["label"] for rule in DEFAULT_CASE_RULES]
    assert "专利侵权纠纷结案（自治区期限）" in labels
    assert not any("本省" in label for label in labels)
