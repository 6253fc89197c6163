"""本年度轮次: a round's recommendation deadline and quotas, changed after the round was opened (the settings
only seed new rounds). City administrators only, through the same service as `round set`, audited there."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from app.services.applications import forms
from app.services.core import dates
from app.services.core.errors import DomainError
from app.ui.date_field import DateField
from app.ui.session import Session
from app.ui.widgets import error_label, save_cancel_buttons, set_error, show_save_error


class RoundDialog(QDialog):
    def __init__(self, session: Session, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.year = session, year
        self.setWindowTitle(f"{year} 年度申报轮次")
        round_ = forms.round_for(year, create=False)  # read only: a round not yet opened shows its defaults
        in_year = dates.DateRule(date(year, 1, 1), latest=date(year, 12, 31), why=f"应在 {year} 年内")
        self.deadline = DateField(round_.deadline, in_year, label="推荐截止日")
        self.quota_min, self.quota_max = QSpinBox(), QSpinBox()
        for spin, value in ((self.quota_min, round_.quota_min), (self.quota_max, round_.quota_max)):
            spin.setRange(0, 100)
            spin.setSuffix(" 家")
            spin.setValue(value)
            spin.setMaximumWidth(120)
        self.errors = {"deadline": error_label(), "quota": error_label()}
        self.message = error_label()
        note = QLabel(
            "截止日和推荐名额约束各旗区本年度的推荐；修改后各旗区的工作台提醒随即更新，修改记入审计日志。"
            "新年度的默认值在“系统设置 › 轮次与名录”中设置。"
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555")
        form = QFormLayout()
        form.addRow("推荐截止日：", self.deadline)
        form.addRow("", self.errors["deadline"])
        form.addRow("每旗区推荐下限：", self.quota_min)
        form.addRow("每旗区推荐上限：", self.quota_max)
        form.addRow("", self.errors["quota"])
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(save_cancel_buttons(self.save, self.reject))
        self.setMinimumWidth(460)

    def save(self) -> None:
        for label in (*self.errors.values(), self.message):
            set_error(label, "")
        if not self.deadline.check():
            return
        if self.deadline.value() is None:
            set_error(self.errors["deadline"], "请填写推荐截止日")
            return
        try:
            self.session.perform(
                forms.set_round, self.session.user, self.year, deadline=self.deadline.value(),
                quota_min=self.quota_min.value(), quota_max=self.quota_max.value(),
            )  # fmt: skip
        except DomainError as exc:
            show_save_error(exc, self.errors, self.message)
            return
        self.accept()
