"""The review buttons (推荐… 开始审核 审核决定… 批量决定…) for the applications selected, and their opinions.

ReviewBar is shared by the round page (several rows) and the editor's 审核意见 tab (one application). A button
shows and enables exactly what the service's actions.allowed() answers; the service still decides.
OpinionsTable lists every opinion written on an application: recommendation, decision, with dates and names.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.applications import APPLICATION_STATUSES
from app.models.listing import REVIEW_KINDS
from app.services.applications import actions
from app.services.applications import decisions as review
from app.services.core.errors import DomainError
from app.ui.applications.batch_dialog import BatchDecisionDialog
from app.ui.applications.review_dialogs import DecisionDialog, RecommendDialog
from app.ui.session import Session
from app.ui.tables import declare_matters
from app.ui.widgets import show_error

OPINION_HEADERS = ("日期", "环节", "结论", "意见", "办理人")


class ReviewBar(QWidget):
    acted = Signal()  # a review step was taken (already announced through the session)

    def __init__(self, session: Session, batch: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        may = actions.role_actions(session.user)
        self.selected: list = []
        self.dialog = None
        self.recommend_button = QPushButton("推荐…")
        self.start_button = QPushButton("开始审核")
        self.decide_button = QPushButton("审核决定…")
        self.batch_button = QPushButton("批量决定…")
        self.recommend_button.clicked.connect(lambda: self.recommend())
        self.start_button.clicked.connect(lambda: self.start_review())
        self.decide_button.clicked.connect(lambda: self.decide())
        self.batch_button.clicked.connect(lambda: self.decide_batch())
        self.recommend_button.setVisible(actions.RECOMMEND in may)
        self.start_button.setVisible(actions.START_REVIEW in may)
        self.decide_button.setVisible(actions.DECIDE in may)
        self.batch_button.setVisible(actions.DECIDE in may and batch)
        self.batch_button.setToolTip("按住 Ctrl 或 Shift 选择多份申报表，一并批准、不予纳入或退回")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.recommend_button, self.start_button, self.decide_button, self.batch_button):
            row.addWidget(button)
        self.set_applications([])

    def set_applications(self, selected: list) -> None:
        self.selected = list(selected)
        may = [actions.allowed(self.session.user, a) for a in self.selected]
        one = may[0] if len(may) == 1 else frozenset()
        self.recommend_button.setEnabled(actions.RECOMMEND in one)
        self.start_button.setEnabled(any(actions.START_REVIEW in m for m in may))
        self.decide_button.setEnabled(actions.DECIDE in one)
        self.batch_button.setEnabled(len(self.selected) > 1)

    def _open(self, dialog) -> object:
        self.dialog = dialog
        dialog.accepted.connect(self.acted.emit)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def recommend(self) -> RecommendDialog | None:
        if len(self.selected) == 1:
            return self._open(RecommendDialog(self.session, self.selected[0], self.window()))
        return None

    def decide(self) -> DecisionDialog | None:
        if len(self.selected) == 1:
            return self._open(DecisionDialog(self.session, self.selected[0], self.window()))
        return None

    def decide_batch(self) -> BatchDecisionDialog | None:
        if self.selected:
            return self._open(BatchDecisionDialog(self.session, self.selected, self.window()))
        return None

    def start_review(self) -> int:
        """Every selected application that may start review goes under review; announced once, also when one failed."""
        user = self.session.user
        chosen = [a.id for a in self.selected if actions.START_REVIEW in actions.allowed(user, a)]
        started, error = self.session.perform(start_reviews, user, chosen)
        if error is not None:
            show_error(self, error, "无法开始审核")
        if started:
            self.acted.emit()
        return started


def start_reviews(actor, application_ids: list[int]) -> tuple[int, DomainError | None]:
    """Start the reviews one by one (each its own transaction) until one is refused: (started, refusal)."""
    for started, application_id in enumerate(application_ids):
        try:
            review.start_review(actor, application_id)
        except DomainError as exc:
            return started, exc
    return len(application_ids), None


class OpinionsTable(QWidget):
    """审核意见: the opinions of one application, oldest first."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel("审核意见")
        self.title.setStyleSheet("font-weight: bold;")
        self.table = QTableWidget(0, len(OPINION_HEADERS))
        self.table.setHorizontalHeaderLabels(list(OPINION_HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        declare_matters(self.table, ("日期", "环节", "结论", "办理人"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)

    def show_application(self, application) -> None:
        if application is None:
            self.title.setText("审核意见（选择一份申报表查看）")
            self.table.setRowCount(0)
            return
        rows = review.reviews_of(application)
        self.title.setText(
            f"审核意见 — {application.enterprise.name}（{APPLICATION_STATUSES.get(application.status, '')}，"
            f"共 {len(rows)} 条）"
        )
        self.table.setRowCount(len(rows))
        for r, item in enumerate(rows):
            opinion = item.opinion + (f"\n补录原因：{item.override_reason}" if item.override_reason else "")
            outcome = APPLICATION_STATUSES.get(item.outcome, item.outcome)
            values = (f"{item.decided_on:%Y-%m-%d}", REVIEW_KINDS.get(item.kind, item.kind), outcome, opinion,
                      item.decided_by.display_name if item.decided_by else "")  # fmt: skip
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeRowsToContents()


class ReviewTab(QWidget):
    """The editor's 审核意见 tab: the opinions, the next step, and the review step this user may take on it."""

    acted = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.opinions = OpinionsTable()
        self.next_step = QLabel()
        self.next_step.setWordWrap(True)
        self.bar = ReviewBar(session, batch=False)
        self.bar.acted.connect(self.acted.emit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.opinions, 1)
        row = QHBoxLayout()
        row.addWidget(self.next_step, 1)
        row.addWidget(self.bar)
        layout.addLayout(row)

    def show_application(self, application) -> None:
        self.opinions.show_application(application)
        self.next_step.setText(f"下一步：{actions.next_step(self.session.user, application)}")
        self.bar.set_applications([application])
