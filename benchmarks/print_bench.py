"""Benchmark: printing application forms (申报表), one alone and a district's batch, against bare reportlab.

    python benchmarks/print_bench.py [--forms 200]

The floor is bare reportlab drawing comparable CJK table pages: one document of the same number of pages, each
a bordered two-column table of 24 rows of short Chinese text in the same embedded TrueType font (wordWrap CJK),
measured in the same run. Printed: ms per form alone, ms per form in the batch, the floor's ms for the same
pages, the ratio, and the batch file's size (KB per form after the first). Goals (issue 13): ≤ 30 ms per form
in a batch and ≤ 150 KB per form after the first.
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import date
from pathlib import Path

if __package__ in (None, ""):  # run as a script from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table  # noqa: E402

from app.services.applications.form_data import CRITERIA, ApplicationForm, CriterionClaim  # noqa: E402
from app.services.applications.form_pdf import (  # noqa: E402
    ApplicationMeta,
    render_application,
    render_applications,
)
from app.services.io.fonts import FontSet, load_fonts  # noqa: E402
from benchmarks.timing import median_seconds, timed  # noqa: E402

PRODUCTS = (
    "本公司主要从事煤制烯烃、甲醇及下游精细化工产品的研发、生产与销售，产品包括聚乙烯、聚丙烯、乙二醇等。"
)


def typical_form(i: int) -> tuple[ApplicationForm, ApplicationMeta]:
    """A filled form as a district sends it: the basic facts, two criteria, a dozen patents, one dispute."""
    snapshot = {
        "name": f"鄂尔多斯市第{i}煤化工有限责任公司", "uscc": f"91150602MA0N8K{i:04d}", "kind_label": "企业",
        "district": "东胜区", "registered_address": "内蒙古自治区鄂尔多斯市东胜区铜川镇装备制造基地创业大道18号",
        "operating_address": "内蒙古自治区鄂尔多斯市达拉特旗树林召镇达拉特经济开发区",
        "legal_representative": "巴特尔", "founded_on": "2009-06-18", "registered_capital": "50000.00",
        "industry_section": "C", "industry_division": "26", "size_label": "大型", "main_products": PRODUCTS * 2,
        "revenue": "386520.35", "rd_spend": "12650.80",
        "contact": {"name": "王海燕", "post": "知识产权部部长", "phone": "0477-8591234", "mobile": "13904771234",
                    "email": "ip@example.com.cn"},
    }  # fmt: skip
    criteria = {k: CriterionClaim() for k in CRITERIA}
    criteria["invention_patents"] = CriterionClaim(True, 2025, "有效发明专利68件")
    patents = [{"number": f"ZL2021100{n:05d}.{n % 10}", "title": f"一种煤制烯烃装置的余热回收系统第{n}号",
                "kind": "发明", "status": "有效", "expiry": "2041-05-15"} for n in range(12)]  # fmt: skip
    form = ApplicationForm(
        snapshot=snapshot,
        criteria=criteria,
        holdings={"year": 2025, "invention_patents": 68, "utility_models": 215, "trade_secrets": True},
        patents=patents,
        management={"ip_department": "知识产权部", "ip_staff": 6, "gbt29490_year": 2021},
        disputes=[
            {
                "year": 2024,
                "role": "respondent",
                "type": "trademark",
                "forum": "court",
                "foreign": False,
                "outcome": "驳回原告诉讼请求",
            }
        ],  # fmt: skip
        needs=["policy_outreach", "rights_aid"],
        pledge=True,
    )
    return form, ApplicationMeta(2026, f"2026-{i:04d}", 1, "已提交", date(2026, 3, 5))


def floor_pages(pages: int, fonts: FontSet) -> bytes:
    """Bare reportlab: `pages` pages, each one bordered table of 24 rows of short CJK text, fonts embedded once."""
    style = ParagraphStyle("c", fontName=fonts.song, fontSize=10.5, leading=15, wordWrap="CJK")
    rows = [
        [Paragraph(f"统一社会信用代码{r}", style), Paragraph(PRODUCTS[: 20 + r % 30], style)]
        for r in range(24)
    ]
    story: list = []
    for _ in range(pages):
        story += [Table(rows, colWidths=[40 * mm, 116 * mm], style=[("GRID", (0, 0), (-1, -1), 0.6, "black")]),
                  PageBreak()]  # fmt: skip
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build(story[:-1])
    return buf.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=200)
    args = parser.parse_args()
    first = timed(load_fonts)  # font discovery and registration, once per process
    fonts = load_fonts()
    items = [typical_form(i) for i in range(1, args.forms + 1)]
    one = io.BytesIO()
    pages_one = render_application(*items[0], one, fonts).pages
    alone = median_seconds(lambda: render_application(*items[0], io.BytesIO(), fonts))
    floor_one = median_seconds(lambda: floor_pages(pages_one, fonts))
    batch, reports = io.BytesIO(), []
    seconds = timed(lambda: reports.append(render_applications(items, batch, fonts)))
    pages = reports[0].pages  # blank pages for duplex printing included
    floor = timed(lambda: floor_pages(pages, fonts))
    per_form, floor_per_form = seconds / args.forms * 1000, floor / args.forms * 1000
    extra_kb = (len(batch.getvalue()) - len(one.getvalue())) / 1024 / (args.forms - 1)
    print(f"fonts found and registered (first time in a process): {first * 1000:.0f} ms")
    print(f"{'measure':<44}{'app':>10}{'floor':>10}{'ratio':>8}  goal")
    print(f"{f'one form alone ({pages_one} pages)':<44}{alone * 1000:>7.1f} ms{floor_one * 1000:>7.1f} ms"
          f"{alone / floor_one:>8.2f}")  # fmt: skip
    print(f"{f'per form in a batch of {args.forms} ({pages} pages)':<44}{per_form:>7.1f} ms"
          f"{floor_per_form:>7.1f} ms{per_form / floor_per_form:>8.2f}  ≤30 ms")  # fmt: skip
    print(
        f"batch file: {len(batch.getvalue()) / 1024 / 1024:.1f} MB, {extra_kb:.0f} KB per form after the first"
        f" (goal ≤150 KB); the first form alone {len(one.getvalue()) / 1024:.0f} KB"
    )


if __name__ == "__main__":
    main()
