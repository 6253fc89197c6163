"""纠纷案件: every case the user may see with its nearest statutory clock coloured by urgency, and the reports
to the city still waiting to be acknowledged.

The nearest open clock's days left are green while running, amber when due soon and red once overdue.
新建案件 files a case, 打开 (or a double click) opens its file, 导出Excel writes the case list in a worker.
"""

from __future__ import annotations

import io
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.cases import CASE_TYPES
from app.services.cases import printing as case_print
from app.services.cases.case_rows import CaseRow, case_rows
from app.services.core.changes import Changes
from app.services.core.errors import DomainError
from app.services.core.permissions import is_city, is_staff
from app.ui import tasks
from app.ui.cases.detail_dialog import CaseDetailDialog
from app.ui.cases.looks import STATE_LOOKS, days_text
from app.ui.cases.new_case_dialog import NewCaseDialog
from app.ui.cases.reports_tab import ReportsTab
from app.ui.excel import files
from app.ui.excel.table_export import export_failed, report_export
from app.ui.pdf_preview import PdfPreviewDialog, preview_pdf
from app.ui.session import Session
from app.ui.tables import (
    KEY_ROLE,
    Column,
    EmptyHint,
    RowsModel,
    declare_matters,
    list_layout,
    rows_view,
    select_key,
    show_first,
)
from app.ui.widgets import fill_combo, selected_row_id, show_error

ID_ROLE = KEY_ROLE
OPEN, CLOSED = "open", "closed"


def _days_left(row: CaseRow) -> str:
    clock = row.nearest
    return days_text(clock.to_dict()) if clock else ""


def _left_look(row: CaseRow) -> tuple[str, str] | None:
    clock = row.nearest
    return STATE_LOOKS[clock.state] if clock else None


COLUMNS = (
    Column("案件编号", lambda r: r.number),
    Column("类型", lambda r: r.type_label),
    Column("承办单位", lambda r: r.handling),
    Column("当事人", lambda r: "；".join(f"{p.name}{'★' if p.key_enterprise else ''}" for p in r.parties),
           tooltip=lambda r: "\n".join(f"{p.role_label}：{p.name}" for p in r.parties)),
    Column("重要", lambda r: "★" if r.important else "", tooltip=lambda r: r.important_note if r.important else "",
           look=lambda r: ("#c0392b", None), align=Qt.AlignmentFlag.AlignCenter),
    Column("状态", lambda r: r.status_label),
    Column("收到日期", lambda r: r.received_on.isoformat()),
    Column("最近期限", lambda r: r.nearest.label if r.nearest else ""),
    Column("到期日", lambda r: r.nearest.due.isoformat() if r.nearest else ""),
    Column("剩余", _days_left, look=_left_look),
)  # fmt: skip
HEADERS = tuple(c.title for c in COLUMNS)
LEFT_COLUMN = HEADERS.index("剩余")


def load_job(generation: int, actor, case_type: str | None, closed: bool | None, overdue_only: bool):
    """Worker: the rows for the page's filters, tagged with the request they answer."""
    return generation, case_rows(actor, case_type=case_type, closed=closed, overdue_only=overdue_only)


def export_job(actor, path, case_type=None, overdue_only=False) -> int:
    """Worker: the case list (with the page's filters) to xlsx."""
    return case_print.export_cases(actor, path, case_type=case_type, overdue_only=overdue_only)


class CasesPage(QWidget):
    """`loaded(count)` each time a reload's rows are on screen."""

    loaded = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.city = is_city(session.user)
        self.dialog = self.detail = self.preview = self.task = self.load_task = None
        self._generation = 0  # the latest reload asked for; older answers are dropped
        self._shown = 0  # the reload whose rows are on screen
        self._pending_select: int | None = None
        heading = QLabel("纠纷案件")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._cases_tab(is_staff(session.user)), "案件")
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
        self.model = RowsModel(COLUMNS, parent=self)
        self.table = rows_view(self.model)
        self.empty = EmptyHint(self.table, "没有符合条件的案件。收到请求或线索时，点击“新建案件”登记。")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # At 1024 px the clocks (到期日, 剩余) come before the less read columns, and the parties and the type
        # take a set width (cut in the middle, whole in the tooltip) instead of pushing the clocks out of sight.
        for title, width in (("类型", 90), ("当事人", 250)):
            header.setSectionResizeMode(HEADERS.index(title), QHeaderView.ResizeMode.Interactive)
            header.resizeSection(HEADERS.index(title), width)
        header.setStretchLastSection(True)
        show_first(self.table, ("案件编号", "类型", "当事人", "重要", "状态", "到期日", "剩余", "最近期限"))
        declare_matters(self.table, ("案件编号", "状态", "到期日", "剩余"), names=("当事人",))
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
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
        return list_layout(QWidget(), filters, self.table, buttons)

    # --- listing -------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Ask for the rows in a worker; the table keeps the old rows until the new ones arrive."""
        self._generation += 1
        self.count_label.setText("正在加载…")
        state = self.state.currentData()
        closed = None if not state else state == CLOSED
        self.load_task = tasks.run_task(
            self, "正在加载案件…", load_job, self._generation, self.session.user,
            self.type.currentData() or None, closed, self.overdue.isChecked(),
            on_success=self._loaded, on_failure=self._load_failed, quiet=True,
        )  # fmt: skip
        self.reports.reload()

    def _loaded(self, result: tuple[int, list[CaseRow]]) -> None:
        generation, rows = result
        if generation != self._generation:
            return  # a later reload is under way
        keep = self._pending_select if self._pending_select is not None else self.selected_id()
        self._pending_select, self._shown = None, generation
        self.model.set_rows(rows)
        self.count_label.setText(f"共 {len(rows)} 件")
        if keep is not None:
            select_key(self.table, keep, scroll=False)
        self._update_buttons()
        self.loaded.emit(len(rows))

    @property
    def loading(self) -> bool:
        return self._shown != self._generation

    def _load_failed(self, error: Exception) -> None:
        self._shown = self._generation
        self.model.set_rows([])
        self.count_label.setText("共 0 件")
        self._update_buttons()
        show_error(self, error)
        self.loaded.emit(0)

    def _on_changed(self, changes: Changes) -> None:
        # The time-limit rules are a setting: clocks are recomputed when they change.
        if any((changes.cases, changes.calendar, changes.enterprises, changes.listing, changes.settings)):
            self.reload()

    def selected_id(self) -> int | None:
        return selected_row_id(self.table, ID_ROLE)

    def select(self, case_id: int) -> bool:
        """Select the case's row; a case not loaded yet (just filed) is selected when the rows arrive."""
        if select_key(self.table, case_id, scroll=False):
            return True
        self._pending_select = case_id
        return False

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
