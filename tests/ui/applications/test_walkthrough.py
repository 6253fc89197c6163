"""The issue's path, end to end: a district officer opens an enterprise, starts its application, fills it with
inline validation and a live verdict, saves, submits, previews the print and attaches the stamped scan."""

from datetime import date

from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.services.applications import forms as applications
from app.services.core import attachments
from app.services.enterprises.search import EnterpriseQuery, search_ids
from app.ui.applications.editor import ApplicationEditor
from app.ui.enterprises.enterprise_form import EnterpriseForm
from app.ui.pdf_preview import PdfPreviewDialog


def test_district_officer_walks_the_whole_application(
    qtbot, session_for, demo_users, monkeypatch, tmp_path, small_pdf
):
    officer = demo_users["dongsheng"]
    session = session_for("dongsheng")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)

    # Open an enterprise of the officer's own district and start its application from the form.
    enterprise_id = search_ids(officer, EnterpriseQuery(district_code="150602"))[0]
    form = EnterpriseForm(session, enterprise_id)
    qtbot.addWidget(form)
    form.show()
    form.application_button.click()
    editor = form.findChild(ApplicationEditor)
    assert editor is not None and editor.isVisible() and editor.editable
    draft = applications.current_for(officer, enterprise_id, date.today().year)
    assert draft is not None and draft.id == editor.application_id and draft.status == "draft"

    # Section C: the verdict follows the invention patent count as it is typed, without saving.
    patents = editor.sections["C"].counts["invention_patents"]
    chip = editor.verdict.chips["invention_patents"]
    patents.setValue(3)
    assert (
        chip.text() == "不符合" and "有效发明专利 3 件" in editor.verdict.details["invention_patents"].text()
    )
    patents.setValue(12)
    assert chip.text() == "待补充证明材料" and "12 件" in editor.verdict.details["invention_patents"].text()
    assert editor.dirty and editor.windowTitle().startswith("*")

    # A bad year in section B gets a red message beside it at once, and saving is refused.
    row = editor.sections["B"].rows["invention_patents"]
    row.box.setChecked(True)
    row.year.setValue(1900)
    assert not row.error.isHidden() and "1900 年超出范围" in row.error.text()
    assert editor.save() is False
    assert editor.tabs.currentIndex() == 1 and "1 处需要修改" in editor.message.text()
    row.year.setValue(date.today().year + 1)  # typed as it is (not clamped) and refused with the range
    assert row.year.value() == date.today().year + 1 and f"—{date.today().year} 年" in row.error.text()
    row.year.setValue(2025)
    assert row.error.isHidden()

    # A dispute without role and forum is flagged in its row until both are chosen.
    disputes = editor.sections["E"]
    disputes.add_button.click()
    assert "请选择处理途径" in disputes.table_error.text()
    disputes.cell(0, "role").setCurrentIndex(disputes.cell(0, "role").findData("claimant"))
    disputes.cell(0, "forum").setCurrentIndex(disputes.cell(0, "forum").findData("mediation"))
    assert disputes.table_error.isHidden()
    editor.sections["G"].pledge.setChecked(True)

    editor.save_button.click()
    assert not editor.dirty and "已保存" in editor.message.text()
    saved = applications.form_of(applications.get(officer, editor.application_id))
    assert saved.count("invention_patents") == 12 and saved.criteria["invention_patents"].year == 2025
    assert saved.disputes[0]["forum"] == "mediation" and saved.pledge

    # Evidence for the patent criterion turns it from "pending" to "met".
    evidence = tmp_path / "发明专利证书.pdf"
    evidence.write_bytes(small_pdf)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(evidence), ""))
    row.add_button.click()
    assert chip.text() == "符合" and editor.verdict.status == "met"
    assert "发明专利证书.pdf" in row.evidence.item(0).text()

    # Submit (confirmed): the editor turns read-only with a banner.
    editor.submit_button.click()
    assert not editor.editable and not editor.banner.isHidden() and "已于" in editor.banner.text()
    assert not editor.save_button.isEnabled() and patents.isReadOnly()

    # Print preview inside the app: the PDF loads and shows pages.
    editor.preview_button.click()
    preview = editor.findChild(PdfPreviewDialog)
    assert preview is not None
    qtbot.waitUntil(lambda: preview.loaded, timeout=5000)
    assert preview.document.pageCount() > 0 and "共" in preview.pages_label.text()
    assert not preview.grab().isNull()
    preview.close()

    # Attach the stamped scan.
    scan = tmp_path / "盖章扫描件.pdf"
    scan.write_bytes(small_pdf)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(scan), ""))
    editor.scan_button.click()
    table = editor.attachments.table
    kinds = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert "盖章扫描件" in kinds and table.item(kinds.index("盖章扫描件"), 3).text() == officer.display_name

    # The services agree: submitted, with the scan recorded against the application.
    stored = applications.get(officer, editor.application_id)
    assert stored.status == "submitted" and stored.submitted_by.id == officer.id
    purposes = [a.purpose for a in attachments.attachments_of(stored)]
    assert "scan" in purposes and "evidence:invention_patents" in purposes
    editor.close()
    form.close()
