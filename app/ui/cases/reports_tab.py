"""上报待签收: districts' counterfeit-patent reports the city has not acknowledged yet; city roles 签收… here."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.cases import CASE_TYPES
from app.services.cases import handling as cases
from app.services.core.errors import DomainError
from app.ui.cases.case_boxes import acknowledge
from app.ui.session import Session
from app.ui.tables import declare_matters, read_only_table
from app.ui.widgets import show_error

HEADERS = ("案件编号", "类型", "承办单位", "上报日期", "上报说明")
ID_ROLE = Qt.ItemDataRole.UserRole


class ReportsTab(QWidget):
    """`open_case(case_id)` when the user opens a reported case; `count_changed(n)` after each reload."""

    open_case = Signal(int)
    count_changed = Signal(int)

    def __init__(self, session: Session, city: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.city = session, city
        self.table = read_only_table(HEADERS)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        declare_matters(self.table, ("案件编号", "承办单位", "上报日期"))
        self.table.doubleClicked.connect(lambda _i: self._open())
        hint = "重点企业涉及的假冒专利案件由旗区承办时须上报市局；" + (
            "请核阅后签收。" if city else "市局签收后从此列表移出。"
        )
        self.open_button = QPushButton("打开")
        self.ack_button = QPushButton("签收…")
        self.open_button.clicked.connect(self._open)
        self.ack_button.clicked.connect(lambda: self.acknowledge_selected())
        self.ack_button.setVisible(city)
        buttons = QHBoxLayout()
        hint_label = QLabel(hint)
        hint_label.setWordWrap(True)
        buttons.addWidget(hint_label, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.ack_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reports = []

    def reload(self) -> None:
        try:
            self.reports = cases.pending_reports(self.session.user)
        except DomainError as exc:
            show_error(self, exc)
            self.reports = []
        self.table.setRowCount(len(self.reports))
        for r, report in enumerate(self.reports):
            case = report.case
            handling = case.handling_district.name if case.handling_district_id else "市局"
            values = (case.number, CASE_TYPES.get(case.type, case.type), handling, report.reported_on.isoformat(),
                      report.note.replace("\n", " "))  # fmt: skip
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(ID_ROLE, case.id)
                self.table.setItem(r, c, item)
        if self.reports:
            self.table.selectRow(0)
        self.count_changed.emit(len(self.reports))

    def selected_case(self) -> tuple[int, str] | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return item.data(ID_ROLE), item.text()

    def _open(self) -> None:
        chosen = self.selected_case()
        if chosen:
            self.open_case.emit(chosen[0])

    def acknowledge_selected(self) -> bool:
        chosen = self.selected_case()
        return chosen is not None and acknowledge(self, self.session, *chosen)
