"""联络走访 in the window: the visit form with follow-ups and inline errors, the checklist, updating an item."""

from datetime import date, timedelta

import openpyxl
from PySide6.QtCore import QDate
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QMessageBox

from app.services.core import attachments
from app.services.liaison import visits
from app.ui.liaison.checklist_tab import ChecklistTab
from app.ui.liaison.common import OVERDUE_LOOK
from app.ui.liaison.followups_editor import split_problems
from app.ui.liaison.liaison_page import LiaisonPage
from app.ui.liaison.visit_dialog import VisitDialog
from tests.helpers.liaison_ui import enterprise_in, visit_with_items
from tests.helpers.tables import cell_background, cell_text


def test_problems_split_into_items():
    assert split_problems("1. 商标被仿冒；2、缺少专利布局指导\n（3）需要培训。") == [
        "商标被仿冒",
        "缺少专利布局指导",
        "需要培训",
    ]


def test_visit_form_records_a_visit_with_two_followups(qtbot, session_for, demo_users, tmp_path, small_pdf):
    officer = demo_users["dongsheng"]
    session = session_for("dongsheng")
    ent_id = enterprise_in(officer)
    dialog = VisitDialog(session, ent_id)
    qtbot.addWidget(dialog)
    dialog.visited_on.set_date(QDate(2026, 3, 2))
    dialog.kind.setCurrentIndex(dialog.kind.findData("policy_outreach"))
    dialog.people_met.setText("张敏、李强")
    dialog.texts["topics"].setPlainText("专利快速预审政策")
    dialog.texts["problems"].setPlainText("1. 商标被仿冒；2. 缺少专利布局指导")
    dialog.followups.from_problems_button.click()
    table = dialog.followups.table
    assert table.rowCount() == 2
    owner = table.cellWidget(0, 1)
    owner.setCurrentIndex(next(i for i in range(owner.count()) if owner.itemData(i) == officer))
    table.cellWidget(0, 2).set_date(QDate(2026, 3, 20))
    with qtbot.waitSignal(session.changed, timeout=1000):
        assert dialog.save() is True
    [visit] = visits.visits_of(officer, ent_id)
    assert (visit.visited_on, visit.kind, visit.people_met) == (
        date(2026, 3, 2),
        "policy_outreach",
        "张敏、李强",
    )
    items = sorted(visit.followups, key=lambda f: f.id)
    assert [f.description for f in items] == ["商标被仿冒", "缺少专利布局指导"]
    assert items[0].owner == officer and items[0].due_on == date(2026, 3, 20)
    assert items[1].owner == officer and items[1].due_on == date(2026, 4, 1)  # the visit's officer; visit + 30 days
    # Saved: read-only, printable, and photos can now be attached.
    assert dialog.visit_id == visit.id and dialog.save_button.isHidden() and dialog.print_button.isEnabled()
    assert dialog.texts["notes"].isReadOnly() and dialog.files.add_button.isEnabled()
    scan = tmp_path / "签到表.pdf"
    scan.write_bytes(small_pdf)
    assert dialog.files.add(str(scan)) is True
    assert [a.original_name for a in attachments.attachments_of(visit)] == ["签到表.pdf"]
    assert dialog.files.table.rowCount() == 1


def test_visit_form_shows_inline_errors(qtbot, session_for, demo_users):
    officer = demo_users["dongsheng"]
    dialog = VisitDialog(session_for("dongsheng"), enterprise_in(officer))
    qtbot.addWidget(dialog)
    dialog.officers.setText("")
    assert dialog.save() is False
    assert not dialog.errors["notes"].isHidden() and "请至少填写" in dialog.errors["notes"].text()
    dialog.texts["notes"].setPlainText("了解企业情况")
    dialog.followups.add_row("")
    assert dialog.save() is False
    assert "第 1 行未填写跟进事项" in dialog.followups.error.text()
    assert visits.visits_of(officer, enterprise_in(officer)) == []


def test_enterprise_choices_are_those_the_user_may_write(qtbot, session_for, demo_users):
    dialog = VisitDialog(session_for("dongsheng"))
    qtbot.addWidget(dialog)
    labels = [dialog.picker.combo.itemText(i) for i in range(dialog.picker.combo.count())]
    assert labels and all(label.endswith("（东胜区）") for label in labels)


def _row_background(table, row: int) -> str | None:
    return cell_background(table, row, 0)


def test_checklist_highlights_and_counts_overdue_items(qtbot, session_for, demo_users):
    officer = demo_users["dongsheng"]
    late, soon = date.today() - timedelta(days=10), date.today() + timedelta(days=20)
    visit_with_items(officer, enterprise_in(officer), ("协调查处商标仿冒线索", late), ("联系专家辅导", soon))
    tab = ChecklistTab(session_for("dongsheng"))
    qtbot.addWidget(tab)
    assert tab.model.rowCount() == 2 and tab.overdue_count == 1
    assert tab.overdue_label.text() == "逾期 1 项"
    assert cell_text(tab.table, 0, 3) == "协调查处商标仿冒线索"
    assert _row_background(tab.table, 0) == QColor(OVERDUE_LOOK[1]).name()
    assert _row_background(tab.table, 1) != QColor(OVERDUE_LOOK[1]).name()
    assert "逾期 10 天" in cell_text(tab.table, 0, 5)
    tab.overdue_only.setChecked(True)
    assert tab.model.rowCount() == 1
    # Another district sees none of it.
    other = ChecklistTab(session_for("dalate"))
    qtbot.addWidget(other)
    assert other.model.rowCount() == 0 and other.overdue_label.text() == "逾期 0 项"


def test_marking_an_item_done_needs_the_resolution(qtbot, session_for, demo_users):
    officer = demo_users["dongsheng"]
    session = session_for("dongsheng")
    visit_with_items(officer, enterprise_in(officer), ("补充专利布局材料", date.today() - timedelta(days=3)))
    page = LiaisonPage(session)
    qtbot.addWidget(page)
    tab = page.checklist
    assert page.tabs.tabText(0) == "跟进清单（逾期 1）"
    tab.table.selectRow(0)
    dialog = tab.update_status()
    assert dialog is not None and dialog.isVisible()
    dialog.status.setCurrentIndex(dialog.status.findData("done"))
    assert dialog.save() is False
    error = dialog.errors["resolution"]
    assert not error.isHidden() and "办结或无法解决时必须填写" in error.text()
    dialog.resolution.setPlainText("企业已提交材料，办结")
    assert dialog.save() is True and dialog.result() == QDialog.DialogCode.Accepted
    [item] = visits.checklist(officer, open_only=False)
    assert (item.status, item.resolution, item.closed_on) == ("done", "企业已提交材料，办结", date.today())
    assert tab.model.rowCount() == 0 and tab.overdue_label.text() == "逾期 0 项"
    assert page.tabs.tabText(0) == "跟进清单"
    tab.include_closed.setChecked(True)
    assert tab.model.rowCount() == 1 and cell_text(tab.table, 0, 5) == "已办结"


def test_checklist_opens_the_visit_and_exports(qtbot, session_for, demo_users, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text: shown.append(title))
    officer = demo_users["dongsheng"]
    visit = visit_with_items(officer, enterprise_in(officer), ("跟进", date.today()))
    tab = ChecklistTab(session_for("dongsheng"))
    qtbot.addWidget(tab)
    tab.table.selectRow(0)
    dialog = tab.open_visit()
    assert dialog.visit_id == visit.id and dialog.followups.table.rowCount() == 1
    assert dialog.texts["notes"].toPlainText() == "例行走访"
    target = tmp_path / "清单.xlsx"
    task = tab.export(target)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert target.is_file() and shown == ["导出完成"]
    rows = list(openpyxl.load_workbook(target).active.iter_rows(min_row=1, values_only=True))
    assert rows[0][:4] == ("完成期限", "企业名称", "所属旗区", "跟进事项") and rows[1][3] == "跟进"


def test_visits_tab_lists_and_prints(qtbot, session_for, demo_users):
    officer = demo_users["dongsheng"]
    visit_with_items(officer, enterprise_in(officer), ("跟进", None))
    page = LiaisonPage(session_for("dongsheng"))
    qtbot.addWidget(page)
    tab = page.visits
    assert tab.picker.current_data() == "work" and tab.model.rowCount() == 1  # recorded by the user, no liaison yet
    tab.table.selectRow(0)
    preview = tab.print_selected()
    qtbot.waitUntil(lambda: preview.loaded, timeout=5000)
    blank = tab.print_blank()
    qtbot.waitUntil(lambda: blank.loaded, timeout=5000)
    assert blank.document.pageCount() >= 1


def test_visits_tab_shows_own_and_district_work_by_default(qtbot, session_for, demo_users):
    """A city officer sees the visits they recorded; a district officer also those of the district."""
    admin, officer = demo_users["admin"], demo_users["dongsheng"]
    by_admin = visit_with_items(admin, enterprise_in(officer, index=1), ("跟进", None))
    by_officer = visit_with_items(officer, enterprise_in(officer, index=2), ("跟进", None))
    other = visit_with_items(admin, enterprise_in(admin, code="150621"), ("跟进", None))  # 达拉特旗
    shown = {}
    for login in ("admin", "dongsheng"):
        page = LiaisonPage(session_for(login))
        qtbot.addWidget(page)
        tab = page.visits
        assert tab.picker.current_data() == "work"
        shown[login] = {tab.model.row_at(r).id for r in range(tab.model.rowCount())}
    assert shown["admin"] == {by_admin.id, other.id}  # not the officer's visit: neither recorded nor liaised
    assert shown["dongsheng"] == {by_admin.id, by_officer.id}  # the district's visits, whoever recorded them
