"""新建活动: an outreach or training event and the enterprises that attended, with how many people each sent."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.liaison import EVENT_KINDS
from app.services.core import dates, reference
from app.services.core.errors import DomainError
from app.services.core.permissions import is_city
from app.services.liaison import events as outreach
from app.ui.dirty_guard import IGNORED, DirtyGuard
from app.ui.district_names import fill_district_combo
from app.ui.enterprise_picker import EnterprisePicker
from app.ui.session import Session
from app.ui.tables import KEY_ROLE, fit_columns, make_table
from app.ui.widgets import (
    date_edit,
    day_of,
    error_label,
    fill_combo,
    save_cancel_buttons,
    set_error,
    show_save_error,
)
from app.ui.window_state import place

FIELDS = ("kind", "held_on", "topic", "district", "head_count")


class EventDialog(DirtyGuard, QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.recorded = None
        self.setWindowTitle("新建活动培训")
        user = session.user
        self.kind = QComboBox()
        fill_combo(self.kind, EVENT_KINDS)
        self.held_on = date_edit(rule=dates.PLANNED, label="活动日期")
        self.topic = QLineEdit(placeholderText="如：知识产权风险防范专题培训")
        self.place = QLineEdit()
        self.organiser = QLineEdit(placeholderText="承办单位")
        self.district = QComboBox()
        if is_city(user):
            fill_district_combo(self.district, reference.districts(), "市局")
        elif user.district_id:
            fill_district_combo(self.district, [user.district])
        self.head_count = QSpinBox(maximum=100000, suffix=" 人")
        self.feedback = QPlainTextEdit(placeholderText="企业反馈、效果评价")
        self.feedback.setMaximumHeight(80)
        self.errors = {name: error_label() for name in FIELDS}
        self.message = error_label()
        form = QFormLayout()
        form.addRow("* 活动类型：", self.kind)
        form.addRow("* 日期：", self.held_on)
        form.addRow("", self.errors["held_on"])
        form.addRow("* 主题：", self.topic)
        form.addRow("", self.errors["topic"])
        form.addRow("组织旗区：", self.district)
        form.addRow("", self.errors["district"])
        form.addRow("组织单位：", self.organiser)
        form.addRow("地点：", self.place)
        form.addRow("参加总人数：", self.head_count)
        form.addRow("", self.errors["head_count"])
        form.addRow("反馈：", self.feedback)
        buttons = save_cancel_buttons(self.save, self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._attendees(), 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        place(self, (720, 720))
        self.guard(self.save)

    def extra_state(self) -> dict:
        return self.attendance()

    def _attendees(self) -> QGroupBox:
        self.picker = EnterprisePicker(self.session, writable_only=False)
        self.people = QSpinBox(minimum=1, maximum=999, value=1, suffix=" 人")
        for chooser in (self.picker, self.people):  # choosing whom to add is not yet data: the list is
            chooser.setProperty(IGNORED, True)
        add = QPushButton("添加")
        remove = QPushButton("移除")
        add.clicked.connect(lambda: self.add_attendee())
        remove.clicked.connect(self.remove_selected)
        self.attendees = make_table(("参加企业", "人数"))
        fit_columns(self.attendees, (440,))
        row = QHBoxLayout()
        row.addWidget(self.picker, 1)
        row.addWidget(self.people)
        row.addWidget(add)
        box = QGroupBox("参加企业")
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.attendees, 1)
        bottom = QHBoxLayout()
        self.total_label = QLabel()
        bottom.addWidget(self.total_label, 1)
        bottom.addWidget(remove)
        layout.addLayout(bottom)
        return box

    def add_attendee(self, enterprise_id: int | None = None, people: int | None = None) -> None:
        if enterprise_id is not None:
            self.picker.set_enterprise(enterprise_id)
        ent_id = self.picker.current_id()
        if ent_id is None:
            return
        count = people or self.people.value()
        for row in range(self.attendees.rowCount()):
            if self.attendees.item(row, 0).data(KEY_ROLE) == ent_id:
                self.attendees.item(row, 1).setText(str(count))
                break
        else:
            row = self.attendees.rowCount()
            self.attendees.insertRow(row)
            name = QTableWidgetItem(self.picker.combo.currentText())
            name.setData(KEY_ROLE, ent_id)
            self.attendees.setItem(row, 0, name)
            self.attendees.setItem(row, 1, QTableWidgetItem(str(count)))
        self._total()

    def remove_selected(self) -> None:
        for index in sorted({i.row() for i in self.attendees.selectedIndexes()}, reverse=True):
            self.attendees.removeRow(index)
        self._total()

    def _total(self) -> None:
        people = sum(int(self.attendees.item(r, 1).text()) for r in range(self.attendees.rowCount()))
        self.total_label.setText(f"{self.attendees.rowCount()} 家企业，{people} 人")
        if self.head_count.value() < people:
            self.head_count.setValue(people)

    def attendance(self) -> dict[int, int]:
        rows = range(self.attendees.rowCount())
        return {self.attendees.item(r, 0).data(KEY_ROLE): int(self.attendees.item(r, 1).text()) for r in rows}

    def save(self) -> bool:
        if not self.held_on.check():
            return False
        data = {"kind": self.kind.currentData(), "held_on": day_of(self.held_on), "topic": self.topic.text(),
                "district": self.district.currentData() or None, "place": self.place.text(),
                "organiser": self.organiser.text(), "head_count": self.head_count.value(),
                "feedback": self.feedback.toPlainText()}  # fmt: skip
        for label in (*self.errors.values(), self.message):
            set_error(label, "")
        try:
            self.recorded = self.session.perform(
                outreach.record_event, self.session.user, data, self.attendance()
            )
        except DomainError as exc:
            show_save_error(exc, self.errors, self.message)
            return False
        self.accept()
        return True
