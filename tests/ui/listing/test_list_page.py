"""重点企业名录: the list with due dates coloured, re-examination, publication to xlsx + PDF with recorded hashes."""

import hashlib
from datetime import date, timedelta

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from app.services.applications import decisions as review
from app.services.applications import forms as applications
from app.services.enterprises.search import EnterpriseQuery, search_ids
from app.services.listing import entries as protection_list
from app.services.listing import publication
from app.ui.excel.table_export import export_view
from app.ui.listing.list_dialogs import PublishResultDialog, ReExamDialog
from app.ui.listing.list_page import DUE_LOOK, EVERY, ListPage
from app.ui.session import Session
from tests.helpers.dates import years_before
from tests.helpers.many_cases import queries_before_and_after
from tests.helpers.many_records import add_enterprises, add_entries
from tests.helpers.tables import cell_background, cell_text, column_texts

YEAR = date.today().year + 1


@pytest.fixture
def listed(demo_users, today):
    """Two enterprises of 东胜区 on the list: one listed today, one due for re-examination in 30 days."""
    officer, reviewer = demo_users["dongsheng"], demo_users["shenhe"]
    found = []
    for n, enterprise_id in enumerate(search_ids(officer, EnterpriseQuery(district_code="150602"))[:2]):
        draft = applications.new_draft(officer, enterprise_id, YEAR)
        applications.submit(officer, draft.id)
        review.recommend(officer, draft.id, "同意推荐")
        on = today if n == 0 else years_before(today, 2) + timedelta(days=30)
        review.decide(reviewer, draft.id, "approve", "同意纳入", on=on)
        found.append(review.active_entry(draft.enterprise))
    return found


@pytest.fixture
def page_for(qtbot, session_for):
    def make(login):
        page = ListPage(session_for(login))
        qtbot.addWidget(page)
        page.show()
        return page

    return make


def test_list_shows_entries_with_due_dates_coloured(page_for, listed):
    page = page_for("shenhe")
    assert page.model.rowCount() == 2 and page.count_label.text() == "共 2 家"
    rows = {cell_text(page.table, r, 0): r for r in range(2)}
    due = rows[listed[1].enterprise.name]
    tip = page.model.index(due, 6).data(Qt.ItemDataRole.ToolTipRole)
    assert cell_background(page.table, due, 6) == DUE_LOOK[1] and "还有" in tip
    assert cell_background(page.table, rows[listed[0].enterprise.name], 6) != DUE_LOOK[1]
    page.search.setText(listed[0].enterprise.uscc[-6:])
    assert page.model.rowCount() == 1
    assert page_for("dalate").model.rowCount() == 0
    assert page_for("dongsheng").review_button.isHidden()


def test_re_examination(page_for, listed, demo_users):
    page = page_for("shenhe")
    assert page.focus_entry(listed[1].id)
    dialog = page.re_examine()
    assert isinstance(dialog, ReExamDialog) and dialog.isVisible()
    dialog.set_outcome("suspended")
    assert dialog.apply() is False and "必须填写" in dialog.error.text()
    dialog.opinion.setPlainText("企业涉嫌侵权，暂停保护待查")
    assert dialog.apply() is True
    entry = protection_list.get_entry(demo_users["shenhe"], listed[1].id)
    assert entry.status == "suspended" and entry.reviews.count() == 1
    assert page.model.rowCount() == 1  # the default filter shows the active list only
    page.status.setCurrentIndex(page.status.findData("suspended"))
    assert page.model.rowCount() == 1 and cell_text(page.table, 0, 5) == "暂停"
    greyed = page.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert greyed.color().name() == "#888888" and cell_background(page.table, 0, 6) is None


def test_publish_writes_both_files_and_shows_the_hashes(page_for, listed, tmp_path, qtbot, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: told.append(text))
    page = page_for("shenhe")
    dialog = page.publish()
    dialog.xlsx.setText(str(tmp_path / "公示.xlsx"))
    dialog.pdf.setText(str(tmp_path / "公示.pdf"))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.result_ is not None, timeout=20000)
    xlsx, pdf = tmp_path / "公示.xlsx", tmp_path / "公示.pdf"
    assert xlsx.stat().st_size > 0 and pdf.read_bytes().startswith(b"%PDF")
    record = publication.publications()[0]
    assert record.entry_count == 2 and record.xlsx_sha256 == hashlib.sha256(xlsx.read_bytes()).hexdigest()
    assert record.pdf_sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert (
        isinstance(page.dialog, PublishResultDialog)
        and record.pdf_sha256 in page.dialog.details.toPlainText()
    )
    assert page.dialog.folder.text() == f"文件保存在：{tmp_path}"  # where to find the files
    assert "打开文件夹" in [b.text() for b in page.dialog.findChildren(QPushButton)]
    history = page.publications.table
    assert page.tabs.currentWidget() is page.publications and history.rowCount() == 1
    assert history.item(0, 4).text() == record.xlsx_sha256
    page.publications.table.selectRow(0)
    assert page.publications.verify(pdf) is True and "完全一致" in told[-1]
    xlsx.write_bytes(b"changed")
    assert page.publications.verify(xlsx) is False and "不一致" in told[-1]


def test_export_of_the_current_list(page_for, listed, tmp_path, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    page = page_for("shenhe")
    task = export_view(page, page.table, "重点企业名录", tmp_path / "名录.xlsx")
    done = []
    task.finished.connect(done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    sheet = openpyxl.load_workbook(tmp_path / "名录.xlsx").active
    assert sheet.max_row == 3 and sheet.cell(1, 1).value == "企业名称"


def test_the_page_reloads_in_the_same_queries_for_one_entry_or_fifty(qtbot, empty_db, monkeypatch):
    path, admin = empty_db
    today = date.today()
    add_entries(add_enterprises(1), today)
    page = ListPage(Session(admin, path))
    qtbot.addWidget(page)
    few, many = queries_before_and_after(
        monkeypatch, page.reload, lambda: add_entries(add_enterprises(49, first=1), today)
    )
    assert many == few <= 6
    assert page.model.rowCount() == 34 and page.count_label.text() == "共 34 家"  # every third is suspended
    names = column_texts(page.table, 0)
    assert names == sorted(names)
    chosen = page.model.row_at(20)
    assert page.focus_entry(chosen.id) and page.selected_id() == chosen.id
    page.reload()
    assert page.selected_id() == chosen.id and page.review_button.isEnabled()
    page.status.setCurrentIndex(page.status.findData(EVERY))
    assert page.model.rowCount() == 50 and page.selected_id() == chosen.id
