"""Print preview of any PDF made in memory: view the pages, print through the system dialog, or save as PDF.

The document reads from a QBuffer parented to it, so the bytes live exactly as long as the document.
QPdfView renders asynchronously; printing renders each page to an image at no more than 300 dpi (a printer
reports 1200 dpi, and a page image at that resolution would take hundreds of megabytes).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.window_state import place

MAX_PRINT_DPI = 300
WARNING_STYLE = (
    "background: #fff3cd; color: #7a5a00; border: 1px solid #e0c060; border-radius: 3px; padding: 6px 10px;"
)


class PdfPreviewDialog(QDialog):
    """`data` is a whole PDF; `warnings` (e.g. a font fallback) are shown in a yellow bar above the pages."""

    def __init__(
        self,
        data: bytes,
        title: str,
        suggested_name: str = "document.pdf",
        warnings: list[str] | tuple[str, ...] = (),
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(f"打印预览 - {title}")
        self.data = bytes(data)
        self.suggested_name = suggested_name
        self.document = QPdfDocument(self)
        self._buffer = QBuffer(self.document)
        self._buffer.setData(QByteArray(self.data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.statusChanged.connect(self._on_status)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("QPdfView { background: #808080; }")
        self.view.setDocument(self.document)
        self.warning_bar = QLabel("\n".join(f"⚠ {w}" for w in warnings))
        self.warning_bar.setWordWrap(True)
        self.warning_bar.setStyleSheet(WARNING_STYLE)
        self.warning_bar.setVisible(bool(warnings))
        layout = QVBoxLayout(self)
        layout.addLayout(self._toolbar())
        layout.addWidget(self.warning_bar)
        layout.addWidget(self.view, 1)
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.print_)
        place(self, (900, 860))
        self.document.load(self._buffer)

    def _toolbar(self) -> QHBoxLayout:
        self.print_button = QPushButton("打印…")
        self.save_button = QPushButton("另存为PDF…")
        self.fit_width = QPushButton("适合宽度")
        self.fit_page = QPushButton("整页")
        self.zoom_in = QPushButton("放大")
        self.zoom_out = QPushButton("缩小")
        self.pages_label = QLabel("正在载入…")
        close = QPushButton("关闭")
        self.print_button.clicked.connect(lambda: self.print_())
        self.save_button.clicked.connect(lambda: self.save_as())
        self.fit_width.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.fit_page.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))
        self.zoom_in.clicked.connect(lambda: self._zoom(1.25))
        self.zoom_out.clicked.connect(lambda: self._zoom(0.8))
        close.clicked.connect(self.reject)
        bar = QHBoxLayout()
        for widget in (self.print_button, self.save_button, self.fit_width, self.fit_page):
            bar.addWidget(widget)
        bar.addWidget(self.zoom_out)
        bar.addWidget(self.zoom_in)
        bar.addStretch(1)
        bar.addWidget(self.pages_label)
        bar.addWidget(close)
        return bar

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, self.view.zoomFactor() * factor)))

    @property
    def loaded(self) -> bool:
        return self.document.status() == QPdfDocument.Status.Ready and self.document.pageCount() > 0

    def _on_status(self, status) -> None:
        if status == QPdfDocument.Status.Ready:
            self.pages_label.setText(f"共 {self.document.pageCount()} 页")
        elif status == QPdfDocument.Status.Error:
            self.pages_label.setText("无法显示该文件")
        ready = status == QPdfDocument.Status.Ready
        self.print_button.setEnabled(ready)

    # --- saving and printing -----------------------------------------------------------------------------

    def save_as(self) -> Path | None:
        start = str(Path.home() / self.suggested_name)
        name, _ = QFileDialog.getSaveFileName(self, "另存为PDF", start, "PDF 文件 (*.pdf)")
        if not name:
            return None
        path = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
        try:
            path.write_bytes(self.data)
        except OSError as exc:
            QMessageBox.warning(self, "保存失败", f"无法写入“{path}”：{exc.strerror or exc}")
            return None
        return path

    def print_(self, printer: QPrinter | None = None) -> bool:
        """Ask with the system print dialog, then print; False when cancelled or nothing to print."""
        if not self.loaded:
            return False
        printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.document.pageCount())
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return render_to_printer(self.document, printer)


def render_to_printer(document: QPdfDocument, printer: QPrinter) -> bool:
    """Every page (or the chosen range) as an image filling the paper, `copyCount` times unless the driver copies."""
    printer.setFullPage(True)
    count = document.pageCount()
    first, last = printer.fromPage(), printer.toPage()
    if first == 0 and last == 0:
        first, last = 1, count
    first, last = max(first, 1), min(last, count)
    copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        first_page = True
        for _copy in range(copies):
            for index in range(first - 1, last):
                if not first_page:
                    printer.newPage()
                first_page = False
                points = document.pagePointSize(index)
                image = document.render(index, _pixels(points, dpi))
                painter.drawImage(_target(points, printer.resolution(), painter.viewport().size()), image)
    finally:
        painter.end()
    return True


def _pixels(points: QSizeF, dpi: int) -> QSize:
    return QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))


def _target(points: QSizeF, dpi: int, paper: QSize) -> QRectF:
    """The page at its real size on the paper (so the PDF's margins stay), shrunk only if the paper is smaller."""
    size = QSizeF(points.width() / 72 * dpi, points.height() / 72 * dpi)
    scale = min(1.0, paper.width() / size.width(), paper.height() / size.height())
    return QRectF(QPointF(0, 0), size * scale)


def preview_pdf(
    parent: QWidget | None, data: bytes, title: str, suggested_name: str, warnings=()
) -> PdfPreviewDialog:
    """Open a preview window-modal without a nested event loop; the caller may keep the dialog to inspect it."""
    dialog = PdfPreviewDialog(data, title, suggested_name, list(warnings), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
