"""专人联络 in the window: assigning a liaison from the enterprise form keeps the history; 我的企业 in the register."""

from datetime import date

from PySide6.QtCore import QDate

from app.models.listing import ListEntry
from app.services.liaison import assignments as liaison
from app.ui.enterprises.enterprise_form import EnterpriseForm
from app.ui.enterprises.register_page import RegisterPage
from app.ui.liaison.attention_tab import AttentionTab
from tests.helpers.liaison_ui import enterprise_in
from tests.helpers.tables import cell_text


def _assign(tab, user, day: date):
    dialog = tab.assign()
    assert dialog is not None and dialog.isVisible()
    dialog.choose(user)
    dialog.start_on.set_date(QDate(day))
    return dialog


def test_assigning_a_liaison_from_the_enterprise_form_keeps_the_history(qtbot, session_for, demo_users):
    admin, officer, reviewer = demo_users["admin"], demo_users["dongsheng"], demo_users["shenhe"]
    ent_id = enterprise_in(admin)
    form = EnterpriseForm(session_for("admin"), ent_id)
    qtbot.addWidget(form)
    tab = form.records["联络与走访"]
    assert form.tabs.tabText(form.tabs.indexOf(tab)) == "联络与走访"
    assert tab.current.text() == "未指定" and tab.history.rowCount() == 0
    # Only staff of the enterprise's district or the city may be chosen.
    dialog = tab.assign()
    names = [dialog.officer.itemData(i).login for i in range(dialog.officer.count())]
    assert "dongsheng" in names and "dalate" not in names and "chakan" not in names
    dialog.reject()
    dialog = _assign(tab, officer, date(2026, 1, 5))
    assert dialog.save() is True
    assert tab.current.text() == f"{officer.display_name}（自 2026-01-05 起）"
    dialog = _assign(tab, reviewer, date(2025, 12, 1))
    assert dialog.save() is False
    assert "不能更早" in dialog.errors["on"].text() and not dialog.errors["on"].isHidden()
    dialog.start_on.set_date(QDate(2026, 6, 1))
    assert dialog.save() is True
    assert liaison.current_liaison(liaison.history(admin, ent_id)[0].enterprise).officer == reviewer
    rows = [[tab.history.item(r, c).text() for c in range(3)] for r in range(tab.history.rowCount())]
    assert rows == [
        [reviewer.display_name, "2026-06-01", "至今"],
        [officer.display_name, "2026-01-05", "2026-05-31"],
    ]


def test_a_read_only_user_cannot_assign(qtbot, session_for, demo_users):
    form = EnterpriseForm(session_for("chakan"), enterprise_in(demo_users["admin"]))
    qtbot.addWidget(form)
    tab = form.records["联络与走访"]
    assert not tab.assign_button.isEnabled() and tab.assign() is None
    assert not tab.new_visit_button.isEnabled()


def test_register_filters_my_enterprises(qtbot, session_for, demo_users):
    officer = demo_users["dongsheng"]
    mine = enterprise_in(officer, index=1)
    liaison.assign(demo_users["admin"], mine, officer, date(2026, 1, 1))
    page = RegisterPage(session_for("dongsheng"))
    qtbot.addWidget(page)
    everything = page.model.rowCount()
    page.mine_box.setChecked(True)
    assert page.model.rowCount() == 1 and page.model.ids == [mine] and page.count_label.text() == "共 1 家"
    page.mine_box.setChecked(False)
    assert page.model.rowCount() == everything > 1


def test_attention_lists_listed_enterprises_without_liaison(qtbot, session_for, demo_users):
    officer = demo_users["dongsheng"]
    ent_id = enterprise_in(officer)
    ListEntry.create(enterprise=ent_id, listed_on=date(2026, 1, 10), next_review_on=date(2028, 1, 10))
    tab = AttentionTab(session_for("dongsheng"))
    qtbot.addWidget(tab)
    assert tab.model.rowCount() == 1 and cell_text(tab.table, 0, 3) == "未指定联络人；从未走访"
    tab.table.selectRow(0)
    dialog = tab.assign()
    dialog.choose(officer)
    assert dialog.save() is True
    tab.load()
    assert cell_text(tab.table, 0, 3) == "从未走访"
