"""附件 of an application: the stamped scans and evidence files, who attached them and when; open to view."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.applications.form_data import CRITERIA
from app.ui.file_open import size_text
from app.ui.tables import read_only_table

HEADERS = ("类别", "文件名", "大小", "上传人", "上传时间")


def kind_text(purpose: str) -> str:
    if purpose == "scan":
        return "盖章扫描件"
    if purpose.startswith("evidence:"):
        return f"证明材料：{CRITERIA.get(purpose.split(':', 1)[1], purpose)}"
    return purpose


class AttachmentsPanel(QWidget):
    open_file = Signal(object)
    attach_scan = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list = []
        self.table = read_only_table(HEADERS)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.scan_button = QPushButton("添加盖章扫描件…")
        self.open_button = QPushButton("打开")
        self.scan_button.clicked.connect(self.attach_scan.emit)
        self.open_button.clicked.connect(self.open_selected)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.scan_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def show_files(self, rows: list) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, attachment in enumerate(rows):
            who = attachment.created_by.display_name if attachment.created_by else "—"
            values = (
                kind_text(attachment.purpose),
                attachment.original_name,
                size_text(attachment.size),
                who,
                str(attachment.created_at)[:19],
            )
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
                self.table.setItem(r, c, item)
        self.open_button.setEnabled(bool(rows))

    def open_selected(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        if selected and selected[0].row() < len(self.rows):
            self.open_file.emit(self.rows[selected[0].row()])
