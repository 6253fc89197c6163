"""申报与审核: the round's applications the user may see, filters, opening, blank and batch printing."""

import io
import threading
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from app.services.applications import forms as applications
from app.services.applications import printing as application_print
from app.services.core.changes import Changes
from app.services.enterprises.search import EnterpriseQuery, search_ids
from app.ui.applications.editor import ApplicationEditor
from app.ui.applications.round_page import RoundPage
from app.ui.session import Session
from tests.helpers.many_cases import queries_before_and_after
from tests.helpers.many_records import add_applications, add_enterprises
from tests.helpers.tables import column_texts

YEAR = date.today().year


@pytest.fixture
def two_drafts(demo_users):
    officer = demo_users["dongsheng"]
    ids = search_ids(officer, EnterpriseQuery(district_code="150602"))[:2]
    drafts = [applications.new_draft(officer, i, YEAR) for i in ids]
    applications.submit(officer, drafts[0].id)
    return drafts


@pytest.fixture
def page_for(qtbot, session_for):
    def make(login):
        page = RoundPage(session_for(login))
        qtbot.addWidget(page)
        page.show()
        return page

    return make


def column(page, index):
    return column_texts(page.table, index)


def test_district_officer_sees_own_round(page_for, two_drafts):
    page = page_for("dongsheng")
    assert page.model.rowCount() == 2 and page.count_label.text() == "共 2 份申报表"
    assert not page.district.isEnabled() and page.district.currentData() == "150602"
    assert sorted(column(page, 3)) == ["已提交", "草稿"]
    assert set(column(page, 4)) == {"第 1 版"}
    assert set(column(page, 5)) <= {"符合申报条件", "待补充证明材料", "不符合申报条件"}
    page.status.setCurrentIndex(page.status.findData("submitted"))
    assert column(page, 3) == ["已提交"]


def test_other_district_sees_none_and_city_can_filter(page_for, two_drafts):
    assert page_for("dalate").model.rowCount() == 0
    city = page_for("shenhe")
    assert city.district.itemText(0) == "全部旗区" and city.model.rowCount() == 2
    assert not city.batch_button.isEnabled()  # batch printing is per district
    city.district.setCurrentIndex(city.district.findData("150621"))
    assert city.model.rowCount() == 0
    city.year.setValue(YEAR - 1)
    city.district.setCurrentIndex(city.district.findData("150602"))
    assert city.model.rowCount() == 0


def test_new_application_appears_after_the_change_signal(page_for, two_drafts, demo_users):
    page = page_for("dongsheng")
    officer = demo_users["dongsheng"]
    third = search_ids(officer, EnterpriseQuery(district_code="150602"))[2]
    applications.new_draft(officer, third, YEAR)
    page.session.changed.emit(Changes(applications=True))
    assert page.model.rowCount() == 3


def test_double_click_opens_the_editor(page_for, two_drafts, qtbot):
    page = page_for("dongsheng")
    page.table.selectRow(0)
    editor = page.open_selected()
    assert isinstance(editor, ApplicationEditor) and editor.isVisible()
    assert editor.application_id == page.selected_id()
    editor.close()


def test_blank_form_preview(page_for, qtbot):
    page = page_for("dongsheng")
    preview = page.print_blank()
    qtbot.waitUntil(lambda: preview.loaded, timeout=5000)
    assert preview.document.pageCount() > 0


def test_batch_print_of_the_district(page_for, two_drafts, qtbot, demo_users):
    page = page_for("dongsheng")
    assert page.batch_button.isEnabled()
    page.batch_button.click()
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.loaded, timeout=15000)
    officer = demo_users["dongsheng"]
    separately = [
        application_print.print_application(officer, a.id, io.BytesIO()).pages
        for a in applications.list_round(officer, YEAR, "150602")
    ]
    # Each form but the last is padded to an even page count, so the next starts on the front of a sheet.
    assert page.preview.document.pageCount() == sum(n + n % 2 for n in separately[:-1]) + separately[-1]
    assert "东胜区" in page.preview.windowTitle()


def test_batch_print_shows_progress_and_a_cancel_makes_nothing(page_for, two_drafts, qtbot):
    page = page_for("dongsheng")
    seen, release = threading.Event(), threading.Event()

    def hold(percent: int, _text: str) -> None:
        # Runs in the worker (direct connection): keep it between two forms until the test has pressed 取消.
        if percent < 100 and not seen.is_set():
            seen.set()
            release.wait(10)

    page.batch_button.click()
    task = page.task
    task.relay.progress.connect(hold, Qt.ConnectionType.DirectConnection)
    finished = []
    task.finished.connect(finished.append)
    assert not page.batch_button.isEnabled()
    qtbot.waitUntil(seen.is_set, timeout=15000)
    dialog = task.dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and "份申报表" in dialog.labelText(), timeout=5000)
    assert dialog.maximum() == 100 and "/ 2 份申报表" in dialog.labelText()
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "取消"
    cancel.click()
    release.set()
    qtbot.waitUntil(lambda: bool(finished), timeout=15000)
    assert finished == [None] and page.preview is None  # nothing made, nothing shown
    assert page.batch_button.isEnabled()


def test_a_full_batch_is_saved_as_one_file(page_for, two_drafts, qtbot, monkeypatch, tmp_path):
    page = page_for("dongsheng")
    page.batch_button.click()
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.loaded, timeout=15000)
    target = tmp_path / "东胜区申报表.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    assert page.preview.save_as() == target
    reader = PdfReader(target)
    assert len(reader.pages) == page.preview.document.pageCount() > 2
    text = "".join(p.extract_text() for p in reader.pages).replace(" ", "").replace("\n", "")
    assert all(d.enterprise.name in text for d in two_drafts)


def test_main_window_has_the_round_page(main_window):
    assert isinstance(main_window.pages["申报与审核"], RoundPage)


def test_the_page_reloads_in_the_same_queries_for_one_application_or_fifty(qtbot, empty_db, monkeypatch):
    path, admin = empty_db
    add_applications(add_enterprises(1), YEAR)
    page = RoundPage(Session(admin, path))
    qtbot.addWidget(page)
    few, many = queries_before_and_after(
        monkeypatch, page.reload, lambda: add_applications(add_enterprises(49, first=1), YEAR)
    )
    assert many == few <= 8
    assert page.model.rowCount() == 50 and page.count_label.text() == "共 50 份申报表"
    assert column(page, 0) == sorted(column(page, 0)) and set(column(page, 3)) == {"已提交"}
    chosen = {page.model.row_at(4).id, page.model.row_at(30).id}
    page.select_ids(chosen)
    assert {a.id for a in page.selected_applications()} == chosen and page.review_bar.batch_button.isEnabled()
    page.reload()
    assert set(page.selected_ids()) == chosen
