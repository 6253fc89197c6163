"""需要关注: listed enterprises without a liaison, or not visited within the interval set in 系统设置."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services.core import settings
from app.services.core.permissions import Role, role_of
from app.services.liaison import assignments as liaison
from app.ui.liaison.assign_dialog import AssignDialog
from app.ui.liaison.visit_dialog import VisitDialog
from app.ui.session import Session
from app.ui.tables import fill_table, fit_columns, make_table, selected_key

HEADERS = ("企业名称", "所属旗区", "最近走访", "需要关注的原因")


class AttentionTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.dialog = None
        self.rows: list[dict] = []
        days = settings.get("liaison.visit_interval_days")
        intro = QLabel(f"名录内企业中，未指定联络人或超过 {days} 天未走访的企业。")
        intro.setStyleSheet("color: #555;")
        self.table = make_table(HEADERS)
        fit_columns(self.table, (260, 130, 100))
        self.table.itemSelectionChanged.connect(self._update_buttons)
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
        self.rows = liaison.needing_attention(self.session.user)
        fill_table(self.table, [(r["name"], r["district"], r["last_visit"] or "从未走访", "；".join(r["reasons"]))
                                for r in self.rows], [r["enterprise_id"] for r in self.rows])  # fmt: skip
        self.count_label.setText(f"共 {len(self.rows)} 家企业需要关注")
        self._update_buttons()

    def _update_buttons(self) -> None:
        writes = selected_key(self.table) is not None and role_of(self.session.user) is not Role.VIEWER
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
