"""责任分工: the district's 分管领导 and liaison officers for the year, edited as a table and saved whole."""

from __future__ import annotations

import io

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.plans import DUTY_ROLES
from app.services.core import reference
from app.services.core.errors import DomainError
from app.services.core.permissions import can_work_in
from app.services.plans import responsibilities
from app.services.plans.responsibilities import Duty
from app.ui.pdf_preview import preview_pdf
from app.ui.session import Session
from app.ui.tables import declare_matters, fit_columns, make_table
from app.ui.widgets import error_label, fill_combo, set_error, show_error

COLUMNS = ("类别", "姓名", "职务", "联系电话", "工作职责")
TEXT_KEYS = ("name", "post", "phone", "duties")


class DutiesPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.code, self.year = "", 0
        self.table = make_table(COLUMNS)
        self.table.setEditTriggers(self.table.EditTrigger.AllEditTriggers)
        fit_columns(self.table, (100, 90, 150, 130))
        declare_matters(self.table, ("姓名", "职务", "联系电话"))
        self.message = error_label()
        self.add_button = QPushButton("添加一行")
        self.remove_button = QPushButton("删除所选行")
        self.save_button = QPushButton("保存责任分工")
        self.print_button = QPushButton("打印责任分工表…")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(lambda: self.remove_row())
        self.save_button.clicked.connect(lambda: self.save())
        self.print_button.clicked.connect(lambda: self.print_table())
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("分管领导是推行知识产权重点企业保护的第一责任人；联络人实行专人联络、双向联系。"))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def bind(self, code: str, year: int) -> None:
        self.code, self.year = code, year
        self.table.setRowCount(0)
        set_error(self.message, "")
        try:
            rows = responsibilities.duties_of(self.session.user, code, year) if code else []
        except DomainError:
            rows = []
        for row in rows:
            self.add_row(row.role, *(getattr(row, k) for k in TEXT_KEYS))
        writable = bool(code) and can_work_in(self.session.user, reference.district_by_code(code))
        for button in (self.add_button, self.remove_button, self.save_button):
            button.setEnabled(writable)

    def add_row(self, role: str = "officer", *texts: str) -> int:
        r = self.table.rowCount()
        self.table.insertRow(r)
        combo = QComboBox()
        fill_combo(combo, DUTY_ROLES)
        combo.setCurrentIndex(combo.findData(role))
        self.table.setCellWidget(r, 0, combo)
        for c, text in enumerate([*texts, "", "", "", ""][:4], start=1):
            self.table.setItem(r, c, QTableWidgetItem(text))
        return r

    def remove_row(self) -> None:
        """The selected row leaves the table; the register changes when the table is saved."""
        if self.table.currentRow() >= 0:
            self.table.removeRow(self.table.currentRow())

    def duties(self) -> list[Duty]:
        def text(r, c):
            item = self.table.item(r, c)
            return item.text() if item else ""

        return [Duty(self.table.cellWidget(r, 0).currentData(), *(text(r, c) for c in range(1, 5)))
                for r in range(self.table.rowCount())]  # fmt: skip

    def save(self) -> bool:
        set_error(self.message, "")
        try:
            self.session.perform(responsibilities.set_duties, self.session.user, self.code, self.year, self.duties())
        except DomainError as exc:
            set_error(self.message, str(exc))
            return False
        return True

    def print_table(self):
        from app.services.plans import printing

        buffer = io.BytesIO()
        try:
            report = printing.print_duties(self.session.user, self.code, self.year, buffer)
        except DomainError as exc:
            show_error(self, exc, "无法生成责任分工表")
            return None
        name = f"{reference.district_by_code(self.code).name}{self.year}年责任分工表.pdf"
        return preview_pdf(self, buffer.getvalue(), name.removesuffix(".pdf"), name, report.warnings)
