"""The enterprise form: inline Chinese errors, creating, editing with row versions, read-only views, tabs."""

import random

import pytest
from PySide6.QtWidgets import QMessageBox

from app.services.enterprises import records as enterprise_records
from app.services.enterprises import register as enterprises
from app.services.enterprises.search import EnterpriseQuery, count
from app.services.system.demo import make_uscc
from app.ui.enterprises.enterprise_form import EnterpriseForm


@pytest.fixture
def form_for(qtbot, session_for):
    def make(login="admin", enterprise_id=None):
        form = EnterpriseForm(session_for(login), enterprise_id)
        qtbot.addWidget(form)
        return form

    return make


def fill(form, **values):
    for name, value in values.items():
        form.basic.inputs[name].setText(value)


def total(user):
    return count(user, EnterpriseQuery(include_archived=True))


def test_bad_uscc_shows_inline_error_and_creates_nothing(form_for, demo_users):
    admin = demo_users["admin"]
    form = form_for()
    fill(form, name="鄂尔多斯市测试新材料有限公司", uscc="91150602MA0N12345X")
    assert form.save() is False
    error = form.basic.errors["uscc"]
    assert not error.isHidden() and "校验位不正确" in error.text()
    assert form.basic.errors["name"].isHidden()
    assert total(admin) == 40


def test_valid_form_creates_the_enterprise(form_for, demo_users, qtbot):
    admin = demo_users["admin"]
    form = form_for()
    uscc = make_uscc(random.Random(7), "150602")
    fill(form, name="鄂尔多斯市测试新材料有限公司", uscc=uscc, revenue="1,200")
    form.basic.inputs["industry_section"].setCurrentIndex(form.basic.inputs["industry_section"].findData("C"))
    form.basic.inputs["industry_division"].setCurrentIndex(
        form.basic.inputs["industry_division"].findData("30")
    )
    with qtbot.waitSignal(form.session.changed, timeout=1000):
        assert form.save() is True
    assert total(admin) == 41
    created = enterprises.get_by_uscc(admin, uscc)
    assert (created.name, created.industry_division, created.revenue) == (
        "鄂尔多斯市测试新材料有限公司",
        "30",
        1200,
    )
    assert form.enterprise_id == created.id and form.tabs.isTabEnabled(1)


def test_division_list_follows_the_section(form_for):
    form = form_for()
    section = form.basic.inputs["industry_section"]
    division = form.basic.inputs["industry_division"]
    section.setCurrentIndex(section.findData("B"))
    assert [division.itemData(i) for i in range(division.count())] == [
        "",
        "06",
        "07",
        "08",
        "09",
        "10",
        "11",
        "12",
    ]


def test_similar_name_asks_first(form_for, demo_users, monkeypatch):
    admin = demo_users["admin"]
    existing = enterprises.get(admin, 1)
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No
    )
    form = form_for()
    fill(
        form,
        name=existing.name.replace("鄂尔多斯市", "鄂尔多斯市 "),
        uscc=make_uscc(random.Random(8), "150602"),
    )
    assert form.save() is False and asked
    assert total(admin) == 40


def test_a_lost_race_names_who_saved_and_reloads_their_version(form_for, demo_users, monkeypatch):
    admin = demo_users["admin"]
    form = form_for(enterprise_id=1)
    enterprises.update(admin, 1, {"legal_representative": "别人改过"})
    fill(form, legal_representative="张三")
    asked = []
    import app.ui.enterprises.enterprise_form as module

    monkeypatch.setattr(module, "confirm", lambda parent, title, text: asked.append(text) or True)
    assert form.save() is False
    assert "已被 系统管理员（admin）于" in asked[0] and "重新载入" in asked[0]
    assert enterprises.get(admin, 1).legal_representative == "别人改过"
    assert form.basic.values()["legal_representative"] == "别人改过"  # reloaded: their version on screen
    assert form.save() is True  # and the next save goes through at the new version


def test_declining_to_reload_keeps_what_was_typed(form_for, demo_users, monkeypatch):
    form = form_for(enterprise_id=1)
    enterprises.update(demo_users["admin"], 1, {"legal_representative": "别人改过"})
    fill(form, legal_representative="张三")
    import app.ui.enterprises.enterprise_form as module

    monkeypatch.setattr(module, "confirm", lambda parent, title, text: False)
    assert form.save() is False
    assert form.basic.values()["legal_representative"] == "张三"


def test_edit_saves_changes(form_for, demo_users):
    admin = demo_users["admin"]
    form = form_for(enterprise_id=2)
    fill(form, operating_address="康巴什区测试路1号")
    assert form.save() is True
    assert enterprises.get(admin, 2).operating_address == "康巴什区测试路1号"
    history = form.records["变更记录"]
    assert history.table.item(0, 2).text() == "修改基本信息"
    assert "经营地址" in history.table.item(0, 3).text()


def test_other_district_is_read_only(form_for, demo_users):
    officer = demo_users["dongsheng"]
    admin = demo_users["admin"]
    from app.services.enterprises.search import search_ids

    other = next(
        i for i in search_ids(admin, EnterpriseQuery()) if enterprises.get(admin, i).district.code != "150602"
    )
    own = search_ids(officer, EnterpriseQuery())[0]
    assert not form_for("chakan", other).editable
    readonly = form_for("chakan", own)
    assert readonly.basic.inputs["name"].isReadOnly() and not readonly.save_button.isEnabled()
    assert form_for("dongsheng", own).editable


def test_record_tabs_show_demo_records(form_for, demo_users):
    admin = demo_users["admin"]
    form = form_for(enterprise_id=1)
    contacts = enterprise_records.contacts(admin, 1)
    assert form.records["联系人"].table.rowCount() == len(contacts)
    assert form.records["知识产权"].table.columnCount() == len(enterprise_records.holdings(admin, 1))
    assert form.records["变更记录"].table.rowCount() >= 1


def test_add_contact_with_inline_errors(form_for, demo_users):
    from app.ui.enterprises.contact_dialog import ContactDialog

    admin = demo_users["admin"]
    before = len(enterprise_records.contacts(admin, 1))
    form = form_for(enterprise_id=1)
    dialog = ContactDialog(form.session, 1, None, form)
    dialog.inputs["name"].setText("赵敏")
    dialog.inputs["mobile"].setText("123")
    dialog.save()
    assert dialog.errors["mobile"].text() == "应为11位手机号码"
    assert len(enterprise_records.contacts(admin, 1)) == before
    dialog.inputs["mobile"].setText("13912345678")
    dialog.save()
    assert len(enterprise_records.contacts(admin, 1)) == before + 1
    form.records["联系人"].load()
    assert form.records["联系人"].table.rowCount() == before + 1


def test_holding_year_is_saved(form_for, demo_users):
    from app.ui.enterprises.holding_dialog import HoldingDialog

    admin = demo_users["admin"]
    form = form_for(enterprise_id=1)
    tab = form.records["知识产权"]
    dialog = HoldingDialog(form.session, 1, tab._by_year, 2026, form)
    dialog.counts["invention_patents"].setValue(77)
    dialog.save()
    tab.load()
    assert tab.table.horizontalHeaderItem(0).text() == "2026年"
    assert tab.table.item(0, 0).text() == "77"
    assert enterprise_records.holdings(admin, 1)[0].invention_patents == 77


def test_district_follows_the_code_until_chosen_and_a_mismatch_only_warns(form_for, demo_users, qtbot):
    admin = demo_users["admin"]
    form = form_for()
    district = form.basic.inputs["district"]
    assert district.currentData() == ""  # a new enterprise assumes no district (it used to be 东胜区)
    uscc = make_uscc(random.Random(11), "150621")
    fill(form, name="鄂尔多斯市测试化工有限公司", uscc=uscc)
    assert district.currentText() == "达拉特旗" and form.basic.region_note.isHidden()
    district.setCurrentIndex(district.findData("150602"))
    district.activated.emit(district.currentIndex())  # the user's own choice: kept from now on
    note = form.basic.region_note
    assert not note.isHidden() and "150621" in note.text() and "达拉特旗" in note.text() and "东胜区" in note.text()
    fill(form, uscc=make_uscc(random.Random(12), "150603"))
    assert district.currentData() == "150602" and "康巴什区" in note.text()
    with qtbot.waitSignal(form.session.changed, timeout=1000):
        assert form.save() is True  # a warning, not a refusal
    assert enterprises.get_by_uscc(admin, make_uscc(random.Random(12), "150603")).district.code == "150602"


def test_divisions_are_named_and_found_by_typing_a_name(form_for):
    form = form_for()
    section = form.basic.inputs["industry_section"]
    division = form.basic.inputs["industry_division"]
    section.setCurrentIndex(section.findData("C"))
    assert division.itemText(division.findData("30")) == "30 非金属矿物制品业"
    completer = division.completer()
    completer.setCompletionPrefix("非金属")
    offered = [completer.completionModel().index(r, 0).data() for r in range(completer.completionCount())]
    assert offered == ["30 非金属矿物制品业"]
    division.lineEdit().setText("没有这个行业")
    division.lineEdit().editingFinished.emit()
    assert division.currentText() == division.itemText(division.currentIndex())  # put back, not kept
