"""打印字体: which font files printing uses per role, the fallbacks for rare characters, and a printed sample.

The sample is a real PDF made with the document fonts and shown as an image, so what it shows is what prints:
a character no font has is a gap here as on the certificate, and the list beside it names which file draws each.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services.core.changes import Changes
from app.services.io import font_sample, fonts
from app.ui.session import Session

SAMPLE_WIDTH = 600


def render_pdf(data: bytes, width: int = SAMPLE_WIDTH) -> QPixmap:
    """The first page of a PDF as a pixmap `width` pixels wide."""
    document = QPdfDocument()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    page = document.pagePointSize(0)
    image = document.render(0, QSize(width, round(width * page.height() / page.width())))
    document.close()
    return QPixmap.fromImage(image)


class FontsPanel(QGroupBox):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__("已找到的字体与打印样张", parent)
        self.session = session
        self.role_labels = {role: QLabel() for role in fonts.ROLES}
        self.fallbacks = QLabel()
        self.fallbacks.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #a61b1b;")
        self.sample = QLabel()
        self.sample.setStyleSheet("background: white; border: 1px solid #ccc;")
        self.sample.setFixedHeight(round(SAMPLE_WIDTH * font_sample.PAGE_HEIGHT / font_sample.PAGE_WIDTH) + 2)
        self.glyphs = QLabel()
        self.glyphs.setWordWrap(True)
        rescan = QPushButton("重新查找字体")
        rescan.setToolTip("安装新字体后点此重新查找，无需重启程序")
        rescan.clicked.connect(self.rescan)
        form = QFormLayout()
        for role in fonts.ROLES:
            form.addRow(f"{fonts.ROLE_LABELS[role]}：", self.role_labels[role])
        form.addRow("补字字体：", self.fallbacks)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warnings)
        layout.addWidget(QLabel(f"打印样张（正文字体，含生僻字 {' '.join(font_sample.RARE_CHARACTERS)}）："))
        layout.addWidget(self.sample)
        layout.addWidget(self.glyphs)
        layout.addWidget(rescan)
        session.changed.connect(self._on_changed)
        self.refresh()

    def refresh(self) -> None:
        found = fonts.configured_fonts()
        for role, label in self.role_labels.items():
            label.setText(found.files.get(role) or f"{fonts.CID_FALLBACK}（内置，不嵌入字形）")
        names = dict.fromkeys(Path(p).name for p in found.fallback_files.values())
        self.fallbacks.setText("、".join(names) or "无")
        self.warnings.setText("\n".join(found.warnings))
        self.warnings.setVisible(bool(found.warnings))
        self.sample.setPixmap(render_pdf(font_sample.sample_pdf(found)))
        sources = font_sample.glyph_sources(found)
        self.glyphs.setText("；".join(font_sample.describe(s) for s in sources))
        missing = any(s.missing for s in sources)
        self.glyphs.setStyleSheet("color: #a61b1b;" if missing else "")

    def rescan(self) -> None:
        fonts.clear_cache()
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.settings:
            self.refresh()
