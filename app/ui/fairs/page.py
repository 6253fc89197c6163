"""展会与海关: the customs IP recordals of the enterprises with their expiry (expired in red, due within the
warning window in amber, as on the dashboard), and the trade fairs they attended with the protection given."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.fairs import RIGHT_KINDS
from app.services.core import dates
from app.services.core.changes import Changes
from app.services.core.errors import DomainError
from app.services.core.permissions import is_staff
from app.services.fairs import fairs, recordals
from app.ui.enterprise_picker import EnterprisePicker
from app.ui.form_dialog import FormDialog
from app.ui.session import Session
from app.ui.tables import Column, RowsModel, fitted_rows_view, select_key
from app.ui.widgets import date_edit, fill_combo, show_error

LOOKS = {"expired": ("#c0392b", None), "due": ("#b9770e", "#fff4e0")}
RECORDAL_COLUMNS = (
    Column("企业名称", lambda r: r["enterprise"]),
    Column("所属旗区", lambda r: r["district"]),
    Column("权利类型", lambda r: r["right_kind_label"]),
    Column("备案权利", lambda r: r["right_title"]),
    Column("备案号", lambda r: r["recordal_number"]),
    Column("有效期至", lambda r: r["valid_until"], look=lambda r: LOOKS.get(r["state"])),
    Column("状态", lambda r: r["state_label"] + (f"（{r['days_left']} 天）" if r["state"] == "due" else ""),
           look=lambda r: LOOKS.get(r["state"])),
)
FAIR_COLUMNS = (
    Column("展会日期", lambda r: r["starts_on"] + ("" if r["ends_on"] == r["starts_on"] else f" 至 {r['ends_on'][5:]}")),
    Column("企业名称", lambda r: r["enterprise"]),
    Column("所属旗区", lambda r: r["district"]),
    Column("展会名称", lambda r: r["name"]),
    Column("举办地", lambda r: r["place"]),
    Column("参展产品", lambda r: r["products"].replace("\n", " "), tooltip=lambda r: r["products"]),
    Column("保护措施", lambda r: r["protection"]),
)


class FairsPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.dialog = None
        heading = QLabel("展会与海关保护")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.recordal_model = RowsModel(RECORDAL_COLUMNS, lambda r: r["id"])
        self.fair_model = RowsModel(FAIR_COLUMNS, lambda r: r["id"])
        self.recordal_view = fitted_rows_view(self.recordal_model, (240, 80, 70, 220, 130, 90))
        self.fair_view = fitted_rows_view(self.fair_model, (140, 220, 80, 220, 120, 160))
        self.buttons = {name: QPushButton(name) for name in ("登记备案…", "续展…", "登记参展…")}
        self.buttons["登记备案…"].clicked.connect(lambda: self.add_recordal())
        self.buttons["续展…"].clicked.connect(lambda: self.renew())
        self.buttons["登记参展…"].clicked.connect(lambda: self.add_fair())
        self.hint = QLabel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._tab(self.recordal_view, ("登记备案…", "续展…"), self.hint), "海关知识产权备案")
        self.tabs.addTab(self._tab(self.fair_view, ("登记参展…",)), "参展保护")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)
        session.changed.connect(self._on_changed)
        self.load()

    def _tab(self, view, names: tuple[str, ...], note: QLabel | None = None) -> QWidget:
        page = QWidget()
        row = QHBoxLayout()
        for name in names:
            row.addWidget(self.buttons[name])
        if note is not None:
            row.addWidget(note)
        row.addStretch(1)
        column = QVBoxLayout(page)
        column.addLayout(row)
        column.addWidget(view, 1)
        return page

    def _on_changed(self, changes: Changes) -> None:
        if changes.fairs or changes.settings or changes.enterprises:
            self.load()

    def load(self) -> None:
        user, today = self.session.user, date.today()
        window = recordals.warning_days()
        rows = [recordals.recordal_dict(r, today, window) for r in recordals.recordals(user)]
        self.recordal_model.set_rows(rows)
        self.fair_model.set_rows([fairs.fair_dict(f) for f in fairs.fairs(user)])
        due = sum(r["state"] != "valid" for r in rows)
        self.hint.setText(f"有效期届满前 {window} 天起提醒续展" + (f"；需要续展 {due} 项" if due else ""))
        staff = is_staff(user)
        for button in self.buttons.values():
            button.setEnabled(staff)

    def focus_recordal(self, recordal_id: int) -> None:
        """Show a recordal (opened from the dashboard's 到期与待办)."""
        self.tabs.setCurrentIndex(0)
        select_key(self.recordal_view, recordal_id)

    def selected_recordal(self) -> dict | None:
        index = self.recordal_view.currentIndex()
        return self.recordal_model.row_at(index.row()) if index.isValid() else None

    def _open(self, dialog):
        self.dialog = dialog
        dialog.open()
        return dialog

    def add_recordal(self):
        user, kind = self.session.user, QComboBox()
        fill_combo(kind, RIGHT_KINDS)

        def submit(data):
            return self.session.perform(recordals.add_recordal, user, data.pop("enterprise"), data)

        return self._open(FormDialog("登记海关知识产权备案", [
            ("enterprise", "企业", EnterprisePicker(self.session, stacked=True)), ("right_kind", "权利类型", kind),
            ("right_title", "备案权利", QLineEdit(placeholderText="商标名称及注册号、专利名称及专利号等")),
            ("recordal_number", "备案号", QLineEdit()),
            ("valid_until", "有效期至", date_edit(rule=dates.ANY, label="有效期至", optional=True)),
            ("note", "备注", QLineEdit())], submit, self, 560))  # fmt: skip

    def renew(self):
        chosen = self.selected_recordal()
        if chosen is None:
            show_error(self, DomainError("请先在列表中选择一项海关备案"), "无法续展")
            return None
        user = self.session.user
        return self._open(FormDialog(f"续展备案 {chosen['recordal_number']}", [
            ("valid_until", "新的有效期至", date_edit(rule=dates.ANY, label="有效期至", optional=True))],
            lambda data: self.session.perform(recordals.renew, user, chosen["id"], data["valid_until"]), self))  # fmt: skip

    def add_fair(self):
        user = self.session.user

        def submit(data):
            return self.session.perform(fairs.add_fair, user, data.pop("enterprise"), data)

        return self._open(FormDialog("登记企业参展", [
            ("enterprise", "企业", EnterprisePicker(self.session, stacked=True)), ("name", "展会名称", QLineEdit()),
            ("place", "举办地", QLineEdit()),
            ("starts_on", "开始日期", date_edit(rule=fairs.FAIR_DAYS, label="开始日期")),
            ("ends_on", "结束日期", date_edit(rule=fairs.FAIR_DAYS, label="结束日期", optional=True)),
            ("products", "参展产品", QPlainTextEdit()), ("pre_check", "展前检查", QCheckBox("开展了展前知识产权检查")),
            ("complaint_desk", "现场投诉", QCheckBox("设立了现场投诉受理点")),
            ("cases", "现场处理投诉（件）", QSpinBox(minimum=0, maximum=10000)), ("note", "备注", QLineEdit())],
            submit, self, 560))  # fmt: skip
