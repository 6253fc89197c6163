"""联络与走访 in the enterprise form: the current liaison and who held it before, the visits, the events attended."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.models.liaison import EVENT_KINDS, VISIT_KINDS
from app.services.core.changes import Changes
from app.services.enterprises import register as enterprises
from app.services.liaison import assignments as liaison
from app.services.liaison import events as outreach
from app.services.liaison import visits
from app.ui.liaison.assign_dialog import AssignDialog
from app.ui.liaison.common import person, text_of
from app.ui.liaison.visit_dialog import VisitDialog
from app.ui.session import Session
from app.ui.tables import fill_table, fit_columns, make_table, selected_key


def _box(title: str, *rows) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    for row in rows:
        (layout.addLayout if isinstance(row, QHBoxLayout) else layout.addWidget)(row)
    return box


class LiaisonTab(QWidget):
    """Has the record tabs' interface: `bind(enterprise_id, editable)` then `load()`."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.enterprise_id: int | None = None
        self.editable = False
        self.dialog = None
        self.current = QLabel()
        self.current.setStyleSheet("font-weight: bold;")
        self.assign_button = QPushButton("指定联络人…")
        self.assign_button.clicked.connect(lambda: self.assign())
        top = QHBoxLayout()
        top.addWidget(QLabel("现任联络人："))
        top.addWidget(self.current, 1)
        top.addWidget(self.assign_button)
        self.history = make_table(("联络人", "起始日期", "结束日期", "说明"))
        fit_columns(self.history, (160, 100, 100))
        self.visits = make_table(("走访日期", "走访类型", "我方人员", "企业接待人员", "跟进事项", "走访内容"))
        fit_columns(self.visits, (95, 110, 130, 140, 70))
        self.visits.doubleClicked.connect(lambda _i: self.open_visit())
        self.new_visit_button = QPushButton("新建走访…")
        self.open_visit_button = QPushButton("打开走访记录")
        self.new_visit_button.clicked.connect(lambda: self.new_visit())
        self.open_visit_button.clicked.connect(lambda: self.open_visit())
        visit_buttons = QHBoxLayout()
        visit_buttons.addStretch(1)
        visit_buttons.addWidget(self.new_visit_button)
        visit_buttons.addWidget(self.open_visit_button)
        self.events = make_table(("日期", "活动类型", "主题", "地点"))
        fit_columns(self.events, (95, 170, 260))
        layout = QVBoxLayout(self)
        layout.addWidget(_box("专人联络", top, self.history), 2)
        layout.addWidget(_box("走访记录", self.visits, visit_buttons), 3)
        layout.addWidget(_box("参加的活动培训", self.events), 2)
        session.changed.connect(self._on_changed)

    def bind(self, enterprise_id: int, editable: bool) -> None:
        self.enterprise_id, self.editable = enterprise_id, editable
        self.assign_button.setEnabled(editable)
        self.new_visit_button.setEnabled(editable)
        self.load()

    def _on_changed(self, changes: Changes) -> None:
        shown = (changes.assignments, changes.visits, changes.followups, changes.events)
        if self.enterprise_id is not None and any(shown):
            self.load()

    def load(self) -> None:
        user = self.session.user
        enterprise = enterprises.get(user, self.enterprise_id)
        now = liaison.current_liaison(enterprise)
        self.current.setText(f"{person(now.officer)}（自 {now.start_on} 起）" if now else "未指定")
        terms = liaison.history(user, self.enterprise_id)
        fill_table(self.history, [(person(t.officer), text_of(t.start_on), text_of(t.end_on) or "至今", t.note)
                                  for t in terms])  # fmt: skip
        found = visits.visits_of(user, self.enterprise_id)
        fill_table(self.visits, [(text_of(v.visited_on), VISIT_KINDS.get(v.kind, v.kind), v.officers, v.people_met,
                                  v.followups.count(), v.topics.replace("\n", " ")) for v in found],
                   [v.id for v in found])  # fmt: skip
        events = outreach.attended_by(user, self.enterprise_id)
        fill_table(self.events, [(text_of(e.held_on), EVENT_KINDS.get(e.kind, e.kind), e.topic, e.place)
                                 for e in events])  # fmt: skip

    def assign(self) -> AssignDialog | None:
        if self.enterprise_id is None or not self.editable:
            return None
        self.dialog = AssignDialog(self.session, self.enterprise_id, self)
        self.dialog.open()
        return self.dialog

    def new_visit(self) -> VisitDialog | None:
        if self.enterprise_id is None or not self.editable:
            return None
        self.dialog = VisitDialog(self.session, self.enterprise_id, parent=self)
        self.dialog.open()
        return self.dialog

    def open_visit(self) -> VisitDialog | None:
        visit_id = selected_key(self.visits)
        if visit_id is None:
            return None
        self.dialog = VisitDialog(self.session, visit_id=visit_id, parent=self)
        self.dialog.open()
        return self.dialog
