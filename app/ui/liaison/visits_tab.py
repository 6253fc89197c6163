"""走访记录: the visits chosen (by default the user's own work: visits they recorded and those of their district
and of the enterprises they liaise for; or those they liaise for, all, or one enterprise's), newest first.

新建走访… records a visit; 打印走访记录 and 打印空白走访记录表 open the print preview.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services.core.errors import DomainError
from app.services.core.permissions import is_staff
from app.services.liaison.visit_rows import VisitRow, visit_rows
from app.ui.district_names import district_column
from app.ui.enterprise_picker import EnterprisePicker
from app.ui.liaison.common import text_of
from app.ui.liaison.printing import preview_blank, preview_visit
from app.ui.liaison.visit_dialog import VisitDialog
from app.ui.session import Session
from app.ui.tables import Column, EmptyHint, RowsModel, declare_matters, fitted_rows_view, selected_key
from app.ui.widgets import show_error

COLUMNS = (
    Column("走访日期", lambda r: text_of(r.visited_on)),
    Column("企业名称", lambda r: r.enterprise),
    district_column("所属旗区", lambda r: r.district),
    Column("走访类型", lambda r: r.kind_label),
    Column("我方人员", lambda r: r.officers),
    Column("企业接待人员", lambda r: r.people_met),
    Column("跟进事项", lambda r: str(r.followups)),
    Column("走访内容", lambda r: r.topics.replace("\n", " ")),
)
HEADERS = tuple(c.title for c in COLUMNS)
WIDTHS = (95, 230, 110, 110, 140, 160, 70)
WORK, MINE, ALL = "work", "mine", "all"
WORK_LABEL = "（我记录的和本旗区的走访）"
ALL_LIMIT = 500  # “全部企业” lists the latest visits; older ones are found by choosing the enterprise


def visits_for(actor, scope) -> tuple[list[VisitRow], str]:
    """The visits to list and a note when the list is cut short."""
    if isinstance(scope, int):
        return visit_rows(actor, enterprise_id=scope), ""
    if scope == MINE:
        return visit_rows(actor, mine=True), ""
    found = visit_rows(actor, work=scope == WORK, limit=ALL_LIMIT + 1)
    note = f"仅列出最近 {ALL_LIMIT} 次走访；请选择具体企业查看更早的记录" if len(found) > ALL_LIMIT else ""
    return found[:ALL_LIMIT], note


class VisitsTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.dialog = None
        self.picker = EnterprisePicker(
            session, writable_only=False,
            extra=((WORK_LABEL, WORK), ("（我联络的企业）", MINE), ("（全部企业）", ALL)),
        )  # fmt: skip
        self.picker.changed.connect(self.load)
        self.note = QLabel()
        self.note.setStyleSheet("color: #8a5300;")
        top = QHBoxLayout()
        top.addWidget(QLabel("企业："))
        top.addWidget(self.picker, 1)
        self.model = RowsModel(COLUMNS, parent=self)
        self.table = fitted_rows_view(self.model, WIDTHS)
        self.empty = EmptyHint(self.table, "没有走访记录。点击“新建走访…”记录一次走访，或在上面选择其他企业。")
        declare_matters(self.table, ("走访日期", "所属旗区", "走访类型"), names=("企业名称",))
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.new_button = QPushButton("新建走访…")
        self.open_button = QPushButton("打开")
        self.print_button = QPushButton("打印走访记录")
        self.blank_button = QPushButton("打印空白走访记录表")
        self.new_button.clicked.connect(lambda: self.new_visit())
        self.open_button.clicked.connect(lambda: self.open_selected())
        self.print_button.clicked.connect(lambda: self.print_selected())
        self.blank_button.clicked.connect(lambda: self.print_blank())
        self.new_button.setEnabled(is_staff(session.user))
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        for button in (self.new_button, self.open_button, self.print_button, self.blank_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.load()

    def load(self) -> None:
        try:
            found, note = visits_for(self.session.user, self.picker.current_data())
        except DomainError as exc:
            show_error(self, exc)
            found, note = [], ""
        self.model.set_rows(found)
        self.note.setText(note or f"共 {len(found)} 次走访")
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = selected_key(self.table) is not None
        self.open_button.setEnabled(chosen)
        self.print_button.setEnabled(chosen)

    def new_visit(self, enterprise_id: int | None = None) -> VisitDialog:
        enterprise_id = enterprise_id or self.picker.current_id()
        self.dialog = VisitDialog(self.session, enterprise_id, parent=self)
        self.dialog.open()
        return self.dialog

    def open_selected(self) -> VisitDialog | None:
        visit_id = selected_key(self.table)
        if visit_id is None:
            return None
        self.dialog = VisitDialog(self.session, visit_id=visit_id, parent=self)
        self.dialog.open()
        return self.dialog

    def print_selected(self):
        visit_id = selected_key(self.table)
        return preview_visit(self, self.session, visit_id) if visit_id is not None else None

    def print_blank(self):
        return preview_blank(self, self.session)
