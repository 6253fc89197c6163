"""Helpers for the PDF tests: a realistic application form, text extraction and font inspection."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date

from pypdf import PdfReader

from app.services.applications.form_data import CRITERIA, ApplicationForm, CriterionClaim

PRODUCTS_300 = (
    "本公司主要从事煤制烯烃、甲醇及下游精细化工产品的研发、生产与销售，产品包括聚乙烯、聚丙烯、乙二醇、"
    "碳酸二甲酯等，广泛应用于包装、汽车、纺织和新能源电池电解液等领域。"
) * 4
PRODUCTS_300 = PRODUCTS_300[:300]

_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Remove all whitespace: pypdf breaks wrapped cell text into lines and pads with spaces."""
    return _SPACE.sub("", text)


_FURNITURE = re.compile(r"^.*?—\d+—")


def body(pages: list[str]) -> str:
    """All pages' text without whitespace and without each page's running header and "— N —" number.

    The page furniture is drawn first on every page, so a text running over a page break reads through it.
    """
    return "".join(_FURNITURE.sub("", squash(page), count=1) for page in pages)


def patents(n: int) -> list[dict]:
    kinds = ["发明", "实用新型", "外观设计"]
    return [
        {
            "number": f"ZL20{18 + i % 7}1{i:07d}.{i % 10}",
            "title": f"一种煤制烯烃装置的{['余热回收', '催化剂再生', '分离提纯', '废水处理'][i % 4]}系统及方法第{i}号",
            "kind": kinds[i % 3],
            "status": "有效",
            "expiry": f"20{38 + i % 5}-0{1 + i % 9}-15",
        }
        for i in range(1, n + 1)
    ]


def sample_form(
    *, name: str = "鄂尔多斯市库布其煤化工股份有限公司", n_patents: int = 60, **snap
) -> ApplicationForm:
    snapshot = {
        "name": name,
        "uscc": "91150602MA0N8K3X2Q",
        "kind_label": "企业",
        "district": "东胜区",
        "registered_address": "内蒙古自治区鄂尔多斯市东胜区铜川镇装备制造基地创业大道18号",
        "operating_address": "内蒙古自治区鄂尔多斯市达拉特旗树林召镇达拉特经济开发区精细化工园区",
        "legal_representative": "巴特尔",
        "founded_on": "2009-06-18",
        "registered_capital": "50000.00",
        "industry_section": "C",
        "industry_division": "26",
        "size_label": "大型",
        "main_products": PRODUCTS_300,
        "revenue": "386520.35",
        "rd_spend": "12650.80",
        "contact": {
            "name": "王海燕",
            "post": "知识产权部部长",
            "phone": "0477-8591234",
            "mobile": "13904771234",
            "email": "ip@kubuqi-chem.com.cn",
        },
    }
    snapshot.update(snap)
    criteria = {k: CriterionClaim() for k in CRITERIA}
    criteria["invention_patents"] = CriterionClaim(True, 2025, "有效发明专利68件")
    return ApplicationForm(
        snapshot=snapshot,
        criteria=criteria,
        holdings={"year": 2025, "invention_patents": 68, "utility_models": 215, "trade_secrets": True},
        patents=patents(n_patents),
        management={"ip_department": "知识产权部", "ip_staff": 6, "gbt29490_year": 2021},
        disputes=[
            {
                "year": 2024,
                "role": "respondent",
                "type": "trademark",
                "forum": "court",
                "foreign": True,
                "outcome": "驳回原告诉讼请求",
            },
        ],  # fmt: skip
        needs=["policy_outreach", "rights_aid"],
        needs_other="海外专利布局咨询",
        pledge=True,
    )


def sample_meta():
    from app.services.applications.form_pdf import ApplicationMeta

    return ApplicationMeta(2026, "2026-DS-0007", 2, "已提交", date(2026, 3, 5))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def text_layer(pdf: bytes) -> str:
    """The whole text layer in content-stream order (poppler's pdftotext -raw): the order the text was drawn,
    as page_texts gives it, at a fraction of pypdf's cost (which parses every font's ToUnicode map per page)."""
    done = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def embedded_fonts(pdf: bytes) -> list[tuple[str, bool]]:
    """(BaseFont, has an embedded TrueType program /FontFile2) for every font the pages use."""
    found: dict[str, bool] = {}

    def visit(font) -> None:
        font = font.get_object()
        name = str(font.get("/BaseFont", ""))
        descriptor = font.get("/FontDescriptor")
        embedded = bool(descriptor and "/FontFile2" in descriptor.get_object())
        for child in font.get("/DescendantFonts", []) or []:
            visit(child)
            embedded = embedded or found.get(str(child.get_object().get("/BaseFont", "")), False)
        found[name] = found.get(name, False) or embedded

    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            visit(ref)
    return sorted(found.items())
