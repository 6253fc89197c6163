"""扶持情况 on the enterprise page: a district officer registers support, sees it with thousands separators and
the totals by kind, corrects and deletes it; bad input is named under its field; another district's enterprise
is read-only for the ledger too."""

from PySide6.QtWidgets import QMessageBox

from app.models import Enterprise, SupportEntry
from app.services.support import ledger
from app.ui.enterprises.enterprise_form import EnterpriseForm


def _enterprise(code: str) -> Enterprise:
    district = Enterprise.district.rel_model
    return Enterprise.select().join(district).where(district.code == code).order_by(Enterprise.id).first()


def _form(qtbot, session_for, login, enterprise):
    form = EnterpriseForm(session_for(login), enterprise.id)
    qtbot.addWidget(form)
    tab = form.records["扶持情况"]
    form.tabs.setCurrentWidget(tab)
    return form, tab


def test_support_is_registered_shown_corrected_and_deleted(qtbot, session_for, monkeypatch, tmp_path):
    ent = _enterprise("150602")
    form, tab = _form(qtbot, session_for, "dongsheng", ent)
    assert form.tabs.tabText(form.tabs.indexOf(tab)) == "扶持情况" and tab.totals.text() == "尚未登记扶持情况。"

    dialog = tab.add()
    dialog.kind.setCurrentIndex(dialog.kind.findData("funding"))
    dialog.granted_on.edit.setText("2026-03-15")
    dialog.granting_body.setText("东胜区财政局")
    dialog.programme.setText("")
    dialog.amount.setText("二十万")
    assert dialog.save() is False
    assert dialog.errors["programme"].text() == "必填" and "不是数字" in dialog.errors["amount"].text()
    dialog.programme.setText("2026年专利资助资金")
    dialog.amount.setText("1,234,567.8 元")
    assert dialog.save() is True
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1)
    assert tab.table.item(0, 4).text() == "1,234,567.80" and tab.table.item(0, 1).text() == "资金"

    dialog = tab.add()
    dialog.kind.setCurrentIndex(dialog.kind.findData("policy"))
    dialog.granted_on.edit.setText("2026-04-01")
    dialog.granting_body.setText("东胜区市场监督管理局")
    dialog.programme.setText("知识产权质押融资贴息政策")
    assert dialog.save() is True
    qtbot.waitUntil(lambda: tab.table.rowCount() == 2)
    assert tab.totals.text() == "累计 2 条（金额 1,234,567.80 元）：政策 1 条；资金 1 条，1,234,567.80 元"

    tab.table.selectRow(1)  # newest first: the funding entry is second
    notice = tmp_path / "拨付通知.pdf"
    notice.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    assert tab.documents.add(str(notice)) and tab.documents.table.rowCount() == 1

    dialog = tab.edit()
    assert dialog.amount.text() == "1,234,567.80"
    dialog.amount.setText("1,300,000")
    assert dialog.save() is True
    qtbot.waitUntil(lambda: tab.table.item(1, 4).text() == "1,300,000.00")

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    tab.table.selectRow(0)
    tab.delete()
    assert tab.table.rowCount() == 1 and [e.kind for e in SupportEntry.select()] == ["funding"]


def test_another_districts_enterprise_shows_its_ledger_read_only(qtbot, session_for, demo_users):
    theirs = _enterprise("150621")
    ledger.add_entry(demo_users["admin"], theirs.id, {"kind": "project", "granted_on": "2026-02-01",
                                                      "granting_body": "市局", "programme": "高价值专利培育",
                                                      "amount": "50000"})  # fmt: skip
    _form_, tab = _form(qtbot, session_for, "shenhe", theirs)  # a city reviewer may write it
    assert all(b.isEnabled() for b in tab.write_buttons) and tab.table.rowCount() == 1
    _form_, tab = _form(qtbot, session_for, "chakan", theirs)  # the city-wide viewer reads it only
    assert tab.table.rowCount() == 1 and not any(b.isEnabled() for b in tab.write_buttons)
    tab.table.selectRow(0)
    assert tab.edit() is None and not tab.documents.add_button.isEnabled()
