"""公示记录: every publication with who, when, how many entries and the SHA-256 of each file; 核对文件… checks one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.listing import publication
from app.ui.excel.files import default_folder
from app.ui.tables import declare_matters, read_only_table

HEADERS = ("公示时间", "公示人", "企业数", "Excel 文件", "Excel SHA-256", "PDF 文件", "PDF SHA-256")


class PublicationsTab(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.records: list = []
        self.table = read_only_table(HEADERS)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        declare_matters(self.table, ("公示时间", "企业数"))
        self.verify_button = QPushButton("核对文件…")
        self.verify_button.setToolTip("选择一个文件，核对它是否与所选公示记录中的文件完全一致")
        self.verify_button.clicked.connect(lambda: self.verify())
        hint = QLabel("每次公示都记录公示人、时间、企业数和文件的 SHA-256 校验值，可用于证明公示的内容。")
        hint.setStyleSheet("color: #555;")
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        row.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def reload(self) -> None:
        self.records = publication.publications()
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.table.setRowCount(len(self.records))
        for r, record in enumerate(self.records):
            values = (str(record.published_at)[:16], record.published_by.display_name if record.published_by else "",
                      str(record.entry_count), record.xlsx_name, record.xlsx_sha256, record.pdf_name or "（无）",
                      record.pdf_sha256)  # fmt: skip
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c in (4, 6):
                    item.setFont(fixed)
                    item.setToolTip(value)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def verify(self, path: Path | None = None) -> bool | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            QMessageBox.information(self, "核对文件", "请先选择一条公示记录。")
            return None
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, "选择要核对的文件", str(default_folder()))
            if not chosen:
                return None
            path = Path(chosen)
        same = publication.verify(self.records[rows[0].row()], path)
        if same:
            QMessageBox.information(self, "核对文件", f"“{path.name}”与该次公示记录的文件完全一致。")
        else:
            QMessageBox.warning(
                self, "核对文件", f"“{path.name}”与该次公示记录的文件不一致（可能已被修改）。"
            )
        return same
