"""纠纷案件: every case the user may see with its nearest statutory clock coloured by urgency, and the reports
to the city still waiting to be acknowledged.

The nearest open clock's days left are green while running, amber when due soon and red once overdue.
新建案件 files a case, 打开 (or a double click) opens its file, 导出Excel writes the case list in a worker.
"""

from __future__ import annotations

import io
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.cases import CASE_TYPES
from app.services.cases import handling as cases
from app.services.cases import printing as case_print
from app.services.cases.case_dicts import case_dict
from app.services.core.changes import Changes
from app.services.core.errors import DomainError
from app.services.core.permissions import CITY_ROLES, Role, role_of
from app.services.system import database as setup
from app.ui import tasks
from app.ui.cases.detail_dialog import CaseDetailDialog
from app.ui.cases.looks import STATE_LOOKS, days_text, nearest_open
from app.ui.cases.new_case_dialog import NewCaseDialog
from app.ui.cases.reports_tab import ReportsTab
from app.ui.excel import files
from app.ui.excel.table_export import export_failed, report_export
from app.ui.pdf_preview import PdfPreviewDialog, preview_pdf
from app.ui.session import Session
from app.ui.widgets import fill_combo, select_row_by_id, selected_row_id, show_error

HEADERS = ("案件编号", "类型", "承办单位", "当事人", "重要", "状态", "收到日期", "最近期限", "到期日", "剩余")
ID_ROLE = Qt.ItemDataRole.UserRole
LEFT_COLUMN = HEADERS.index("剩余")
OPEN, CLOSED = "open", "closed"


def export_job(actor, path, case_type=None, overdue_only=False) -> int:
    """Worker: the case list (with the page's filters) to xlsx; releases this thread's connection afterwards."""
    try:
        return case_print.export_cases(actor, path, case_type=case_type, overdue_only=overdue_only)
    finally:
        setup.release_connection()


class CasesPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        role = role_of(session.user)
        self.city = role in CITY_ROLES
        self.rows: list[dict] = []
        self.dialog = self.detail = self.preview = self.task = None
        heading = QLabel("纠纷案件")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._cases_tab(role is not Role.VIEWER), "案件")
        self.reports = ReportsTab(session, self.city)
        self.reports.open_case.connect(self.open_case)
        self.reports.count_changed.connect(lambda n: self.tabs.setTabText(1, f"上报待签收（{n}）"))
        self.tabs.addTab(self.reports, "上报待签收")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)
        session.changed.connect(self._on_changed)
        self.reload()

    def _cases_tab(self, can_create: bool) -> QWidget:
        self.type = QComboBox()
        fill_combo(self.type, CASE_TYPES, "全部类型")
        self.type.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.type.setMinimumContentsLength(8)
        self.state = QComboBox()
        for label, code in (("全部案件", ""), ("办理中", OPEN), ("已结案", CLOSED)):
            self.state.addItem(label, code)
        self.state.setCurrentIndex(1)
        self.overdue = QCheckBox("仅看已超期")
        self.type.currentIndexChanged.connect(lambda _i: self.reload())
        self.state.currentIndexChanged.connect(lambda _i: self.reload())
        self.overdue.toggled.connect(lambda _on: self.reload())
        legend = QLabel("<span style='color:#1e6b2e'>■ 计时中</span>&nbsp;&nbsp;&nbsp;<span style='color:#8a5300'>■ 即将到期</span>"
                        "&nbsp;&nbsp;&nbsp;<span style='color:#a61b1b'>■ 已超期</span>")  # fmt: skip
        legend.setToolTip("“剩余”一列的颜色：最近一项未完成的办理期限的状态")
        filters = QHBoxLayout()
        for text, widget in (("类型：", self.type), ("状态：", self.state)):
            filters.addWidget(QLabel(text))
            filters.addWidget(widget)
        filters.addWidget(self.overdue)
        filters.addStretch(1)
        filters.addWidget(legend)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.count_label = QLabel()
        self.new_button = QPushButton("新建案件")
        self.open_button = QPushButton("打开")
        self.export_button = QPushButton("导出Excel")
        self.blank_button = QPushButton("打印空白立案审批表")
        self.new_button.clicked.connect(lambda: self.new_case())
        self.open_button.clicked.connect(lambda: self.open_selected())
        self.export_button.clicked.connect(lambda: self.export())
        self.blank_button.clicked.connect(lambda: self.print_blank())
        self.new_button.setVisible(can_create)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label)
        buttons.addStretch(1)
        for button in (self.new_button, self.open_button, self.export_button, self.blank_button):
            buttons.addWidget(button)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        return tab

    # --- listing -------------------------------------------------------------------------------------

    def reload(self) -> None:
        keep = self.selected_id()
        try:
            found = cases.list_cases(self.session.user, overdue_only=self.overdue.isChecked(),
                                     case_type=self.type.currentData() or None)  # fmt: skip
            rows = [case_dict(c) for c in found]
        except DomainError as exc:
            show_error(self, exc)
            rows = []
        state = self.state.currentData()
        self.rows = [d for d in rows if not state or (d["closed_on"] is not None) == (state == CLOSED)]
        self.table.setRowCount(len(self.rows))
        for r, d in enumerate(self.rows):
            self._show_row(r, d)
        self.count_label.setText(f"共 {len(self.rows)} 件")
        if keep is not None:
            self.select(keep)
        self._update_buttons()
        self.reports.reload()

    def _show_row(self, r: int, d: dict) -> None:
        clock = nearest_open(d["clocks"])
        parties = "；".join(f"{p['name']}{'★' if p['key_enterprise'] else ''}" for p in d["parties"])
        values = (d["number"], d["type_label"], d["handling"], parties, "★" if d["important"] else "",
                  d["status_label"], d["received_on"], clock["label"] if clock else "",
                  clock["due"] if clock else "", days_text(clock) if clock else "")  # fmt: skip
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            if c == 0:
                item.setData(ID_ROLE, d["id"])
            self.table.setItem(r, c, item)
        important = self.table.item(r, 4)
        important.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        important.setForeground(QBrush(QColor("#c0392b")))
        if d["important"]:
            important.setToolTip(d["important_note"])
        self.table.item(r, 3).setToolTip("\n".join(f"{p['role_label']}：{p['name']}" for p in d["parties"]))
        if clock:
            fg, bg = STATE_LOOKS[clock["state"]]
            left = self.table.item(r, LEFT_COLUMN)
            left.setData(ID_ROLE, clock["state"])
            left.setForeground(QBrush(QColor(fg)))
            left.setBackground(QBrush(QColor(bg)))

    def _on_changed(self, changes: Changes) -> None:
        if any((changes.cases, changes.calendar, changes.enterprises, changes.listing)):
            self.reload()

    def selected_id(self) -> int | None:
        return selected_row_id(self.table, ID_ROLE)

    def select(self, case_id: int) -> bool:
        return select_row_by_id(self.table, ID_ROLE, case_id, scroll=False)

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.selected_id() is not None)

    # --- actions -------------------------------------------------------------------------------------

    def new_case(self) -> NewCaseDialog:
        self.dialog = NewCaseDialog(self.session, self)
        self.dialog.created.connect(self.select)
        self.dialog.open_case.connect(self.open_case)
        self.dialog.open()
        return self.dialog

    def open_selected(self) -> CaseDetailDialog | None:
        selected = self.selected_id()
        return self.open_case(selected) if selected is not None else None

    def open_case(self, case_id: int) -> CaseDetailDialog | None:
        try:
            self.detail = CaseDetailDialog(self.session, case_id, self)
        except DomainError as exc:
            show_error(self, exc, "无法打开案件")
            return None
        self.detail.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.detail.open()
        return self.detail

    def export(self, path=None) -> tasks.Task | None:
        path = path or files.ask_save_path(self, "导出案件", f"纠纷案件_{date.today():%Y%m%d}.xlsx")
        if path is None:
            return None
        self.task = tasks.run_task(
            self, "正在导出案件…", export_job, self.session.user, path,
            self.type.currentData() or None, self.overdue.isChecked(),
            on_success=lambda count: report_export(self, path, count, "件案件"),
            on_failure=lambda error: export_failed(self, path, error),
        )  # fmt: skip
        return self.task

    def print_blank(self) -> PdfPreviewDialog | None:
        buffer = io.BytesIO()
        try:
            case_print.print_blank_filing_form(self.session.user, buffer)
        except DomainError as exc:
            show_error(self, exc, "无法打印")
            return None
        self.preview = preview_pdf(self, buffer.getvalue(), "空白立案审批表", "立案审批表_空白.pdf")
        return self.preview
