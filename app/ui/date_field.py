"""The one date field: what is typed stays as typed. A date that does not exist or lies outside the field's rule
is never replaced; the field shows why in red and `value()` refuses it. The calendar button opens at the field's
date, or at today (kept inside the rule's range)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from app.services.core import dates
from app.services.core.errors import ValidationError

ERROR_STYLE = "color: #c0392b;"
INVALID_STYLE = "QLineEdit { border: 1px solid #c0392b; }"


class DateField(QWidget):
    """A line edit for yyyy-mm-dd with a calendar button and a red message below; empty means "not given"."""

    changed = Signal()

    def __init__(
        self,
        value: date | None = None,
        rule: dates.DateRule = dates.ANY,
        *,
        label: str = "日期",
        optional: bool = False,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.rule, self.label, self.optional = rule, label, optional
        self.edit = QLineEdit(placeholderText="未填（如 2026-03-01）" if optional else "如 2026-03-01")
        digits = self.edit.fontMetrics().horizontalAdvance("0000-00-00")
        self.edit.setMinimumWidth(digits + 16)  # the date and the frame: no wider, so rows of fields still fit
        self.edit.setMaximumWidth(digits + 60)
        self.button = QToolButton(text="▾", toolTip="从日历中选择")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.menu = QMenu(self)
        action = QWidgetAction(self.menu)
        action.setDefaultWidget(self.calendar)
        self.menu.addAction(action)
        self.menu.aboutToShow.connect(self._prepare_calendar)
        self.button.setMenu(self.menu)
        self.calendar.clicked.connect(self._picked)
        self.error = QLabel(wordWrap=True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.edit)
        row.addWidget(self.button)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.error)
        self.edit.editingFinished.connect(self.check)
        self.edit.textEdited.connect(lambda _text: self._clear_error())
        self.edit.textChanged.connect(lambda _text: self.changed.emit())
        self.set_date(value)

    # --- reading and writing ---------------------------------------------------------------------------

    def text(self) -> str:
        return self.edit.text()

    def set_date(self, value: date | QDate | None) -> None:
        if isinstance(value, QDate):
            value = value.toPython()
        self.edit.setText(value.isoformat() if value else "")
        self._clear_error()

    def problem(self) -> str:
        """'' when the text is empty (and allowed to be) or a date the rule accepts, else the message."""
        text = self.edit.text().strip()
        if not text:
            return "" if self.optional else f"请填写{self.label}"
        try:
            self.rule.parse(text)
        except ValueError as exc:
            return f"{self.label}：{exc}"
        return ""

    def check(self) -> bool:
        """Show the message (if any) under the field; True when the field holds an acceptable value."""
        message = self.problem()
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.edit.setStyleSheet(INVALID_STYLE if message else "")
        self.edit.setToolTip(message)
        return not message

    def value(self) -> date | None:
        """The date typed, None when empty; ValidationError (and the message shown) when it cannot be used."""
        if not self.check():
            raise ValidationError({"date": self.error.text()}, {"date": ""}, prefix="日期有误")
        return self.rule.parse(self.edit.text().strip())

    def use_label(self, label: QLabel | None) -> None:
        """Show messages in `label` (a form's row under a crowded line), or nowhere but the red frame and the
        tooltip when None (a table cell, whose editor lists the messages itself)."""
        self.error.hide()
        self.error = label if label is not None else QLabel()

    def peek(self) -> date | None:
        """The date typed when it is acceptable, else None; shows nothing (for live hints such as a deadline)."""
        try:
            return self.rule.parse(self.edit.text().strip())
        except ValueError:
            return None

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 - the Qt spelling, like the fields around it
        self.edit.setReadOnly(read_only)
        self.button.setEnabled(not read_only)

    # --- calendar --------------------------------------------------------------------------------------

    def _prepare_calendar(self) -> None:
        first, last = self.rule.earliest, self.rule.last()
        self.calendar.setDateRange(QDate(first), QDate(last))
        try:
            shown = self.rule.parse(self.edit.text().strip()) or date.today()
        except ValueError:
            shown = date.today()
        shown = min(max(shown, first), last)
        self.calendar.setSelectedDate(QDate(shown))
        self.calendar.setCurrentPage(shown.year, shown.month)

    def _picked(self, day: QDate) -> None:
        self.menu.hide()
        self.edit.setText(day.toPython().isoformat())
        self.check()

    def _clear_error(self) -> None:
        self.error.clear()
        self.error.hide()
        self.edit.setStyleSheet("")
        self.edit.setToolTip("")


def check_all(*fields: DateField) -> bool:
    """Check every field (so each shows its own message); True when all are acceptable."""
    results = [field.check() for field in fields]
    return all(results)
