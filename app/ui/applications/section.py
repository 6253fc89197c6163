"""What every section page of the editor shares: load/store the form, read-only mode, inline errors by place.

Places are those of application_form.validate(): "C.designs", "B.invention_patents", "E.2.forum", "A.contact".
A section shows the messages whose place starts with its letter; `changed` fires on every edit.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLabel, QSpinBox, QVBoxLayout, QWidget

from app.services.applications.form_data import SECTION_TITLES, ApplicationForm
from app.ui.widgets import error_label, set_error

INVALID_STYLE = "border: 1px solid #c0392b;"
INVALID_FILL = "#f9d6d2"
NO_YEAR = 0  # the minimum of a year spin box, shown as its special text: "not given"
LAST_TYPABLE_YEAR = 9999  # any four digits can be typed and are kept; the form's check says when a year is wrong


def year_spin(blank: str = "未填") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(NO_YEAR, LAST_TYPABLE_YEAR)
    spin.setSpecialValueText(blank)
    spin.setMinimumWidth(80)
    return spin


def year_of(spin: QSpinBox) -> int | None:
    return spin.value() or None


def set_year(spin: QSpinBox, year) -> None:
    spin.setValue(int(year) if str(year or "").isdigit() else NO_YEAR)


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """A red frame; spin boxes get a pink field instead (a style sheet would replace their native arrows)."""
    if isinstance(widget, QAbstractSpinBox):
        palette = QApplication.palette(widget)
        if invalid:
            palette.setColor(QPalette.ColorRole.Base, QColor(INVALID_FILL))
        widget.setPalette(palette)
    else:
        widget.setStyleSheet(INVALID_STYLE if invalid else "")


class Section(QWidget):
    """Subclasses build their widgets into `self.body` and implement load/store/set_read_only/show_errors."""

    letter = ""
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.read_only = False
        title = QLabel(SECTION_TITLES[self.letter])
        title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.section_error = error_label()  # messages for the section as a whole, e.g. "B"
        self.body = QVBoxLayout(self)
        self.body.addWidget(title)
        self.body.addWidget(self.section_error)

    def emit_changed(self, *_args) -> None:
        self.changed.emit()

    def load(self, form: ApplicationForm) -> None:
        raise NotImplementedError

    def store(self, form: ApplicationForm) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only

    def mine(self, errors: dict[str, str]) -> dict[str, str]:
        """This section's messages, keyed by the place without the letter ("" for the section itself)."""
        own = {}
        for place, message in errors.items():
            letter, _, rest = place.partition(".")
            if letter == self.letter:
                own[rest] = message
        return own

    def show_errors(self, errors: dict[str, str]) -> bool:
        """Show this section's messages next to their widgets; True when there was any."""
        own = self.mine(errors)
        set_error(self.section_error, own.pop("", ""))
        self.show_field_errors(own)
        return bool(self.mine(errors))

    def show_field_errors(self, errors: dict[str, str]) -> None:
        """Errors by the place after the letter; the default puts them all in the section's label."""
        if errors:
            set_error(self.section_error, "；".join(errors.values()))
