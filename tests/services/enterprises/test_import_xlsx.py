"""The enterprise importer on messy workbooks: exact outcomes, all-or-nothing commits, idempotent re-imports."""

import json
from datetime import date

import openpyxl
import pytest

from app.models import AuditLog, Contact, Enterprise, IPHolding
from app.models.db import database
from app.services.enterprises import import_xlsx as enterprise_import
from app.services.enterprises import records as enterprise_records
from app.services.enterprises import register as enterprises
from app.services.enterprises import search, search_index
from app.services.io import error_workbook as error_report
from app.services.io.xlsx_reader import WorkbookError
from tests.helpers.messy import codes, good_rows, messy_workbook


def test_messy_but_valid_rows_are_all_imported(empty_db, tmp_path, book):
    _, admin = empty_db
    path = tmp_path / f"in.{book}"
    header_row = messy_workbook(path, good_rows(6))
    plan = enterprise_import.import_enterprises(admin, path)
    assert plan.header_row == header_row and plan.summary() == {
        "created": 6,
        "updated": 0,
        "unchanged": 0,
        "rejected": 0,
    }
    assert "序号" in plan.ignored_headers
    ents = list(Enterprise.select().order_by(Enterprise.name))
    assert {e.district.name for e in ents} == {"达拉特旗"}
    assert {e.founded_on for e in ents} == {date(2015, 3, 1)}
    assert {h.invention_patents for h in IPHolding.select()} == {12}
    assert {h.year for h in IPHolding.select()} == {date.today().year - 1}
    assert Contact.select().where(Contact.is_primary).count() == 6
    assert all(e.uscc == e.uscc.upper().strip() for e in ents)
    assert AuditLog.select().where(AuditLog.action == "enterprise.create").count() == 6


def test_reimport_changes_nothing(empty_db, tmp_path, book):
    _, admin = empty_db
    path = tmp_path / f"in.{book}"
    messy_workbook(path, good_rows(4))
    enterprise_import.import_enterprises(admin, path)
    audit_count = AuditLog.select().count()
    again = enterprise_import.import_enterprises(admin, path)
    assert again.summary() == {"created": 0, "updated": 0, "unchanged": 4, "rejected": 0}
    assert AuditLog.select().count() == audit_count


def test_bad_rows_are_explained_and_good_rows_still_taken(empty_db, tmp_path, book):
    _, admin = empty_db
    rows = good_rows(2)
    c = codes(6, seed=99)
    bad = [
        [
            3,
            c[0][:17] + ("0" if c[0][17] != "0" else "1"),
            "校验位错误公司",
            "达拉特",
            "",
            "1",
            "",
            "",
            "",
            "",
            "",
        ],
        [4, c[1], "负数专利公司", "达拉特", "", "-3", "", "", "", "", ""],
        [5, c[2], "火星公司", "火星旗", "", "1", "", "", "", "", ""],
        [6, c[3], "日期错误公司", "达拉特", "2015-02-30", "1", "", "", "", "", ""],
        [7, c[4], "", "达拉特", "", "1", "", "", "", "", ""],
        [8, rows[0][1], "重复代码公司", "达拉特", "", "1", "", "", "", "", ""],
        [9, c[5], "是否错误公司", "达拉特", "", "1", "", "", "也许", "", ""],
    ]
    path = tmp_path / f"in.{book}"
    header_row = messy_workbook(path, rows + bad)
    plan = enterprise_import.import_enterprises(admin, path)
    assert plan.summary()["created"] == 2 and plan.summary()["rejected"] == 7
    reasons = {(e.row - header_row, e.column): e.reason for e in plan.errors}
    assert "校验位不正确" in reasons[(3, "B")]
    assert reasons[(4, "F")] == "不能为负数"
    assert reasons[(5, "D")] == "未知旗区“火星旗”"
    assert "日期不存在" in reasons[(6, "E")]
    assert reasons[(7, "C")] == "必填"
    assert reasons[(8, "B")] == f"与第 {header_row + 1} 行的信用代码重复"
    assert reasons[(9, "I")] == "“也许”应为 是 或 否"
    assert Enterprise.select().count() == 2


def test_error_workbook_marks_cells_and_summarises(empty_db, tmp_path, book):
    _, admin = empty_db
    c = codes(1, seed=5)
    path, out = tmp_path / f"in.{book}", tmp_path / "errors.xlsx"
    header_row = messy_workbook(
        path, good_rows(1) + [[2, c[0], "负数公司", "达拉特", "", "-1", "", "", "", "", ""]]
    )
    plan = enterprise_import.plan_import(admin, path)
    assert error_report.write_error_workbook(plan, out) == 1
    wb = openpyxl.load_workbook(out)
    marked, summary = wb.worksheets
    bad = marked[f"F{header_row + 2}"]
    assert bad.value == "-1" and "不能为负数" in bad.comment.text and bad.fill.fgColor.rgb.endswith("FFC7CE")
    assert marked[f"C{header_row + 2}"].value == "负数公司" and marked[f"C{header_row + 2}"].comment is None
    assert [c.value for c in summary[2]] == [header_row + 2, "F", "有效发明专利", "-1", "不能为负数"]


def test_vertically_merged_district_fills_every_row(empty_db, tmp_path, book):
    _, admin = empty_db
    rows = good_rows(3)
    rows[1][3] = rows[2][3] = None
    rows[0][3] = "准格尔旗"
    path = tmp_path / f"in.{book}"
    header_row = messy_workbook(path, rows, merges=[f"D{4}:D{6}"])
    assert header_row == 3
    plan = enterprise_import.import_enterprises(admin, path)
    assert plan.summary()["created"] == 3
    assert {e.district.name for e in Enterprise.select()} == {"准格尔旗"}


def test_existing_enterprise_is_updated_not_duplicated_and_audited(demo_users, tmp_path, book):
    admin = demo_users["admin"]
    target = Enterprise.select().where(Enterprise.district == 3).first()
    path = tmp_path / f"in.{book}"
    messy_workbook(path, [[1, target.uscc, target.name, target.district.name, "", "99", "", "", "", "", ""]])
    plan = enterprise_import.import_enterprises(admin, path)
    assert plan.summary()["updated"] == 1 and Enterprise.select().count() == 40
    holding = IPHolding.get(IPHolding.enterprise == target, IPHolding.year == date.today().year - 1)
    assert holding.invention_patents == 99
    assert (
        AuditLog.select()
        .where(AuditLog.subject_uuid == target.uuid, AuditLog.action.startswith("holding."))
        .exists()
    )


def test_dry_run_writes_nothing(empty_db, tmp_path, book):
    _, admin = empty_db
    path = tmp_path / f"in.{book}"
    messy_workbook(path, good_rows(3))
    audit_before = AuditLog.select().count()
    plan = enterprise_import.import_enterprises(admin, path, dry_run=True)
    assert plan.summary()["created"] == 3
    assert Enterprise.select().count() == 0 and AuditLog.select().count() == audit_before


def test_failure_or_cancel_during_commit_leaves_nothing(empty_db, tmp_path, monkeypatch, book):
    _, admin = empty_db
    path = tmp_path / f"in.{book}"
    messy_workbook(path, good_rows(3))
    plan = enterprise_import.plan_import(admin, path)
    with pytest.raises(enterprise_import.Cancelled):
        enterprise_import.commit_plan(admin, plan, cancelled=lambda: True)
    assert Enterprise.select().count() == 0 and IPHolding.select().count() == 0

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(enterprise_import.enterprise_records, "bulk_add_records", boom)
    with pytest.raises(RuntimeError):
        enterprise_import.commit_plan(admin, plan)
    assert (
        Enterprise.select().count() == 0
        and AuditLog.select().where(AuditLog.entity == "enterprise").count() == 0
    )


def test_district_officer_cannot_import_into_another_district(demo_users, tmp_path, book):
    path = tmp_path / f"in.{book}"
    messy_workbook(path, good_rows(2))
    plan = enterprise_import.import_enterprises(demo_users["dongsheng"], path)
    assert plan.summary()["rejected"] == 2
    assert {e.reason for e in plan.errors} == {"无权导入其他旗区的企业"}


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"hello", "x.xlsx", "不是 Excel .xlsx 文件"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "x.xlsx", "设置了打开密码"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "x.xls", "已损坏"),  # .xls is read now
        (b"PK\x03\x04broken", "x.xlsx", "已损坏"),
    ],
)
def test_unreadable_files_are_refused_clearly(empty_db, tmp_path, content, name, message):
    _, admin = empty_db
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(WorkbookError, match=message):
        enterprise_import.plan_import(admin, path)


def test_sheet_without_a_header_is_refused(empty_db, tmp_path, book):
    _, admin = empty_db
    path = tmp_path / f"in.{book}"
    messy_workbook(path, [["a", "b"]], headers=["甲", "乙"])
    with pytest.raises(WorkbookError, match="找不到表头"):
        enterprise_import.plan_import(admin, path)


def test_row_limit_is_a_setting(empty_db, tmp_path, book):
    from app.services.core import settings

    _, admin = empty_db
    settings.set_value(admin, "import.max_rows", 2)
    path = tmp_path / f"in.{book}"
    messy_workbook(path, good_rows(3), note=False)
    with pytest.raises(WorkbookError, match="超过 2 行"):
        enterprise_import.plan_import(admin, path)


def test_export_then_import_is_a_no_op(demo_users, tmp_path):
    from app.services.enterprises.export_xlsx import export_enterprises

    admin = demo_users["admin"]
    enterprises.update(admin, Enterprise.select().first().id, {"applied_regional_year": date.today().year})
    path = tmp_path / "export.xlsx"
    assert export_enterprises(admin, path) == 40
    sheet = openpyxl.load_workbook(path).active
    assert sheet.freeze_panes == "A2" and sheet.page_setup.orientation == "landscape"
    plan = enterprise_import.import_enterprises(admin, path)
    assert plan.summary() == {"created": 0, "updated": 0, "unchanged": 40, "rejected": 0}


def test_large_import_reports_progress_and_is_all_or_nothing(empty_db, tmp_path):
    # Reading reports progress every 200 rows, so 600 rows show it as well as 10,000 would;
    # the 10,000-row timing is benchmarks/import_bench.py.
    from benchmarks.import_bench import make_file

    _, admin = empty_db
    path = tmp_path / "big.xlsx"
    rows = 600
    make_file(path, rows)
    seen = []
    plan = enterprise_import.plan_import(admin, path, progress=lambda done, total: seen.append((done, total)))
    with pytest.raises(enterprise_import.Cancelled):  # cancelled once every row is written: all undone
        enterprise_import.commit_plan(admin, plan, cancelled=lambda: True)
    assert Enterprise.select().count() == 0 and IPHolding.select().count() == 0
    enterprise_import.commit_plan(admin, plan, progress=lambda done, total: seen.append((done, total)))
    assert plan.summary()["created"] == rows and Enterprise.select().count() == rows
    assert len(seen) > rows // 200 and seen[-1][0] == seen[-1][1]
    assert all(a[0] <= b[0] or a[1] != b[1] for a, b in zip(seen, seen[1:], strict=False))


def test_blank_cells_keep_what_is_stored(demo_users, tmp_path, book):
    admin = demo_users["admin"]
    target = (
        Enterprise.select()
        .where(Enterprise.founded_on.is_null(False), Enterprise.kind == "enterprise")
        .first()
    )
    path = tmp_path / f"in.{book}"
    messy_workbook(path, [[1, target.uscc, target.name, target.district.name, None, "", "", "", "", "", ""]])
    plan = enterprise_import.import_enterprises(admin, path)
    assert plan.rows[0].errors == [] and "成立日期" not in plan.rows[0].changes
    assert Enterprise.get_by_id(target.id).founded_on == target.founded_on
    assert plan.rows[0].row.raw["name"] == target.name


def test_created_records_ride_on_their_enterprise_entry(empty_db, tmp_path, book):
    """One entry per imported enterprise: its holding and contact are in that entry's children, each findable
    in the enterprise's history with the values stored."""
    _, admin = empty_db
    path = tmp_path / f"in.{book}"
    messy_workbook(path, good_rows(3))
    last = AuditLog.select().count()
    enterprise_import.import_enterprises(admin, path)
    assert {e.action for e in AuditLog.select().where(AuditLog.id > last)} == {"enterprise.create"}
    for ent in Enterprise.select():
        (entry,) = enterprise_records.history(admin, ent.id)
        children = json.loads(entry.after)["children"]
        holding = IPHolding.get(IPHolding.enterprise == ent)
        contact = Contact.get(Contact.enterprise == ent)
        assert [(h["id"], h["invention_patents"]) for h in children["ip_holding"]] == [(holding.id, 12)]
        assert [(c["id"], c["name"], c["is_primary"]) for c in children["contact"]] == [
            (contact.id, contact.name, True)
        ]


def test_searches_right_after_an_import_use_the_index(empty_db, tmp_path):
    _, admin = empty_db
    path = tmp_path / "in.xlsx"
    messy_workbook(path, good_rows(5))
    enterprise_import.import_enterprises(admin, path)
    assert not search.index_pending()  # nothing left for a search to catch up on, or to scan meanwhile
    (indexed,) = database.execute_sql(f"SELECT count(*) FROM {search_index.FTS}").fetchone()
    assert indexed == Enterprise.select().count() == 5
    name = Enterprise.select().first().name
    assert search.search_ids(admin, search.EnterpriseQuery(text=name[-6:])) == search.search_ids(
        admin, search.EnterpriseQuery(text=name[-6:]), use_index=False
    )


def test_a_formula_without_a_computed_value_is_named_as_such_not_as_a_missing_entry(empty_db, tmp_path):
    """openpyxl writes formulas without their values: the name cell reads as blank, and 必填 would be wrong."""
    _, admin = empty_db
    c = codes(3, seed=21)
    path = tmp_path / "formulas.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["统一社会信用代码", "企业名称", "所属旗区", "联系人"])
    sheet.append([c[0], '=HYPERLINK("http://x","点我")', "达拉特", "张敏"])
    sheet.append([c[1], "公式在备注列的公司", "达拉特", '=CONCAT("张","敏")'])
    sheet.append([c[2], "好公司", "达拉特", "李娜"])
    workbook.save(path)
    plan = enterprise_import.import_enterprises(admin, path)
    reasons = {(e.row, e.column): e.reason for e in plan.errors}
    formula = "公式无计算结果，请在 Excel 中打开并保存，或改为文字"
    assert reasons == {(2, "B"): formula, (3, "D"): formula}
    assert plan.summary()["created"] == 1 and [e.name for e in Enterprise.select()] == ["好公司"]
