"""附件: files kept with the enterprise (licences, certificates, scans); add from disk, open with the system viewer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from app.services.core.errors import DomainError
from app.services.enterprises import records as enterprise_records
from app.ui.enterprises.record_tab import RecordTab
from app.ui.file_open import open_attachment, size_text
from app.ui.widgets import show_error

FILE_FILTER = (
    "支持的文件 (*.pdf *.png *.jpg *.jpeg *.gif *.tif *.tiff *.doc *.docx *.xls *.xlsx *.ofd);;所有文件 (*)"
)


class AttachmentsTab(RecordTab):
    headers = ("文件名", "大小", "上传时间")

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self.add_button("添加文件…", self.add)
        self.add_button("打开", self.open_selected, writes=False)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self._rows = {}

    def load(self) -> None:
        rows = enterprise_records.files(self.session.user, self.enterprise_id)
        self._rows = {a.id: a for a in rows}
        data = [(a.original_name, size_text(a.size), a.created_at) for a in rows]
        self.fill(data, [a.id for a in rows])

    def add(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择附件", str(Path.home()), FILE_FILTER)
        if not path:
            return
        try:
            self.session.perform(enterprise_records.add_file, self.session.user, self.enterprise_id, path)
        except DomainError as exc:
            show_error(self, exc)
            return
        self.changed()

    def open_selected(self) -> None:
        attachment = self._rows.get(self.selected_key())
        if attachment is None:
            return
        open_attachment(self, attachment)
