"""生成发送包: which peer, whether a full package (a new installation's first load), and where the file goes
(a folder or a removable drive; 浏览… asks, the path can also be typed)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.exchange.overview import PeerRow
from app.ui.excel.files import default_folder
from app.ui.widgets import error_label, set_error

SUFFIX = ".ipx"
FILTER = "数据交换包 (*.ipx)"


def package_name(own_label: str, peer: PeerRow, moment: datetime) -> str:
    return f"{own_label}发{peer.scope_label}_{moment:%Y%m%d-%H%M}{SUFFIX}"


class SendDialog(QDialog):
    """exec() accepted: `peer`, `full` and `path` say what to send where."""

    def __init__(self, own_label: str, peers: list[PeerRow], chosen: str | None = None,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("生成发送包")
        self.own_label = own_label
        self.peers = [p for p in peers if not p.revoked]
        self.peer_combo = QComboBox()
        for peer in self.peers:
            self.peer_combo.addItem(f"{peer.body}（{peer.scope_label}）", peer.exchange_id)
        if chosen is not None:
            self.peer_combo.setCurrentIndex(max(self.peer_combo.findData(chosen), 0))
        self.full_box = QCheckBox("完整数据包（对方可持有的全部记录，用于新安装首次装入）")
        self.path_edit = QLineEdit()
        browse = QPushButton("浏览…")
        browse.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.message = error_label()
        form = QFormLayout()
        form.addRow("发给：", self.peer_combo)
        form.addRow("", self.full_box)
        form.addRow("保存到：", path_row)
        note = QLabel("发送包已加密，只有对方能打开；可保存到U盘带给对方。对方未导入的修改下次会再次带上。")
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("生成")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept_if_ready)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.peer_combo.currentIndexChanged.connect(lambda _i: self._suggest())
        self._suggest()
        self.setMinimumWidth(620)

    @property
    def peer(self) -> PeerRow | None:
        index = self.peer_combo.currentIndex()
        return self.peers[index] if index >= 0 else None

    @property
    def full(self) -> bool:
        return self.full_box.isChecked()

    @property
    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        if not text:
            return None
        path = Path(text)
        return path if path.suffix.lower() == SUFFIX else path.with_name(path.name + SUFFIX)

    def _suggest(self) -> None:
        """A fresh name for the chosen peer, in the folder already chosen (or the documents folder)."""
        peer = self.peer
        if peer is None:
            return
        current = self.path
        folder = current.parent if current is not None else default_folder()
        self.path_edit.setText(str(folder / package_name(self.own_label, peer, datetime.now())))

    def browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "保存发送包", self.path_edit.text(), FILTER)
        if chosen:
            self.path_edit.setText(chosen)

    def accept_if_ready(self) -> None:
        if self.peer is None:
            set_error(self.message, "没有可发送的交换对象：请先导入对方的配对文件")
        elif self.path is None:
            set_error(self.message, "请选择发送包的保存位置")
        elif not self.path.parent.is_dir():
            set_error(self.message, f"文件夹“{self.path.parent}”不存在（U盘是否已插好？）")
        else:
            self.accept()
