"""六、知识产权保护需求 (ticks and free text) and 七、承诺 (the pledge the enterprise seals on paper)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QGridLayout, QLabel, QLineEdit

from app.services.applications.form_data import NEEDS, PLEDGE_TEXT, SEAL_CAPTIONS, ApplicationForm
from app.ui.applications.section import Section


class NeedsSection(Section):
    letter = "F"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for i, (key, label) in enumerate(NEEDS.items()):
            box = QCheckBox(label)
            box.toggled.connect(self.emit_changed)
            self.boxes[key] = box
            grid.addWidget(box, i // 2, i % 2)
        self.other = QLineEdit(placeholderText="上面没有列出的需求")
        self.other.textEdited.connect(self.emit_changed)
        other = QFormLayout()
        other.addRow("其他需求：", self.other)
        self.body.addLayout(grid)
        self.body.addLayout(other)
        self.body.addStretch(1)

    def load(self, form: ApplicationForm) -> None:
        for key, box in self.boxes.items():
            box.setChecked(key in form.needs)
        self.other.setText(form.needs_other)

    def store(self, form: ApplicationForm) -> None:
        form.needs = [key for key, box in self.boxes.items() if box.isChecked()]
        form.needs_other = self.other.text().strip()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        for box in self.boxes.values():
            box.setEnabled(not read_only)
        self.other.setReadOnly(read_only)


class PledgeSection(Section):
    letter = "G"

    def __init__(self, parent=None):
        super().__init__(parent)
        text = QLabel(PLEDGE_TEXT)
        text.setWordWrap(True)
        text.setStyleSheet("font-size: 11pt; padding: 8px; background: #f6f6f6; border: 1px solid #ddd;")
        self.pledge = QCheckBox("企业已阅读并作出上述承诺")
        self.pledge.toggled.connect(self.emit_changed)
        seals = QLabel(
            "打印后由企业、旗区局、市局分别盖章：" + "、".join(SEAL_CAPTIONS) + "。"
            "盖章后的扫描件请用“添加盖章扫描件…”上传。"
        )
        seals.setWordWrap(True)
        seals.setStyleSheet("color: #555;")
        self.body.addWidget(text)
        self.body.addWidget(self.pledge)
        self.body.addWidget(seals)
        self.body.addStretch(1)

    def load(self, form: ApplicationForm) -> None:
        self.pledge.setChecked(form.pledge)

    def store(self, form: ApplicationForm) -> None:
        form.pledge = self.pledge.isChecked()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.pledge.setEnabled(not read_only)
