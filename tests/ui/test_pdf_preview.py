"""The print preview: loads a PDF from memory, prints through the (monkeypatched) system dialog honouring the
page range and copies, saves as PDF, and shows render warnings in a yellow bar."""

import io

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog

from app.services.applications import printing as application_print
from app.ui.pdf_preview import PdfPreviewDialog


@pytest.fixture
def blank_pdf(demo_db) -> bytes:
    buffer = io.BytesIO()
    application_print.print_blank(buffer, 2026)
    return buffer.getvalue()


@pytest.fixture
def preview(qtbot, blank_pdf):
    def make(warnings=()):
        dialog = PdfPreviewDialog(blank_pdf, "空白申报表", "空白申报表.pdf", list(warnings))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
        return dialog

    return make


def pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def accept_print_dialog(monkeypatch, seen=None):
    def exec_(dialog):
        if seen is not None:
            seen.append((dialog.minPage(), dialog.maxPage()))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", exec_)


def test_preview_loads_pages_from_memory(preview, blank_pdf):
    dialog = preview()
    pages = len(PdfReader(io.BytesIO(blank_pdf)).pages)
    assert dialog.document.pageCount() == pages > 0
    assert dialog.pages_label.text() == f"共 {pages} 页"
    assert dialog.warning_bar.isHidden()
    assert not dialog.grab().isNull()


def test_print_writes_every_page(preview, monkeypatch, tmp_path, blank_pdf):
    dialog = preview()
    seen = []
    accept_print_dialog(monkeypatch, seen)
    out = tmp_path / "printed.pdf"
    assert dialog.print_(pdf_printer(out)) is True
    pages = dialog.document.pageCount()
    assert seen == [(1, pages)]
    assert out.stat().st_size > 0 and len(PdfReader(out).pages) == pages


def test_print_honours_page_range_and_copies(preview, monkeypatch, tmp_path):
    dialog = preview()
    accept_print_dialog(monkeypatch)
    out = tmp_path / "range.pdf"
    printer = pdf_printer(out)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    printer.setCopyCount(2)
    assert dialog.print_(printer) is True
    assert len(PdfReader(out).pages) == 4


def test_cancelled_print_writes_nothing(preview, monkeypatch, tmp_path):
    dialog = preview()
    monkeypatch.setattr(QPrintDialog, "exec", lambda _d: QDialog.DialogCode.Rejected)
    out = tmp_path / "never.pdf"
    assert dialog.print_(pdf_printer(out)) is False
    assert not out.exists()


def test_save_as_pdf_adds_the_suffix(preview, monkeypatch, tmp_path, blank_pdf):
    dialog = preview()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "副本"), ""))
    dialog.save_button.click()
    assert (tmp_path / "副本.pdf").read_bytes() == blank_pdf


def test_warnings_show_in_a_yellow_bar(preview):
    dialog = preview(["未找到宋体，已改用文泉驿微米黑"])
    assert not dialog.warning_bar.isHidden() and "文泉驿微米黑" in dialog.warning_bar.text()
    assert "#fff3cd" in dialog.warning_bar.styleSheet()
