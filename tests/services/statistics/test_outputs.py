"""The workbook read back with openpyxl and the printed report's text read back with pypdf hold the figures."""

import io

from openpyxl import load_workbook

from app.services.accounts import users as accounts
from app.services.statistics import figures, printing
from app.services.statistics.figures import section
from app.services.statistics.sections import figure_text
from tests.helpers.pdf import page_texts, squash


def test_the_workbook_holds_every_section_and_the_totals(activity_db, tmp_path, today):
    admin = accounts.get_user("admin")
    found = figures.yearly(admin, today.year, today=today)
    path = printing.export_xlsx(admin, today.year, tmp_path / "统计报表.xlsx", today=today)
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == [s["title"] for s in found["sections"]] + ["分类统计", "说明"]
    for part in found["sections"]:
        rows = list(book[part["title"]].iter_rows(values_only=True))
        assert rows[0] == ("旗区", *(c["label"] for c in part["columns"]))
        assert [r[0] for r in rows[1:]] == [r["name"] for r in part["rows"]] + ["合计"]
        assert rows[-1][1:] == tuple(part["total"][c["key"]] for c in part["columns"])
    money = load_workbook(path)[section(found, "support")["title"]]
    assert money.cell(money.max_row, money.max_column).number_format == "#,##0.00"
    assert money.cell(money.max_row, money.max_column).value == 250000.5  # a number, summed as the districts
    breakdowns = list(book["分类统计"].iter_rows(values_only=True))[1:]
    assert ("处理渠道", "调解", 1) in breakdowns and ("结案方式", "调解结案", 1) in breakdowns
    about = dict(list(book["说明"].iter_rows(values_only=True))[1:4])
    assert about == {"统计年度": f"{today.year}年", "统计范围": "全市", "统计日期": today.isoformat()}


def test_the_district_workbook_is_the_district_only(activity_db, tmp_path, today):
    officer = accounts.get_user("dongsheng")
    path = printing.export_xlsx(officer, today.year, tmp_path / "东胜.xlsx", today=today)
    book = load_workbook(path, read_only=True)
    names = {r[0] for sheet in book.sheetnames[:-2] for r in book[sheet].iter_rows(min_row=2, values_only=True)}
    assert names == {"东胜区", "合计"}


def test_the_report_prints_the_figures_and_the_date(activity_db, today):
    admin = accounts.get_user("admin")
    found = figures.yearly(admin, today.year, today=today)
    out = io.BytesIO()
    report = printing.print_report(admin, today.year, out, today=today)
    text = squash("".join(page_texts(out.getvalue())))
    assert report.pages >= 2 and report.warnings == []
    assert "知识产权重点企业保护工作统计报表" in text
    assert f"{today.year}年{today.month}月{today.day}日" in text  # never 2026-12-03 or 2026年12月03日
    for part in found["sections"]:
        assert squash(part["title"]) in text
        total = "".join(figure_text(k, v) for k, v in part["total"].items() if k != "name")
        assert f"合计{total}" in text, part["key"]
    assert "200,000.50" in text  # the support amount (yuan) with thousands separators
    enterprises = section(found, "enterprises")
    dongsheng = next(r for r in enterprises["rows"] if r["code"] == "150602")
    assert "东胜区" + "".join(str(dongsheng[c["key"]]) for c in enterprises["columns"]) in text
    assert "调解结案" in text and "企业知识产权服务测试问卷" in text
