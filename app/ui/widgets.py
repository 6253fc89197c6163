"""Small widget helpers shared by the pages: error labels, choice combos and turning errors into messages."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QWidget

from app.services.errors import DomainError

ERROR_STYLE = "color: #c0392b;"


def error_label() -> QLabel:
    """A red label for a field's message; hidden while empty so it takes no room."""
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def set_error(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))


def fill_combo(combo: QComboBox, options: dict[str, str], blank: str | None = None) -> None:
    """Items labelled in Chinese with their code as data; an optional first blank item with data ''."""
    combo.clear()
    if blank is not None:
        combo.addItem(blank, "")
    for code, label in options.items():
        combo.addItem(label, code)


def select_data(combo: QComboBox, value) -> None:
    index = combo.findData(value if value is not None else "")
    combo.setCurrentIndex(max(index, 0))


def show_error(parent: QWidget | None, error: Exception, title: str = "操作未完成") -> None:
    """A domain error carries its own Chinese message; anything else is a fault we still explain."""
    if isinstance(error, DomainError):
        QMessageBox.warning(parent, title, str(error))
    else:
        QMessageBox.critical(parent, title, f"发生意外错误：{error}")


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
