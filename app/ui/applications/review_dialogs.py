"""推荐… and 审核决定…: one opinion (with its date) written into the form's opinion box, checked by the service.

Each dialog opens window-modal without a nested event loop. OK calls the service; a refusal (quota reached,
deadline passed, wrong state) is shown in red inside the dialog, which stays open so the user can correct it.
On success the change is announced once through the session.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.models.applications import APPLICATION_SOURCES
from app.services.applications import actions
from app.services.applications import decisions as review
from app.services.applications import forms as applications
from app.services.core import dates
from app.services.core.errors import DomainError
from app.ui.dirty_guard import DirtyGuard
from app.ui.session import Session
from app.ui.widgets import confirm, date_edit, day_of, error_label, set_error

OPINION_LABELS = {"approve": "市局审核意见", "reject": "不予纳入的理由", "return": "需要修改的内容"}
OPINION_HINTS = {
    "approve": "例如：经审核，该企业符合纳入条件，同意纳入重点企业保护名录。",
    "reject": "请写明不予纳入的理由，例如：证明材料与申报数据不符。",
    "return": "请逐条写明需要企业修改或补充的内容，企业更正后重新提交。",
}
OK_STYLE = "color: #1e6b2e; font-weight: bold;"
WARN_STYLE = "color: #8a5300; font-weight: bold;"
BAD_STYLE = "color: #c0392b; font-weight: bold;"


def quota_text(application) -> tuple[str, str]:
    """(text, style) of the district's recommendations in the application's round against its quota."""
    if application.source == "direct":
        return "直接纳入的申报，不占旗区推荐名额，仍须市局审核决定。", OK_STYLE
    round_, district = application.round, application.enterprise.district
    count = review.recommended_count(round_, district.id)
    style = BAD_STYLE if count >= round_.quota_max else OK_STYLE if count >= round_.quota_min else WARN_STYLE
    return (
        f"{district.name} {round_.year} 年度已推荐 {count}/{round_.quota_max} 家"
        f"（每个旗区应推荐 {round_.quota_min}–{round_.quota_max} 家）",
        style,
    )


class OpinionDialog(DirtyGuard, QDialog):
    """Heading, a form of fields, the opinion box, an inline error and OK/Cancel; subclasses call the service."""

    def __init__(self, session: Session, application, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.application = application
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        heading = QLabel(
            f"<b>{application.enterprise.name}</b>　{application.enterprise.district.name}　"
            f"{application.round.year} 年度（第 {application.revision} 版，{applications.status_label(application)}，"
            f"{APPLICATION_SOURCES.get(application.source, application.source)}）"
        )
        heading.setWordWrap(True)
        self.form = QFormLayout()
        self.day = date_edit(rule=dates.ANY, label="日期")
        self.opinion = QPlainTextEdit()
        self.opinion.setMinimumHeight(110)
        self.opinion_label = QLabel()
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(heading)
        self.layout_.addLayout(self.form)

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.opinion_label)
        self.layout_.addWidget(self.opinion, 1)
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)
        self.guard(self.apply)

    def on(self) -> date:
        return day_of(self.day)

    def apply(self) -> bool:
        if not self.day.check():
            return False
        try:
            self.application = self.session.perform(self.perform)
        except DomainError as exc:
            set_error(self.error, str(exc))
            return False
        self.accept()
        return True

    def perform(self):  # pragma: no cover - every subclass overrides it
        raise NotImplementedError


def confirm_missing_evidence(parent: QWidget | None, lacking: list) -> bool:
    """Ask before approving forms whose criteria are still 待补充证明材料; True when there is nothing to ask or
    the reviewer confirms (`lacking`: (application, missing criterion labels) from the decisions service)."""
    if not lacking:
        return True
    lines = "\n".join(f"· {a.enterprise.name}：{'、'.join(missing)}" for a, missing in lacking)
    text = (
        f"以下申报表的申报条件仍为“待补充证明材料”（数据符合，但未上传证明材料）：\n{lines}\n\n"
        "请确认已核对纸质证明材料。仍要批准纳入名录吗？"
    )
    return confirm(parent, "批准前请核对证明材料", text)


class RecommendDialog(OpinionDialog):
    """The district bureau's recommendation; after the deadline only a city administrator, with a reason."""

    def __init__(self, session: Session, application, parent: QWidget | None = None):
        super().__init__(session, application, "旗区局推荐", parent)
        text, style = quota_text(application)
        self.quota = QLabel(text)
        self.quota.setStyleSheet(style)
        deadline = application.round.deadline
        self.form.addRow("推荐名额：", self.quota)
        self.form.addRow("推荐截止日：", QLabel(f"{deadline:%Y年%m月%d日}"))
        self.form.addRow("推荐日期：", self.day)
        self.late = QLabel()
        self.late.setWordWrap(True)
        self.override = QPlainTextEdit()
        self.override.setPlaceholderText(
            "截止日后补录推荐须写明原因，例如：旗区局因系统故障延误，经分管领导同意补录。"
        )
        self.override.setMaximumHeight(70)
        self.form.addRow(self.late)
        self.form.addRow("补录原因：", self.override)
        self.opinion_label.setText("旗区局推荐意见：")
        self.opinion.setPlaceholderText("例如：经审核，该企业符合申报条件，同意推荐。")
        self.finish_layout()
        self.day.changed.connect(self._deadline_state)
        self._deadline_state()

    def _deadline_state(self) -> None:
        day = self.day.peek()
        late = day is not None and day > self.application.round.deadline
        admin = actions.RECOMMEND_LATE in actions.allowed(self.session.user, self.application)
        self.late.setVisible(late)
        self.late.setStyleSheet(WARN_STYLE if admin else BAD_STYLE)
        self.late.setText(
            "推荐日期已过截止日：须由市局管理员填写补录原因。"
            if admin
            else "推荐日期已过截止日，旗区局不能再推荐；如需补录，请联系市局管理员。"
        )
        self.override.setVisible(late and admin)
        self.form.labelForField(self.override).setVisible(late and admin)
        self.ok_button.setEnabled(admin or not late)

    def perform(self):
        reason = self.override.toPlainText() if not self.override.isHidden() else None
        return review.recommend(
            self.session.user, self.application.id, self.opinion.toPlainText(), reason or None, on=self.on()
        )


class DecisionDialog(OpinionDialog):
    """The city's decision: approve (the enterprise is listed), reject with reasons, or return for correction."""

    def __init__(self, session: Session, application, parent: QWidget | None = None):
        super().__init__(session, application, "市局审核决定", parent)
        self.choices = QButtonGroup(self)
        row = QHBoxLayout()
        for decision, label in review.DECISION_LABELS.items():
            button = QRadioButton(label)
            button.setProperty("decision", decision)
            self.choices.addButton(button)
            row.addWidget(button)
        row.addStretch(1)  # no decision is ticked: the reviewer chooses one (批准 is not a default)
        self.choices.buttonToggled.connect(lambda *_: self._decision_changed())
        recommendation = [r for r in review.reviews_of(application) if r.kind == "recommendation"]
        self.recommendation = QLabel("（直接纳入，无旗区局推荐）")
        if recommendation:
            last = recommendation[-1]
            who = last.decided_by.display_name if last.decided_by else ""
            self.recommendation.setText(f"{last.opinion}（{last.decided_on:%Y-%m-%d} {who}）")
        self.recommendation.setWordWrap(True)
        self.form.addRow("旗区局推荐意见：", self.recommendation)
        self.form.addRow("审核决定：", row)
        self.form.addRow("决定日期：", self.day)
        self.finish_layout()
        self._decision_changed()

    def decision(self) -> str | None:
        checked = self.choices.checkedButton()
        return checked.property("decision") if checked is not None else None

    def set_decision(self, decision: str) -> None:
        for button in self.choices.buttons():
            button.setChecked(button.property("decision") == decision)

    def _decision_changed(self) -> None:
        decision = self.decision()
        if decision is None:
            self.opinion_label.setText("审核意见：")
            self.opinion.setPlaceholderText("请先在上方选择审核决定。")
            self.ok_button.setText("请选择审核决定")
            self.ok_button.setEnabled(False)
            return
        self.ok_button.setEnabled(True)
        self.opinion_label.setText(f"{OPINION_LABELS[decision]}：")
        self.opinion.setPlaceholderText(OPINION_HINTS[decision])
        self.ok_button.setText(review.DECISION_LABELS[decision])

    def apply(self) -> bool:
        decision = self.decision()
        if decision is None:
            set_error(self.error, "请选择审核决定")
            return False
        lacking = review.approvals_lacking_evidence([(self.application, decision)])
        if not confirm_missing_evidence(self, lacking):
            return False
        return super().apply()

    def perform(self):
        return review.decide(
            self.session.user, self.application.id, self.decision(), self.opinion.toPlainText(), on=self.on()
        )
