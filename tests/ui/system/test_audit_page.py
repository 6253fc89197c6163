"""审计日志 page: filter, pick an entry, read a changed field side by side, export the filtered entries."""

import openpyxl
import pytest

from app.models import Enterprise
from app.services.enterprises import register
from app.ui.excel import files
from app.ui.system.audit_page import AuditPage


@pytest.fixture
def page(qtbot, admin_session):
    # One update on the demo register, so that an entry has a before and an after.
    enterprise = Enterprise.select().order_by(Enterprise.id).first()
    register.update(admin_session.user, enterprise.id, {"legal_representative": "王审计"})
    widget = AuditPage(admin_session)
    qtbot.addWidget(widget)
    widget.resize(874, 700)  # what a 1024×768 screen leaves beside the navigation
    widget.show()
    return widget


def test_filter_select_and_side_by_side(page):
    assert page.model.rowCount() > 100 and page.count_label.text().startswith("共")
    page.action_combo.setCurrentText("enterprise.update")
    page.search()
    assert page.model.rowCount() == 1
    page.table.selectRow(0)
    assert "修改基本信息" in page.detail_title.text()
    rows = {page.fields.item(r, 0).text(): (page.fields.item(r, 1).text(), page.fields.item(r, 2).text())
            for r in range(page.fields.rowCount())}  # fmt: skip
    label = page.fields.item(0, 0).text()  # changed fields come first
    assert rows[label][1] == "王审计" and rows[label][0] not in ("王审计", "")


def test_bad_filter_says_why(page, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "app.ui.system.audit_page.show_error", lambda _p, error, _t="": shown.append(str(error))
    )
    page.user_edit.setText("nobody")
    page.search()
    assert shown and "nobody" in shown[0]


def test_export_writes_the_filtered_entries(page, qtbot, monkeypatch, tmp_path):
    out = tmp_path / "audit.xlsx"
    monkeypatch.setattr(files, "ask_save_path", lambda *_a: out)
    monkeypatch.setattr("app.ui.system.audit_page.QMessageBox.information", lambda *_a: None)
    page.action_combo.setCurrentText("企业信息")
    page.search()
    expected = page.model.rowCount()
    page.export()
    qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=20000)
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert len(rows) == expected + 1
    assert {r[3].split(".")[0] for r in rows[1:]} <= {
        "enterprise",
        "contact",
        "holding",
        "honor",
        "attachment",
    }
    assert any("王审计" in (r[7] or "") for r in rows[1:])


def test_page_fits_a_small_screen(page, tmp_path):
    assert page.minimumSizeHint().width() <= 874 and page.minimumSizeHint().height() <= 700
    assert page.grab().save(str(tmp_path / "audit.png"))


def test_the_administrator_sees_a_banner_when_the_trail_was_edited(qtbot, admin_session):
    from app.models.db import database

    database.execute_sql("UPDATE audit_log SET user_login = 'forged' WHERE id = 5")
    page = AuditPage(admin_session)
    qtbot.addWidget(page)
    page.resize(874, 700)
    page.show()
    assert page.trail_banner.isVisible() and "第 5 条" in page.trail_banner.text()


def test_no_banner_on_a_whole_trail(page):
    assert not page.trail_banner.isVisible()
