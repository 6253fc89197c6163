"""需要关注: listed enterprises without a liaison, or not visited within the interval set in 系统设置."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services.core import settings
from app.services.core.permissions import is_staff
from app.services.liaison import assignments as liaison
from app.ui.district_names import district_column
from app.ui.liaison.assign_dialog import AssignDialog
from app.ui.liaison.common import text_of
from app.ui.liaison.visit_dialog import VisitDialog
from app.ui.session import Session
from app.ui.tables import Column, RowsModel, declare_matters, fitted_rows_view, selected_key

COLUMNS = (
    Column("企业名称", lambda r: r.name),
    district_column("所属旗区", lambda r: r.district),
    Column("最近走访", lambda r: text_of(r.last_visit) or "从未走访"),
    Column("需要关注的原因", lambda r: "；".join(r.reasons)),
)
HEADERS = tuple(c.title for c in COLUMNS)


class AttentionTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.dialog = None
        self.rows: list[liaison.AttentionRow] = []
        days = settings.get("liaison.visit_interval_days")
        intro = QLabel(f"名录内企业中，未指定联络人或超过 {days} 天未走访的企业。")
        intro.setStyleSheet("color: #555;")
        self.model = RowsModel(COLUMNS, key=lambda r: r.enterprise_id, parent=self)
        self.table = fitted_rows_view(self.model, (260, 130, 100))
        declare_matters(self.table, ("所属旗区", "最近走访", "需要关注的原因"), names=("企业名称",))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.count_label = QLabel()
        self.assign_button = QPushButton("指定联络人…")
        self.visit_button = QPushButton("新建走访…")
        self.assign_button.clicked.connect(lambda: self.assign())
        self.visit_button.clicked.connect(lambda: self.new_visit())
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.assign_button)
        buttons.addWidget(self.visit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.load()

    def load(self) -> None:
        self.rows = liaison.attention_rows(self.session.user)
        self.model.set_rows(self.rows)
        self.count_label.setText(f"共 {len(self.rows)} 家企业需要关注")
        self._update_buttons()

    def _update_buttons(self) -> None:
        writes = selected_key(self.table) is not None and is_staff(self.session.user)
        self.assign_button.setEnabled(writes)
        self.visit_button.setEnabled(writes)

    def assign(self) -> AssignDialog | None:
        ent_id = selected_key(self.table)
        if ent_id is None:
            return None
        self.dialog = AssignDialog(self.session, ent_id, self)
        self.dialog.open()
        return self.dialog

    def new_visit(self) -> VisitDialog | None:
        ent_id = selected_key(self.table)
        if ent_id is None:
            return None
        self.dialog = VisitDialog(self.session, ent_id, parent=self)
        self.dialog.open()
        return self.dialog
