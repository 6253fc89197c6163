"""专家智库: the experts by field (添加/编辑 for the city administrator), and the consultations recorded."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.models.liaison import EXPERT_FIELDS
from app.services.core.changes import Changes
from app.services.core.permissions import is_city, is_city_admin
from app.services.liaison import experts
from app.ui.liaison.common import text_of
from app.ui.liaison.consultation_dialog import ConsultationDialog
from app.ui.liaison.expert_dialog import ExpertDialog
from app.ui.session import Session
from app.ui.tables import EmptyHint, declare_matters, fill_table, fit_columns, make_table, selected_key
from app.ui.widgets import fill_combo

HEADERS = ("姓名", "专业领域", "工作单位", "职称/职务", "电话", "电子邮箱", "状态", "利益冲突")
WIDTHS = (90, 110, 180, 110, 115, 160, 60)  # 状态 still in sight at 1024 px


class ExpertsPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.experts: dict[int, object] = {}
        self.dialog = None
        heading = QLabel("专家智库")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.field = QComboBox()
        fill_combo(self.field, EXPERT_FIELDS, "全部领域")
        self.field.currentIndexChanged.connect(lambda _i: self.load())
        self.inactive = QCheckBox("含已停用")
        self.inactive.toggled.connect(lambda _on: self.load())
        self.add_button = QPushButton("添加专家…")
        self.edit_button = QPushButton("编辑…")
        self.consult_button = QPushButton("记录咨询…")
        self.add_button.clicked.connect(lambda: self.add_expert())
        self.edit_button.clicked.connect(lambda: self.edit_expert())
        self.consult_button.clicked.connect(lambda: self.record_consultation())
        self.is_admin = is_city_admin(session.user)
        self.add_button.setEnabled(self.is_admin)
        self.consult_button.setEnabled(is_city(session.user))
        for button, why in (
            (self.add_button, "专家库由市局管理员维护"),
            (self.consult_button, "由市局人员记录"),
        ):
            button.setToolTip("" if button.isEnabled() else why)
        top = QHBoxLayout()
        for widget in (QLabel("专业领域："), self.field, self.inactive):
            top.addWidget(widget)
        top.addStretch(1)
        for button in (self.add_button, self.edit_button, self.consult_button):
            top.addWidget(button)
        self.table = make_table(HEADERS)
        self.empty = EmptyHint(self.table, "没有专家。市局管理员可点击“添加专家…”建立专家智库。")
        fit_columns(self.table, WIDTHS)
        declare_matters(self.table, ("姓名", "专业领域", "状态"))
        self.table.itemSelectionChanged.connect(self._show_consultations)
        self.table.doubleClicked.connect(lambda _i: self.edit_expert())
        self.consultations = make_table(("咨询日期", "专家", "企业", "咨询事项", "专家意见"))
        fit_columns(self.consultations, (95, 90, 220, 260))
        declare_matters(self.consultations, ("咨询日期", "专家"), names=("企业",))
        self.consult_title = QLabel()
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.consult_title)
        lower_layout.addWidget(self.consultations, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setSizes([380, 240])
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        session.changed.connect(self._on_changed)
        self.load()

    def _on_changed(self, changes: Changes) -> None:
        if changes.experts or changes.consultations:
            self.load()

    def load(self) -> None:
        found = experts.experts(
            self.session.user, self.field.currentData() or None, not self.inactive.isChecked()
        )
        self.experts = {e.id: e for e in found}
        rows = [(e.name, EXPERT_FIELDS.get(e.field, e.field), e.organisation, e.title, e.phone, e.email,
                 "在库" if e.active else "已停用", e.conflicts.replace("\n", "、")) for e in found]  # fmt: skip
        fill_table(self.table, rows, [e.id for e in found])
        self._show_consultations()

    def selected(self):
        return self.experts.get(selected_key(self.table))

    def _show_consultations(self) -> None:
        expert = self.selected()
        self.edit_button.setEnabled(self.is_admin and expert is not None)
        found = experts.consultations(self.session.user, expert.id if expert else None)
        self.consult_title.setText(f"{expert.name}的咨询记录" if expert else "全部咨询记录")
        fill_table(self.consultations, [(text_of(c.consulted_on), c.expert.name, c.enterprise.name if c.enterprise_id
                                         else "", c.question, c.advice) for c in found])  # fmt: skip

    def add_expert(self) -> ExpertDialog:
        self.dialog = ExpertDialog(self.session, None, self)
        self.dialog.open()
        return self.dialog

    def edit_expert(self) -> ExpertDialog | None:
        expert = self.selected()
        if expert is None or not self.is_admin:
            return None
        self.dialog = ExpertDialog(self.session, expert, self)
        self.dialog.open()
        return self.dialog

    def record_consultation(self) -> ConsultationDialog:
        self.dialog = ConsultationDialog(self.session, self.selected(), self)
        self.dialog.open()
        return self.dialog
