"""二、申报条件: one box per criterion with its year, a note and the evidence files attached for it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from app.services.applications.form_data import CRITERIA, ApplicationForm, CriterionClaim
from app.ui.applications.section import Section, mark_invalid, set_year, year_of, year_spin
from app.ui.widgets import error_label, set_error

ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole


def attachment_line(attachment) -> str:
    who = attachment.created_by.display_name if attachment.created_by else "—"
    return f"{attachment.original_name}（{who}，{str(attachment.created_at)[:16]}）"


class CriterionRow(QFrame):
    def __init__(self, key: str, label: str):
        super().__init__()
        self.key = key
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.box = QCheckBox(label)
        self.box.setStyleSheet("font-weight: bold;")
        self.year = year_spin()
        self.note = QLineEdit(placeholderText="证书编号、批准文号等说明")
        self.evidence = QListWidget()
        self.evidence.setFixedHeight(50)
        self.add_button = QPushButton("添加证明材料…")
        self.open_button = QPushButton("打开")
        self.error = error_label()
        grid = QGridLayout(self)
        grid.addWidget(self.box, 0, 0, 1, 3)
        grid.addWidget(QLabel("年份："), 0, 3, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.year, 0, 4)
        grid.addWidget(QLabel("说明："), 1, 0)
        grid.addWidget(self.note, 1, 1, 1, 4)
        grid.addWidget(QLabel("证明材料："), 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.evidence, 2, 1, 1, 3)
        buttons = QVBoxLayout()
        buttons.setSpacing(2)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        grid.addLayout(buttons, 2, 4)
        grid.addWidget(self.error, 3, 0, 1, 5)
        grid.setColumnStretch(2, 1)

    def set_files(self, files: list) -> None:
        self.evidence.clear()
        for attachment in files:
            item = QListWidgetItem(attachment_line(attachment))
            item.setData(ATTACHMENT_ROLE, attachment)
            self.evidence.addItem(item)
        if not files:
            self.evidence.addItem("（尚未上传）")
        self.open_button.setEnabled(bool(files))

    def selected_file(self):
        item = self.evidence.currentItem() or self.evidence.item(0)
        return item.data(ATTACHMENT_ROLE) if item is not None else None


class CriteriaSection(Section):
    letter = "B"
    add_evidence = Signal(str)  # criterion key
    open_file = Signal(object)  # Attachment

    def __init__(self, parent=None):
        super().__init__(parent)
        hint = QLabel("勾选企业符合的条件（符合其一即可），并为每项勾选的条件上传证明材料。")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self.body.addWidget(hint)
        self.rows: dict[str, CriterionRow] = {}
        for key, label in CRITERIA.items():
            row = CriterionRow(key, label)
            row.box.toggled.connect(self.emit_changed)
            row.year.valueChanged.connect(self.emit_changed)
            row.note.textEdited.connect(self.emit_changed)
            row.add_button.clicked.connect(lambda _c=False, k=key: self.add_evidence.emit(k))
            row.open_button.clicked.connect(lambda _c=False, r=row: self._open(r))
            row.evidence.itemDoubleClicked.connect(lambda _item, r=row: self._open(r))
            self.rows[key] = row
            self.body.addWidget(row)
        self.body.addStretch(1)

    def _open(self, row: CriterionRow) -> None:
        attachment = row.selected_file()
        if attachment is not None:
            self.open_file.emit(attachment)

    def load(self, form: ApplicationForm) -> None:
        for key, row in self.rows.items():
            claim = form.criteria.get(key) or CriterionClaim()
            row.box.setChecked(claim.claimed)
            set_year(row.year, claim.year)
            row.note.setText(claim.note)

    def store(self, form: ApplicationForm) -> None:
        for key, row in self.rows.items():
            form.criteria[key] = CriterionClaim(
                row.box.isChecked(), year_of(row.year), row.note.text().strip()
            )

    def set_evidence(self, by_key: dict[str, list]) -> None:
        for key, row in self.rows.items():
            row.set_files(by_key.get(key, []))

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        for row in self.rows.values():
            row.box.setEnabled(not read_only)
            row.year.setReadOnly(read_only)
            row.note.setReadOnly(read_only)
            row.add_button.setVisible(not read_only)

    def show_field_errors(self, errors: dict[str, str]) -> None:
        for key, row in self.rows.items():
            set_error(row.error, errors.get(key, ""))
            mark_invalid(row.year, key in errors)
        unknown = [m for k, m in errors.items() if k not in self.rows]
        if unknown:
            set_error(self.section_error, "；".join(unknown))
