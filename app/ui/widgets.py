"""Small widget helpers shared by the pages: error labels, choice combos, the date field, table rows chosen by
id and turning errors into messages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTableView,
    QTableWidget,
    QWidget,
)

from app.services.core import dates, reference
from app.services.core.errors import DomainError, ValidationError
from app.services.core.permissions import can_work_in, is_city
from app.ui.date_field import DateField

ERROR_STYLE = "color: #c0392b;"
ID_ROLE = Qt.ItemDataRole.UserRole


def date_edit(
    value: date | None = None, rule: dates.DateRule = dates.ANY, label: str = "日期", optional: bool = False
) -> DateField:
    """The one date field (see date_field.py): today unless `value` is given, or empty when `optional`."""
    if value is None and not optional:
        value = min(max(date.today(), rule.earliest), rule.last())
    return DateField(value, rule, label=label, optional=optional)


def day_of(edit: DateField) -> date | None:
    """The date typed; ValidationError (and the field's red message) when it is not acceptable."""
    return edit.value()


def error_label() -> QLabel:
    """A red label for a field's message; hidden while empty so it takes no room."""
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def save_cancel_buttons(save: Callable, cancel: Callable) -> QDialogButtonBox:
    """保存 / 取消 buttons: 保存 calls `save` (which closes the dialog itself when it succeeds), 取消 calls `cancel`."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(save)
    buttons.rejected.connect(cancel)
    return buttons


def set_error(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))


def show_save_error(error: DomainError, fields: dict[str, QLabel], message: QLabel) -> None:
    """A failed save: each field's message under its field (unknown fields in `message`), else the error in `message`."""
    if isinstance(error, ValidationError):
        for key, text in error.errors.items():
            set_error(fields.get(key, message), text)
    else:
        set_error(message, str(error))


def fill_combo(combo: QComboBox, options: dict[str, str], blank: str | None = None) -> None:
    """Items labelled in Chinese with their code as data; an optional first blank item with data ''."""
    combo.clear()
    if blank is not None:
        combo.addItem(blank, "")
    for code, label in options.items():
        combo.addItem(label, code)


def bureau_combo(user, city_label: str = "市局") -> QComboBox:
    """The bureaus `user` may record work for: the city (data '', city staff only), then the districts they
    work in (data: the district's code)."""
    from app.ui.district_names import add_district_item  # district_names builds on tables, which uses widgets

    combo = QComboBox()
    if is_city(user):
        combo.addItem(city_label, "")
    for district in reference.districts():
        if can_work_in(user, district):
            add_district_item(combo, district.name, district.code)  # 高新区 on screen, official name as tooltip
    return combo


def select_data(combo: QComboBox, value) -> None:
    index = combo.findData(value if value is not None else "")
    combo.setCurrentIndex(max(index, 0))


def selected_row_id(table: QTableView, role=ID_ROLE):
    """The id kept (under `role`) in the first column of the selected row; None when nothing is selected."""
    rows = table.selectionModel().selectedRows()  # the first column's indexes
    return rows[0].data(role) if rows else None


def select_row_by_id(table: QTableWidget, role, value, scroll: bool = True) -> bool:
    """Select the row whose first column keeps `value` under `role` (and scroll to it); False when none does."""
    for r in range(table.rowCount()):
        if table.item(r, 0).data(role) == value:
            table.selectRow(r)
            if scroll:
                table.scrollToItem(table.item(r, 0))
            return True
    return False


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
