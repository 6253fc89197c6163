"""Confirming a pairing file: the other office's name and fingerprint, large enough to compare digit group by
digit group while its administrator reads theirs out over the phone; 确认配对 stays off until the user ticks
that the two agree."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.services.exchange import keys, overview


def fingerprint_label(fingerprint: str, size: int = 18) -> QLabel:
    """The fingerprint in a fixed-width bold font, selectable so it can be copied into a message."""
    label = QLabel(fingerprint)
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(size)
    font.setWeight(QFont.Weight.Bold)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet("color: #1f3a60;")
    return label


class PairConfirmDialog(QDialog):
    def __init__(self, found: keys.Identity, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("确认配对")
        intro = QLabel(
            "请打电话给对方管理员，请其在本程序“数据交换”页读出本机指纹，逐组核对下面的数字。"
            "只有全部一致才能确认：不一致说明文件不是对方发出的，或在途中被改动。"
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("对方单位：", QLabel(f"{found.body} · {overview.scope_label(found.scope)}"))
        form.addRow("交换标识：", QLabel(found.exchange_id))
        groups = found.fingerprint.split()
        # Two lines of four groups: compared a line at a time while the other side reads out theirs.
        self.fingerprint = fingerprint_label(" ".join(groups[:4]) + "\n" + " ".join(groups[4:]))
        form.addRow("对方指纹：", self.fingerprint)
        self.agreed = QCheckBox("已与对方管理员逐组核对，指纹完全一致")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("确认配对")
        self.ok.setEnabled(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.agreed.toggled.connect(self.ok.setEnabled)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.agreed)
        layout.addWidget(buttons)
        self.setMinimumWidth(640)


def confirm_pairing(parent: QWidget | None, found: keys.Identity) -> bool:
    """True when the user confirmed the fingerprint (tests replace this function)."""
    return PairConfirmDialog(found, parent).exec() == QDialog.DialogCode.Accepted
