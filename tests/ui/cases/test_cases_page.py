"""纠纷案件 page: filing through the dialog (the notice's rules shown), deadline colours, export, city reports."""

import threading
from datetime import date, timedelta

from PySide6.QtCore import Qt

from app.models import Case, Enterprise, ListEntry
from app.services.cases import clock_store
from app.services.cases import handling as cases
from app.ui.cases import case_boxes
from app.ui.cases.cases_page import LEFT_COLUMN, CasesPage
from app.ui.excel import table_export
from app.ui.session import Session
from tests.helpers.many_cases import QueryCounter, add_cases


def _listed(code="150602") -> Enterprise:
    """An enterprise of the district put on the protection list directly (tests may use models)."""
    ent = (
        Enterprise.select()
        .where(Enterprise.district.in_(_district_ids(code)))
        .order_by(Enterprise.id)
        .first()
    )
    ListEntry.create(enterprise=ent, listed_on=date(2025, 1, 10), next_review_on=date(2027, 1, 10))
    return ent


def _district_ids(code):
    from app.models import District

    return [d.id for d in District.select().where(District.code == code)]


def _page(qtbot, session) -> CasesPage:
    page = CasesPage(session)
    qtbot.addWidget(page)
    page.show()
    _wait(qtbot, page)
    return page


def _wait(qtbot, page: CasesPage) -> None:
    """The rows are read in a worker: wait until the latest reload is on screen."""
    qtbot.waitUntil(lambda: not page.loading, timeout=20000)


def _cell(page: CasesPage, row: int, column: int):
    return page.model.index(row, column)


def _row_of(page: CasesPage, number: str) -> int:
    return next(r for r in range(page.model.rowCount()) if _cell(page, r, 0).data() == number)


def test_new_patent_dispute_of_a_listed_complainant_is_shown_important(qtbot, session_for):
    ent = _listed()
    page = _page(qtbot, session_for("admin"))
    dialog = page.new_case()
    dialog.type.setCurrentIndex(dialog.type.findData("patent-dispute"))
    dialog.handling.setCurrentIndex(dialog.handling.findData("150602"))
    dialog.summary.setPlainText("被请求人制造、销售的设备落入请求人发明专利保护范围")
    dialog.parties.pick()
    picker = dialog.parties.picker
    picker.search.setText(ent.uscc[:10])
    assert picker.table.rowCount() >= 1 and picker.rows[0].uscc == ent.uscc
    picker.choose()
    dialog.parties.add_party("某机械制造厂", "", "东胜区某路1号", "respondent")
    dialog.rights.add_right("patent", "ZL202010000001.2", "一种破碎装置")
    assert dialog.parties.table.item(0, 4).text() == "名录库·重点企业"
    assert dialog.save()
    _wait(qtbot, page)
    assert "重要案件" in dialog.important_label.text() and ent.name in dialog.important_label.text()
    assert "无需上报" in dialog.report_label.text()
    case = dialog.case
    assert case.handling_district.code == "150602" and [r.number for r in case.rights] == ["ZL202010000001.2"]
    r = _row_of(page, case.number)
    assert _cell(page, r, 4).data() == "★" and "★" in _cell(page, r, 3).data()
    assert page.selected_id() == case.id  # the new case is chosen once its row arrives
    dialog._open()
    assert page.detail.isVisible() and page.detail.data["number"] == case.number


def test_missing_fields_are_explained_in_chinese(qtbot, session_for):
    page = _page(qtbot, session_for("dongsheng"))
    dialog = page.new_case()
    assert not dialog.handling.isEnabled() and dialog.handling.currentText() == "东胜区"
    assert not dialog.save()
    assert "案情摘要" in dialog.error.text() and "至少登记一方当事人" in dialog.error.text()
    assert Case.select().count() == 0


def _case(actor, filed_days_ago: int, name: str) -> Case:
    """A counterfeit-patent case from an inspection, filed `filed_days_ago` days ago: a 90-calendar-day clock."""
    filed = date.today() - timedelta(days=filed_days_ago)
    case = cases.create_case(actor, {"type": "counterfeit-patent", "summary": "标注失效专利号", "source": "inspection",
                                     "received_on": filed}, [{"name": name, "role": "respondent"}])  # fmt: skip
    cases.add_event(actor, case.id, "verification", filed)
    cases.add_event(actor, case.id, "filed", filed)
    return case


def test_deadline_colours_and_overdue_filter(qtbot, session_for, demo_users):
    admin = demo_users["admin"]
    overdue, soon, running = (
        _case(admin, 100, "甲五金店"),
        _case(admin, 80, "乙商店"),
        _case(admin, 10, "丙超市"),
    )
    page = _page(qtbot, session_for("admin"))
    looks = {}
    for case in (overdue, soon, running):
        r = _row_of(page, case.number)
        cell = _cell(page, r, LEFT_COLUMN)
        state = page.model.row_at(r).nearest.state
        looks[case.id] = (cell.data(), state, cell.data(Qt.ItemDataRole.BackgroundRole).color().name())
    assert looks[overdue.id] == ("超期 10 天", "overdue", "#fbe3e1")  # red
    assert looks[soon.id] == ("剩 10 天", "due_soon", "#fde9c4")  # amber
    assert looks[running.id] == ("剩 80 天", "running", "#dcf2e0")  # green
    page.overdue.setChecked(True)
    _wait(qtbot, page)
    assert page.model.rowCount() == 1 and _cell(page, 0, 0).data() == overdue.number
    page.overdue.setChecked(False)
    page.state.setCurrentIndex(page.state.findData("closed"))
    _wait(qtbot, page)
    assert page.model.rowCount() == 0 and page.count_label.text() == "共 0 件"


def test_export_and_blank_filing_form(qtbot, session_for, demo_users, tmp_path, monkeypatch):
    _case(demo_users["admin"], 5, "某店")
    page = _page(qtbot, session_for("admin"))
    shown = []
    monkeypatch.setattr(table_export.QMessageBox, "information", lambda *args: shown.append(args[2]))
    target = tmp_path / "cases.xlsx"
    task = page.export(target)
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass
    assert target.stat().st_size > 0 and "1 件案件" in shown[0]
    preview = page.print_blank()
    assert preview.data.startswith(b"%PDF")
    preview.close()


def test_city_acknowledges_a_districts_counterfeit_patent_report(qtbot, session_for, monkeypatch):
    ent = _listed()
    district_page = _page(qtbot, session_for("dongsheng"))
    dialog = district_page.new_case()
    dialog.type.setCurrentIndex(dialog.type.findData("counterfeit-patent"))
    dialog.source.setCurrentIndex(dialog.source.findData("inspection"))
    dialog.summary.setPlainText("某商店销售的产品冒用重点企业专利号")
    dialog.parties.add_party(ent.name, ent.uscc, "", "rights_holder")
    dialog.parties.add_party("某商店", "", "", "respondent")
    assert dialog.save()
    assert "已生成上报市局记录" in dialog.report_label.text() and "一般案件" in dialog.important_label.text()
    assert district_page.reports.table.rowCount() == 1 and not district_page.reports.ack_button.isVisibleTo(
        district_page.reports
    )
    city_page = _page(qtbot, session_for("shenhe"))
    assert city_page.tabs.tabText(1) == "上报待签收（1）"
    assert city_page.reports.table.item(0, 0).text() == dialog.case.number
    monkeypatch.setattr(case_boxes, "ask_text", lambda *args: "已核阅，请依法查处")
    assert city_page.reports.acknowledge_selected()
    report = cases.report_of(dialog.case)
    assert report.acknowledged_on == date.today() and "已核阅" in report.note
    assert city_page.reports.table.rowCount() == 0 and city_page.tabs.tabText(1) == "上报待签收（0）"


def test_five_thousand_cases_load_in_a_worker_with_as_few_queries_as_fifty(qtbot, empty_db, monkeypatch):
    path, admin = empty_db
    add_cases(50)
    clock_store.refresh()  # written straight into the tables: a write path (opening) stores their clocks
    page = _page(qtbot, Session(admin, path))
    assert page.model.rowCount() == 40 and page.count_label.text() == "共 40 件"  # 办理中: the open ones
    counter = QueryCounter(monkeypatch)
    page.reload()
    _wait(qtbot, page)
    few = counter.count
    add_cases(4950, first=50)
    page.reload()
    assert page.loading and page.model.rowCount() == 40  # the old rows stay until the new ones arrive
    _wait(qtbot, page)  # still stale: this read computed their clocks in memory, writing nothing
    clock_store.refresh()
    counter.reset()
    page.reload()
    _wait(qtbot, page)
    assert page.model.rowCount() == 4000 and page.count_label.text() == "共 4000 件"
    assert counter.count == few <= 12
    readers = {thread for thread, sql in counter.statements if '"case_event"' in sql or '"case_party"' in sql}
    assert readers and threading.get_ident() not in readers  # the rows were read off the GUI thread
