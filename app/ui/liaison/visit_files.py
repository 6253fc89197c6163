"""A visit's attachments (现场照片、签到表扫描件): listed, added from disk once the visit is saved, opened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services import attachments, enterprises, visits
from app.services.errors import DomainError
from app.ui.file_open import open_attachment, size_text
from app.ui.liaison.common import fill_table, fit_columns, make_table, selected_key
from app.ui.session import Session
from app.ui.widgets import show_error

FILE_FILTER = "照片或扫描件 (*.jpg *.jpeg *.png *.gif *.tif *.tiff *.pdf *.ofd *.doc *.docx);;所有文件 (*)"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff"}


class VisitFiles(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.visit_id: int | None = None
        self._rows = {}
        self.table = make_table(("文件名", "大小", "上传时间"))
        fit_columns(self.table, (220, 70))
        self.table.setMinimumHeight(90)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.hint = QLabel("保存走访记录后，可在此添加现场照片、签到表扫描件。")
        self.hint.setStyleSheet("color: #777;")
        self.add_button = QPushButton("添加照片/扫描件…")
        self.open_button = QPushButton("打开")
        self.add_button.clicked.connect(lambda: self.add())
        self.open_button.clicked.connect(self.open_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.bind(None, False)

    def bind(self, visit_id: int | None, writable: bool) -> None:
        self.visit_id = visit_id
        self.hint.setVisible(visit_id is None)
        self.add_button.setEnabled(visit_id is not None and writable)
        self.open_button.setEnabled(visit_id is not None)
        self.load()

    def load(self) -> None:
        rows = (
            attachments.attachments_of(visits.get_visit(self.session.user, self.visit_id))
            if self.visit_id
            else []
        )
        self._rows = {a.id: a for a in rows}
        fill_table(
            self.table,
            [(a.original_name, size_text(a.size), a.created_at) for a in rows],
            [a.id for a in rows],
        )

    def add(self, path: str | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "选择照片或扫描件", str(Path.home()), FILE_FILTER)
        if not path or self.visit_id is None:
            return False
        purpose = "visit_photo" if Path(path).suffix.lower() in IMAGE_SUFFIXES else "visit_scan"
        try:
            visit = visits.get_visit(self.session.user, self.visit_id)
            # attach() leaves the permission check to its caller: get_for_write refuses other districts.
            enterprise = enterprises.get_for_write(self.session.user, visit.enterprise_id)
            attachments.attach(self.session.user, path, visit, purpose, subject=enterprise)
        except DomainError as exc:
            show_error(self, exc, "添加附件失败")
            return False
        self.load()
        self.session.changed.emit("visit")
        return True

    def open_selected(self) -> None:
        attachment = self._rows.get(selected_key(self.table))
        if attachment is not None:
            open_attachment(self, attachment)
