"""A record's attached files: listed, added from disk, opened in the system viewer.

The owner decides what is listed and how a file is added (both are service calls that check permission; the
add goes through `session.perform`, which announces it), so visits, events and later records share one panel.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services.core.errors import DomainError
from app.ui.file_open import open_attachment, size_text
from app.ui.tables import fill_table, fit_columns, make_table, selected_key
from app.ui.widgets import show_error

FILE_FILTER = (
    "照片或扫描件 (*.jpg *.jpeg *.png *.gif *.tif *.tiff *.pdf *.ofd *.doc *.docx *.xls *.xlsx);;所有文件 (*)"
)


class FilesPanel(QWidget):
    def __init__(self, hint: str, add_label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.list_files: Callable[[], list] = list
        self.add_file: Callable[[str], object] | None = None
        self._rows = {}
        self.table = make_table(("文件名", "大小", "上传时间"))
        fit_columns(self.table, (220, 70))
        self.table.setMinimumHeight(90)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.hint = QLabel(hint)
        self.hint.setStyleSheet("color: #777;")
        self.add_button = QPushButton(add_label)
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
        self.bind(None, None, False)

    def bind(self, list_files: Callable[[], list] | None, add_file: Callable[[str], object] | None,
             writable: bool) -> None:  # fmt: skip
        """Show the files of a record (None: no record yet); `add_file(path)` attaches one."""
        self.list_files = list_files or list
        self.add_file = add_file
        self.hint.setVisible(list_files is None)
        self.add_button.setEnabled(add_file is not None and writable)
        self.open_button.setEnabled(list_files is not None)
        self.load()

    def load(self) -> None:
        rows = self.list_files()
        self._rows = {a.id: a for a in rows}
        fill_table(
            self.table,
            [(a.original_name, size_text(a.size), a.created_at) for a in rows],
            [a.id for a in rows],
        )

    def add(self, path: str | None = None) -> bool:
        if self.add_file is None:
            return False
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "选择文件", str(Path.home()), FILE_FILTER)
        if not path:
            return False
        try:
            self.add_file(path)
        except DomainError as exc:
            show_error(self, exc, "添加附件失败")
            return False
        self.load()
        return True

    def open_selected(self) -> None:
        attachment = self._rows.get(selected_key(self.table))
        if attachment is not None:
            open_attachment(self, attachment)
