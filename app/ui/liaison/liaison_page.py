"""联络走访: the follow-up checklist, the visits, and the listed enterprises needing attention, as tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.services.core.changes import Changes
from app.ui.liaison.attention_tab import AttentionTab
from app.ui.liaison.checklist_tab import ChecklistTab
from app.ui.liaison.visits_tab import VisitsTab
from app.ui.session import Session


class LiaisonPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        heading = QLabel("联络走访")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.checklist = ChecklistTab(session)
        self.visits = VisitsTab(session)
        self.attention = AttentionTab(session)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.checklist, "跟进清单")
        self.tabs.addTab(self.visits, "走访记录")
        self.tabs.addTab(self.attention, "需要关注")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)
        session.changed.connect(self._on_changed)
        self._update_titles()

    def _on_changed(self, changes: Changes) -> None:
        # 需要关注 lists the enterprises on the list: a re-examination or a new entry changes it.
        # The visit interval is a setting.
        shown = (changes.visits, changes.followups, changes.assignments, changes.enterprises, changes.listing,
                 changes.settings)  # fmt: skip
        if any(shown):
            for tab in (self.checklist, self.visits, self.attention):
                tab.load()
            self._update_titles()

    def _update_titles(self) -> None:
        overdue = self.checklist.overdue_count
        self.tabs.setTabText(0, f"跟进清单（逾期 {overdue}）" if overdue else "跟进清单")
        self.tabs.setTabText(2, f"需要关注（{len(self.attention.rows)}）")
