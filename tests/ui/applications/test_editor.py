"""The application editor beyond the walk-through: read-only when submitted, corrections as revisions,
refused submissions shown inline, section A refresh, unsaved changes, opening from the register."""

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox

from app.services.applications import forms as applications
from app.services.enterprises import register as enterprises
from app.services.enterprises.search import EnterpriseQuery, search_ids
from app.ui.applications.editor import ApplicationEditor
from app.ui.applications.start import open_for_enterprise

YEAR = date.today().year


@pytest.fixture
def yes(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


@pytest.fixture
def own_enterprise(demo_users):
    return search_ids(demo_users["dongsheng"], EnterpriseQuery(district_code="150602"))[0]


@pytest.fixture
def draft(demo_users, own_enterprise):
    return applications.new_draft(demo_users["dongsheng"], own_enterprise, YEAR)


@pytest.fixture
def editor_for(qtbot, session_for):
    def make(application_id, login="dongsheng"):
        editor = ApplicationEditor(session_for(login), application_id)
        qtbot.addWidget(editor)
        editor.show()
        return editor

    return make


def test_submitted_application_is_read_only(editor_for, draft, demo_users):
    applications.submit(demo_users["dongsheng"], draft.id)
    editor = editor_for(draft.id)
    assert not editor.editable and not editor.banner.isHidden() and "内容只读" in editor.banner.text()
    assert not editor.save_button.isEnabled() and not editor.submit_button.isEnabled()
    assert editor.revise_button.isVisible() and editor.revise_button.isEnabled()
    assert editor.scan_button.isEnabled()  # the stamped scan comes after submission
    assert editor.sections["C"].counts["designs"].isReadOnly()
    assert not editor.sections["B"].rows["invention_patents"].box.isEnabled()
    assert editor.sections["A"].refresh_button.isHidden()
    assert editor.sections["B"].rows["invention_patents"].add_button.isHidden()
    assert editor.save() is False


def test_correction_makes_revision_two_and_history_shows_both(editor_for, draft, demo_users, yes):
    officer = demo_users["dongsheng"]
    applications.submit(officer, draft.id)
    editor = editor_for(draft.id)
    editor.revise_button.click()
    assert editor.application.revision == 2 and editor.application.status == "draft" and editor.editable
    assert editor.banner.isHidden() and not editor.revise_button.isVisible()
    assert editor.history.table.rowCount() == 2
    states = {
        editor.history.table.item(r, 1).text(): editor.history.table.item(r, 2).text() for r in range(2)
    }
    assert states == {"第 2 版": "草稿", "第 1 版": "已提交（已被更正替代）"}
    revisions = applications.history(officer, draft.enterprise_id)
    assert [(a.revision, a.superseded) for a in revisions] == [(2, False), (1, True)]


def test_old_revision_opens_read_only(editor_for, draft, demo_users):
    officer = demo_users["dongsheng"]
    applications.submit(officer, draft.id)
    applications.revise(officer, draft.id)
    editor = editor_for(draft.id)
    assert not editor.editable and "旧版本" in editor.banner.text() and not editor.scan_button.isEnabled()


def test_refused_submission_is_shown_inline(editor_for, draft, monkeypatch):
    editor = editor_for(draft.id)
    for row in editor.sections["B"].rows.values():
        row.box.setChecked(False)
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes
    )
    assert editor.submit() is False
    assert asked == []  # nothing to confirm while something is missing
    b = editor.sections["B"]
    assert not b.section_error.isHidden() and "至少勾选一项" in b.section_error.text()
    assert editor.tabs.currentIndex() == 1 and "不能提交" in editor.message.text()
    b.rows["invention_patents"].box.setChecked(True)  # after a refused submit the check is live
    assert b.section_error.isHidden()
    assert editor.application.status == "draft"


def test_snapshot_refresh_takes_the_register_as_it_is_now(editor_for, draft, demo_users):
    officer = demo_users["dongsheng"]
    enterprise = enterprises.get(officer, draft.enterprise_id)
    enterprises.update(officer, enterprise.id, {"legal_representative": "新代表人"}, enterprise.row_version)
    editor = editor_for(draft.id)
    assert editor.sections["A"].values["legal_representative"].text() != "新代表人"
    editor.sections["C"].counts["designs"].setValue(4)  # unsaved edits elsewhere survive the refresh
    editor.sections["A"].refresh_button.click()
    assert editor.sections["A"].values["legal_representative"].text() == "新代表人"
    assert editor.save() is True
    saved = applications.form_of(applications.get(officer, draft.id))
    assert saved.snapshot["legal_representative"] == "新代表人" and saved.count("designs") == 4


def test_unsaved_changes_are_confirmed_before_closing(editor_for, draft, monkeypatch):
    from app.ui import dirty_guard

    editor = editor_for(draft.id)
    editor.sections["F"].boxes["risk_training"].setChecked(True)
    monkeypatch.setattr(dirty_guard, "ask", lambda *a: dirty_guard.CANCEL)
    editor.reject()
    assert editor.isVisible()
    monkeypatch.setattr(dirty_guard, "ask", lambda *a: dirty_guard.DISCARD)
    editor.reject()
    assert not editor.isVisible()


def test_every_section_round_trips_through_save(editor_for, draft, demo_users):
    editor = editor_for(draft.id)
    c, d, f = editor.sections["C"], editor.sections["D"], editor.sections["F"]
    c.add_patent_row({"number": "ZL202110123456.7", "title": "一种液压支架", "kind": "发明"})
    c.secrets.setCurrentIndex(c.secrets.findData("yes"))
    d.department.setText("知识产权部")
    d.staff.setValue(3)
    d.certified.setValue(2021)
    d.spend.setValue(12.5)
    f.boxes["think_tank"].setChecked(True)
    f.other.setText("海外维权咨询")
    assert editor.save() is True
    again = editor_for(draft.id)
    assert again.sections["C"].patents.item(0, 0).text() == "ZL202110123456.7"
    assert again.sections["C"].secrets.currentData() == "yes"
    saved = applications.form_of(applications.get(demo_users["dongsheng"], draft.id))
    assert saved.management == {
        "ip_department": "知识产权部",
        "ip_staff": 3,
        "gbt29490_year": 2021,
        "internal_rules": "",
        "ip_spend": 12.5,
    }
    assert saved.needs == ["think_tank"] and saved.needs_other == "海外维权咨询"
    assert saved.holdings["trade_secrets"] is True


def test_opening_again_finds_the_existing_application(qtbot, session_for, draft, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("must not ask"))
    editor = open_for_enterprise(None, session_for("dongsheng"), draft.enterprise_id)
    qtbot.addWidget(editor)
    assert editor.application_id == draft.id


def test_viewer_cannot_start_an_application(qtbot, session_for, own_enterprise, demo_users, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    assert open_for_enterprise(None, session_for("chakan"), own_enterprise) is None
    assert "尚无" in told[0]
    assert applications.current_for(demo_users["admin"], own_enterprise, YEAR) is None


def test_viewer_sees_an_application_read_only(editor_for, draft):
    editor = editor_for(draft.id, "chakan")
    assert not editor.editable and "只能查看" in editor.banner.text() and not editor.scan_button.isEnabled()


def test_register_page_has_the_application_action(qtbot, session_for, yes):
    from app.ui.enterprises.register_page import RegisterPage

    page = RegisterPage(session_for("dongsheng"))
    qtbot.addWidget(page)
    assert not page.application_button.isEnabled()
    page.table.selectRow(0)
    editor = page.open_application()
    assert editor is not None and editor.application.status == "draft"


def test_open_copies_the_file_under_its_name_for_the_system_viewer(
    editor_for, draft, monkeypatch, tmp_path, small_pdf
):
    from PySide6.QtGui import QDesktopServices

    source = tmp_path / "营业执照.pdf"
    source.write_bytes(small_pdf)
    editor = editor_for(draft.id)
    applications.attach(editor.session.user, draft.id, source, "evidence", "invention_patents")
    editor.load_files()
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    editor.sections["B"].rows["invention_patents"].open_button.click()
    editor.attachments.table.selectRow(0)
    editor.attachments.open_button.click()
    assert len(opened) == 2
    for path in opened:
        assert path.endswith("/营业执照.pdf") and open(path, "rb").read() == small_pdf


def test_a_save_over_someone_elses_save_names_them_and_reloads(editor_for, draft, demo_users, monkeypatch):
    mine, theirs = editor_for(draft.id), editor_for(draft.id)
    theirs.sections["D"].department.setText("他们填的部门")
    assert theirs.save() is True
    mine.sections["D"].department.setText("我填的部门")
    asked = []
    import app.ui.applications.editor_actions as module

    monkeypatch.setattr(module, "confirm", lambda parent, title, text: asked.append(text) or True)
    assert mine.save() is False
    assert "该申报表在您打开之后已被 东胜区联络员（演示）（dongsheng）于" in asked[0] and "重新载入" in asked[0]
    assert mine.sections["D"].department.text() == "他们填的部门"  # reloaded: their answers on screen
    saved = applications.form_of(applications.get(demo_users["dongsheng"], draft.id))
    assert saved.management["ip_department"] == "他们填的部门"
    mine.sections["D"].department.setText("我填的部门")
    assert mine.save() is True
