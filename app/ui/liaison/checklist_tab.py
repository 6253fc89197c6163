"""跟进清单: open follow-up items by due date, filtered by district, owner and overdue; overdue rows in red.

更新状态… moves an item along (办结 needs the result), 打开走访记录 shows the visit it came from, and the
list exports to Excel as shown.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from app.services.core import reference
from app.services.core.errors import DomainError
from app.services.core.permissions import visible_district_ids
from app.services.liaison import visits
from app.services.liaison.assignments import visible_staff
from app.services.liaison.visit_rows import FollowUpRow, followup_rows
from app.ui.district_names import district_column, fill_district_combo
from app.ui.excel.table_export import export_view
from app.ui.liaison.common import OVERDUE_LOOK, text_of
from app.ui.liaison.status_dialog import StatusDialog
from app.ui.liaison.visit_dialog import VisitDialog
from app.ui.session import Session
from app.ui.tables import (
    Column,
    EmptyHint,
    RowsModel,
    declare_matters,
    fitted_rows_view,
    list_layout,
    selected_key,
)
from app.ui.widgets import show_error


def _status(row: FollowUpRow) -> str:
    return row.status_label + (f"（逾期 {row.days_overdue} 天）" if row.overdue else "")


def _look(row: FollowUpRow) -> tuple[str, str] | None:
    return OVERDUE_LOOK if row.overdue else None


COLUMNS = tuple(
    district_column(title, text, look=_look) if title == "所属旗区" else Column(title, text, look=_look)
    for title, text in (
        ("完成期限", lambda r: text_of(r.due_on) or "未定"),
        ("企业名称", lambda r: r.enterprise),
        ("所属旗区", lambda r: r.district),
        ("跟进事项", lambda r: r.description),
        ("责任人", lambda r: r.owner or "未指定"),
        ("状态", _status),
        ("来源走访", lambda r: text_of(r.visited_on) if r.visit_id else "（单独登记）"),
        ("办理结果", lambda r: r.resolution),
    )
)
HEADERS = tuple(c.title for c in COLUMNS)
WIDTHS = (90, 215, 90, 150, 130, 115, 95)  # 状态 still in sight at 1024 px


class ChecklistTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.items: dict[int, FollowUpRow] = {}
        self.dialog = None
        allowed = visible_district_ids(session.user)
        districts = [d for d in reference.districts() if allowed is None or d.id in allowed]
        self.district = QComboBox()
        fill_district_combo(self.district, districts, "全部旗区")
        self.owner = QComboBox()
        self.owner.addItem("全部责任人", None)
        for user in visible_staff(session.user):
            self.owner.addItem(user.display_name, user)
        self.overdue_only = QCheckBox("只看逾期")
        self.include_closed = QCheckBox("含已办结")
        for combo in (self.district, self.owner):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            combo.currentIndexChanged.connect(lambda _i: self.load())
        for box in (self.overdue_only, self.include_closed):
            box.toggled.connect(lambda _on: self.load())
        self.count_label = QLabel()
        self.overdue_label = QLabel()
        filters = QHBoxLayout()
        for widget in (QLabel("旗区："), self.district, QLabel("责任人："), self.owner):
            filters.addWidget(widget)
        filters.addWidget(self.overdue_only)
        filters.addWidget(self.include_closed)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        filters.addWidget(self.overdue_label)
        self.model = RowsModel(COLUMNS, parent=self)
        self.table = fitted_rows_view(self.model, WIDTHS)
        self.empty = EmptyHint(self.table, "没有跟进事项。走访时登记的跟进事项会列在这里。")
        declare_matters(self.table, ("完成期限", "责任人", "状态"), names=("企业名称", "跟进事项"))
        self.table.doubleClicked.connect(lambda _i: self.update_status())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.status_button = QPushButton("更新状态…")
        self.visit_button = QPushButton("打开走访记录")
        self.export_button = QPushButton("导出…")
        self.status_button.clicked.connect(lambda: self.update_status())
        self.visit_button.clicked.connect(lambda: self.open_visit())
        self.export_button.clicked.connect(lambda: self.export())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.status_button, self.visit_button, self.export_button):
            buttons.addWidget(button)
        list_layout(self, filters, self.table, buttons)
        self.load()

    def load(self) -> None:
        found = followup_rows(
            self.session.user,
            open_only=not self.include_closed.isChecked(),
            overdue_only=self.overdue_only.isChecked(),
            district_code=self.district.currentData() or None,
            owner=self.owner.currentData(),
            today=date.today(),
        )
        self.items = {f.id: f for f in found}
        self.model.set_rows(found)
        self.overdue_count = sum(1 for f in found if f.overdue)
        self.count_label.setText(f"共 {len(found)} 项")
        self.overdue_label.setText(f"逾期 {self.overdue_count} 项")
        colour = OVERDUE_LOOK[0] if self.overdue_count else "#555"
        self.overdue_label.setStyleSheet(f"color: {colour}; font-weight: bold; margin-left: 8px;")
        self._update_buttons()

    def selected(self):
        return self.items.get(selected_key(self.table))

    def _update_buttons(self) -> None:
        item = self.selected()
        self.status_button.setEnabled(item is not None and item.may_update)
        self.visit_button.setEnabled(item is not None and item.visit_id is not None)
        self.export_button.setEnabled(self.model.rowCount() > 0)

    def update_status(self) -> StatusDialog | None:
        item = self.selected()
        if item is None or not self.status_button.isEnabled():
            return None
        try:
            followup = visits.get_followup(self.session.user, item.id)
        except DomainError as exc:
            show_error(self, exc)
            return None
        self.dialog = StatusDialog(self.session, followup, self)
        self.dialog.open()  # window-modal; the page reloads on the session's change signal
        return self.dialog

    def open_visit(self) -> VisitDialog | None:
        item = self.selected()
        if item is None or item.visit_id is None:
            return None
        self.dialog = VisitDialog(self.session, visit_id=item.visit_id, parent=self)
        self.dialog.open()
        return self.dialog

    def export(self, path=None):
        return export_view(self, self.table, "跟进清单", path)
