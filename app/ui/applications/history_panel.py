"""版本记录: every application and revision of the enterprise, newest first; double-click opens one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.applications import forms as applications

HEADERS = ("年度", "版本", "状态", "创建时间", "提交时间", "提交人")


class HistoryPanel(QWidget):
    open_application = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.ids: list[int] = []
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open)
        hint = QLabel("已提交的申报表不能修改；更正会生成新版本，旧版本保留在此。双击打开某一版本。")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)

    def show_history(self, revisions: list, current_id: int) -> None:
        self.ids = [a.id for a in revisions]
        self.table.setRowCount(len(revisions))
        for r, application in enumerate(revisions):
            status = applications.status_label(application)
            if application.superseded:
                status += "（已被更正替代）"
            values = (
                f"{application.round.year}",
                f"第 {application.revision} 版",
                status,
                str(application.created_at)[:16],
                str(application.submitted_at or "")[:16],
                application.submitted_by.display_name if application.submitted_by else "",
            )
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if application.id == current_id:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)

    def _open(self, index) -> None:
        if 0 <= index.row() < len(self.ids):
            self.open_application.emit(self.ids[index.row()])
