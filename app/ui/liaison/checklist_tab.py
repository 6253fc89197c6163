"""跟进清单: open follow-up items by due date, filtered by district, owner and overdue; overdue rows in red.

更新状态… moves an item along (办结 needs the result), 打开走访记录 shows the visit it came from, and the
list exports to Excel as shown.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.models.liaison import FOLLOWUP_STATUSES
from app.services.core import reference
from app.services.core.permissions import visible_district_ids
from app.services.liaison import visits
from app.services.liaison.assignments import visible_staff
from app.ui.excel.table_export import export_view
from app.ui.liaison.common import OVERDUE_LOOK, person, text_of
from app.ui.liaison.status_dialog import StatusDialog
from app.ui.liaison.visit_dialog import VisitDialog
from app.ui.session import Session
from app.ui.tables import fill_table, fit_columns, make_table, selected_key
from app.ui.widgets import fill_combo

HEADERS = ("完成期限", "企业名称", "所属旗区", "跟进事项", "责任人", "状态", "来源走访", "办理结果")
WIDTHS = (95, 230, 100, 240, 150, 130, 95)


class ChecklistTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.items: dict[int, object] = {}
        self.dialog = None
        allowed = visible_district_ids(session.user)
        districts = [d for d in reference.districts() if allowed is None or d.id in allowed]
        self.district = QComboBox()
        fill_combo(self.district, {d.code: d.name for d in districts}, "全部旗区")
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
        self.table = make_table(HEADERS)
        fit_columns(self.table, WIDTHS)
        self.table.doubleClicked.connect(lambda _i: self.update_status())
        self.table.itemSelectionChanged.connect(self._update_buttons)
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
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.load()

    def load(self) -> None:
        today = date.today()
        found = visits.checklist(
            self.session.user,
            open_only=not self.include_closed.isChecked(),
            overdue_only=self.overdue_only.isChecked(),
            district_code=self.district.currentData() or None,
            owner=self.owner.currentData(),
            today=today,
        )
        self.items = {f.id: f for f in found}
        rows, looks = [], []
        for f in found:
            late = visits.is_overdue(f, today)
            status = FOLLOWUP_STATUSES[f.status] + (f"（逾期 {(today - f.due_on).days} 天）" if late else "")
            visited = text_of(f.visit.visited_on) if f.visit_id else "（单独登记）"
            rows.append((text_of(f.due_on) or "未定", f.enterprise.name, f.enterprise.district.name, f.description,
                         person(f.owner) or "未指定", status, visited, f.resolution))  # fmt: skip
            looks.append(OVERDUE_LOOK if late else None)
        fill_table(self.table, rows, [f.id for f in found], looks)
        self.overdue_count = sum(1 for look in looks if look)
        self.count_label.setText(f"共 {len(found)} 项")
        self.overdue_label.setText(f"逾期 {self.overdue_count} 项")
        colour = OVERDUE_LOOK[0] if self.overdue_count else "#555"
        self.overdue_label.setStyleSheet(f"color: {colour}; font-weight: bold; margin-left: 8px;")
        self._update_buttons()

    def selected(self):
        return self.items.get(selected_key(self.table))

    def _update_buttons(self) -> None:
        item = self.selected()
        self.status_button.setEnabled(
            item is not None and bool(visits.followup_statuses(self.session.user, item))
        )
        self.visit_button.setEnabled(item is not None and item.visit_id is not None)
        self.export_button.setEnabled(self.table.rowCount() > 0)

    def update_status(self) -> StatusDialog | None:
        item = self.selected()
        if item is None or not self.status_button.isEnabled():
            return None
        self.dialog = StatusDialog(self.session, item, self)
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
