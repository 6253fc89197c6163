"""登记 / 修改宣传报道: channel, outlet, title, date, link, the reporting bureau and the enterprises featured."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models import PublicityItem
from app.models.publicity import CHANNELS
from app.services.core import dates, reference
from app.services.core.errors import DomainError
from app.services.core.permissions import is_city
from app.services.publicity import items as publicity
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

FIELDS = ("channel", "published_on", "outlet", "title", "link", "district", "note", "enterprises")


class PublicityDialog(DirtyGuard, QDialog):
    def __init__(self, session: Session, item: PublicityItem | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.item = session, item
        self.saved: PublicityItem | None = None
        self.setWindowTitle("修改宣传报道" if item else "登记宣传报道")
        user = session.user
        self.channel = QComboBox()
        fill_combo(self.channel, CHANNELS)
        self.published_on = date_edit(item.published_on if item else None, rule=dates.HAPPENED, label="发布日期")
        self.outlet = QLineEdit(placeholderText="如：鄂尔多斯日报、鄂尔多斯电视台、“东胜市场监管”公众号")
        self.title = QLineEdit()
        self.link = QLineEdit(placeholderText="https://…")
        self.district = QComboBox()
        if is_city(user):
            fill_district_combo(self.district, reference.districts(), publicity.CITY_NAME)
        elif user.district_id:
            fill_district_combo(self.district, [user.district])
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(60)
        if item is not None:
            self._show(item)
        self.errors = {name: error_label() for name in FIELDS}
        self.message = error_label()
        form = QFormLayout()
        for label, widget, name in (("* 渠道：", self.channel, "channel"), ("* 发布日期：", self.published_on, "published_on"),
                                    ("* 媒体名称：", self.outlet, "outlet"), ("* 标题：", self.title, "title"),
                                    ("链接：", self.link, "link"), ("报送单位：", self.district, "district"),
                                    ("备注：", self.note, "note")):  # fmt: skip
            form.addRow(label, widget)
            form.addRow("", self.errors[name])
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._featured(), 1)
        layout.addWidget(self.errors["enterprises"])
        layout.addWidget(self.message)
        layout.addWidget(save_cancel_buttons(self.save, self.reject))
        place(self, (680, 640))
        if item is not None:
            for enterprise in publicity.featured_in(item):
                self.add_enterprise(enterprise.id)
        self.guard(self.save)

    def _show(self, item: PublicityItem) -> None:
        self.channel.setCurrentIndex(self.channel.findData(item.channel))
        self.outlet.setText(item.outlet)
        self.title.setText(item.title)
        self.link.setText(item.link)
        self.note.setPlainText(item.note)
        index = self.district.findData(item.district.code if item.district_id else "")
        self.district.setCurrentIndex(max(index, 0))

    def extra_state(self) -> dict:
        return {"enterprises": self.enterprise_ids()}

    def _featured(self) -> QGroupBox:
        self.picker = EnterprisePicker(self.session, writable_only=False)
        self.picker.setProperty(IGNORED, True)  # whom to add is not yet data; the list below is
        add, remove = QPushButton("添加"), QPushButton("移除")
        add.clicked.connect(lambda: self.add_enterprise())
        remove.clicked.connect(self.remove_selected)
        self.featured = make_table(("报道企业", "所属旗区"))
        fit_columns(self.featured, (380,))
        row = QHBoxLayout()
        row.addWidget(self.picker, 1)
        row.addWidget(add)
        row.addWidget(remove)
        box = QGroupBox("报道企业")
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.featured, 1)
        return box

    def add_enterprise(self, enterprise_id: int | None = None) -> None:
        if enterprise_id is not None:
            self.picker.set_enterprise(enterprise_id)
        chosen = self.picker.current_id()
        if chosen is None or chosen in self.enterprise_ids():
            return
        name, _, district = self.picker.combo.currentText().rpartition("（")
        row = self.featured.rowCount()
        self.featured.insertRow(row)
        cell = QTableWidgetItem(name)
        cell.setData(KEY_ROLE, chosen)
        self.featured.setItem(row, 0, cell)
        self.featured.setItem(row, 1, QTableWidgetItem(district.rstrip("）")))

    def remove_selected(self) -> None:
        for index in sorted({i.row() for i in self.featured.selectedIndexes()}, reverse=True):
            self.featured.removeRow(index)

    def enterprise_ids(self) -> list[int]:
        return [self.featured.item(r, 0).data(KEY_ROLE) for r in range(self.featured.rowCount())]

    def values(self) -> dict:
        return {"channel": self.channel.currentData(), "published_on": day_of(self.published_on),
                "outlet": self.outlet.text(), "title": self.title.text(), "link": self.link.text(),
                "district": self.district.currentData() or None, "note": self.note.toPlainText()}  # fmt: skip

    def save(self) -> bool:
        if not self.published_on.check():
            return False
        for label in (*self.errors.values(), self.message):
            set_error(label, "")
        user = self.session.user
        try:
            if self.item is None:
                self.saved = self.session.perform(publicity.record_item, user, self.values(), self.enterprise_ids())
            else:
                self.saved = self.session.perform(publicity.update_item, user, self.item.id, self.values(),
                                                  self.enterprise_ids())  # fmt: skip
        except DomainError as exc:
            show_save_error(exc, self.errors, self.message)
            return False
        self.accept()
        return True
