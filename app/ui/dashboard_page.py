"""工作台: the user's own counts from the register, per district they may see. Nothing made up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services import reference
from app.services.enterprise_search import EnterpriseQuery, count
from app.services.permissions import visible_district_ids
from app.ui.session import Session


class DashboardPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        greeting = QLabel(f"欢迎，{session.user_label()}")
        greeting.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.summary = QLabel()
        self.summary.setStyleSheet("font-size: 12pt;")
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["旗区", "在册企业", "已归档"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumWidth(640)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(greeting)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("按旗区统计（仅含您有权查看的旗区）："))
        layout.addWidget(self.table)
        layout.addStretch(1)
        session.changed.connect(self.refresh)
        self.refresh()

    def _districts(self):
        allowed = visible_district_ids(self.session.user)
        return [d for d in reference.districts() if allowed is None or d.id in allowed]

    def refresh(self, _what: str = "") -> None:
        user = self.session.user
        rows = []
        for district in self._districts():
            active = count(user, EnterpriseQuery(district_code=district.code))
            every = count(user, EnterpriseQuery(district_code=district.code, include_archived=True))
            rows.append((district.name, active, every - active))
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        # As tall as its rows: ten districts fit without a scroll bar.
        rows_height = sum(self.table.rowHeight(r) for r in range(len(rows)))
        self.table.setFixedHeight(rows_height + self.table.horizontalHeader().height() + 4)
        total = sum(active for _, active, _ in rows)
        archived = sum(gone for *_, gone in rows)
        self.summary.setText(f"企业名录库在册 {total} 家，已归档 {archived} 家。")
