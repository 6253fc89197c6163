"""数据交换 (administrators): this installation's fingerprint and pairing, the paired offices with their last
package each way, 生成发送包 / 接收数据包 in workers, and the conflicts to review field by field.

Who may act and what a package may carry are the services' rules (app/services/exchange); the page shows
what app.services.exchange.overview reads and hands each action to one service call.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.services.core.changes import Changes
from app.services.core.errors import DomainError
from app.services.exchange import conflicts, overview, pairing
from app.services.exchange.errors import Refused
from app.services.exchange.overview import ConflictView, PeerRow
from app.ui.excel.files import default_folder
from app.ui.exchange import jobs
from app.ui.exchange.pair_dialog import confirm_pairing, fingerprint_label
from app.ui.exchange.send_dialog import FILTER, SendDialog
from app.ui.session import Session
from app.ui.tables import ROW_ROLE, Column, RowsModel, declare_matters, fitted_rows_view, select_key
from app.ui.tasks import Cancelled, run_task
from app.ui.widgets import confirm, error_label, show_error

PAIR_FILTER = "配对文件 (*.pair);;所有文件 (*)"
_GREY = ("#888888", None)
_OK, _WARN, _BAD = "color: #1e7a34;", "color: #8a5300;", "color: #c0392b;"


def _revoked(row: PeerRow):
    return _GREY if row.revoked else None


PEER_COLUMNS = (
    Column("交换对象", lambda r: r.body, look=_revoked),
    Column("单位", lambda r: r.scope_label, look=_revoked),
    Column("配对日期", lambda r: f"{r.paired_at:%Y-%m-%d}", look=_revoked,
           tooltip=lambda r: f"{r.paired_at:%Y-%m-%d %H:%M} 配对"),
    Column("上次发送", lambda r: r.last_sent_at or "从未", look=_revoked),
    Column("上次接收", lambda r: r.last_received_at or "从未", look=_revoked),
    Column("待发送记录", lambda r: str(r.pending_changes), look=_revoked, align=Qt.AlignmentFlag.AlignRight,
           tooltip=lambda r: "本机的修改中对方尚未确认收到的条数；下一个发送包会带上"),
    Column("状态", lambda r: "已撤销" if r.revoked else "已配对", look=_revoked,
           tooltip=lambda r: f"指纹 {r.fingerprint}"),
)  # fmt: skip
CONFLICT_COLUMNS = (
    Column("记录", lambda r: r.record),
    Column("字段", lambda r: r.field),
    Column("本机的值", lambda r: r.ours, tooltip=lambda r: r.ours),
    Column("对方的值", lambda r: r.theirs, tooltip=lambda r: r.theirs),
    Column("来自", lambda r: r.from_label, tooltip=lambda r: r.from_body),
    Column("对方发出", lambda r: r.at[5:], tooltip=lambda r: r.at),
)


# --- the questions the page asks (tests replace these functions) --------------------------------------------


def ask_open_path(parent: QWidget, title: str, filters: str) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(default_folder()), filters)
    return Path(chosen) if chosen else None


def ask_save_path(parent: QWidget, title: str, suggested: str, filters: str) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(default_folder() / suggested), filters)
    return Path(chosen) if chosen else None


def ask_send(parent: QWidget, own_label: str, peers: list[PeerRow], chosen: str | None):
    """(peer exchange id, full, path), or None when cancelled."""
    dialog = SendDialog(own_label, peers, chosen, parent)
    if not dialog.exec():
        return None
    return dialog.peer.exchange_id, dialog.full, dialog.path


def confirm_import(parent: QWidget, preview) -> bool:
    text = f"{preview_text(preview)}\n\n导入后这些修改一次写入本机（全部成功或全部不写）。现在导入吗？"
    return confirm(parent, "导入数据包", text)


def ask_value(parent: QWidget, row: ConflictView) -> str | None:
    text, ok = QInputDialog.getText(
        parent, "输入新值", f"{row.record} · {row.field}\n本机：{row.ours}\n对方：{row.theirs}\n\n新值：",
        QLineEdit.EchoMode.Normal, row.ours_typed,
    )  # fmt: skip
    return text if ok else None


# --- what a package did, in words ---------------------------------------------------------------------------


def _counts(result) -> str:
    return (f"新增 {result.created} 条，更新 {result.updated} 条，删除 {result.deleted} 条，"
            f"未变 {result.unchanged} 条")  # fmt: skip


def preview_text(result) -> str:
    text = f"来自“{result.sender}”的数据包将{_counts(result)}"
    if result.conflicts:
        text += f"；有 {len(result.conflicts)} 处冲突需要人工处理（导入时保留本机的值）"
    return text + "。"


def result_text(result) -> str:
    if result.duplicate:
        return f"来自“{result.sender}”的这个数据包已导入过（或已被更新的包取代），未作任何改动。"
    text = f"已导入来自“{result.sender}”的数据包：{_counts(result)}，收到附件文件 {result.files} 个"
    if not result.conflicts:
        return text + "，没有冲突。"
    return text + f"。冲突 {len(result.conflicts)} 处：本机的值暂不变，请在下方“待处理冲突”中逐条处理。"


def sent_text(result) -> str:
    counts = "、".join(f"{kind} {n} 条" for kind, n in result.counts.items()) or "无新的修改，仅带回执"
    return f"已生成发给“{result.peer}”的数据包：{counts}。\n文件：{result.path}"


class ExchangePage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.data: overview.Overview | None = None
        self.task = None
        heading = QLabel("数据交换")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self._peers_box())
        split.addWidget(self._conflicts_box())
        split.setChildrenCollapsible(False)
        split.setSizes([260, 260])
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self._identity_box())
        layout.addWidget(split, 1)
        # No reading until the page is shown: overview brings the change log up to date, which the window's
        # opening should not wait for.
        session.changed.connect(self._on_changed)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.refresh()  # every showing: the pending counts grow with every write elsewhere in the program

    # --- building ------------------------------------------------------------------------------------

    def _identity_box(self) -> QGroupBox:
        box = QGroupBox("本机")
        self.identity_label = QLabel()
        self.identity_label.setWordWrap(True)
        self.fingerprint = fingerprint_label("", 18)
        self.export_button = QPushButton("导出配对文件…")
        self.import_button = QPushButton("导入配对文件…")
        self.export_button.clicked.connect(lambda: self.export_pairing())
        self.import_button.clicked.connect(lambda: self.import_pairing())
        row = QHBoxLayout()
        row.addWidget(QLabel("本机指纹："))
        row.addWidget(self.fingerprint)
        row.addStretch(1)
        hint = QLabel("配对：双方各导出配对文件交给对方；导入对方的文件时，电话里请对方读出指纹逐组核对。")
        hint.setStyleSheet("color: #666;")
        hint.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(hint, 1)
        actions.addWidget(self.export_button)
        actions.addWidget(self.import_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.identity_label)
        layout.addLayout(row)
        layout.addLayout(actions)
        return box

    def _peers_box(self) -> QGroupBox:
        box = QGroupBox("交换对象")
        self.peer_model = RowsModel(PEER_COLUMNS, key=lambda r: r.exchange_id)
        self.peer_view = fitted_rows_view(self.peer_model, (220, 70, 88, 118, 118, 64))
        declare_matters(self.peer_view, ("单位", "上次发送", "上次接收", "待发送记录"), ("交换对象",))
        self.send_button = QPushButton("生成发送包…")
        self.receive_button = QPushButton("接收数据包…")
        self.revoke_button = QPushButton("撤销配对…")
        self.send_button.clicked.connect(lambda: self.send_package())
        self.receive_button.clicked.connect(lambda: self.receive_package())
        self.revoke_button.clicked.connect(lambda: self.revoke_peer())
        bar = QHBoxLayout()
        for button in (self.send_button, self.receive_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.revoke_button)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        layout = QVBoxLayout(box)
        layout.addWidget(self.peer_view, 1)
        layout.addLayout(bar)
        layout.addWidget(self.result_label)
        self.peer_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        return box

    def _conflicts_box(self) -> QGroupBox:
        self.conflicts_box = QGroupBox("待处理冲突")
        self.conflict_model = RowsModel(CONFLICT_COLUMNS)
        self.conflict_view = fitted_rows_view(self.conflict_model, (370, 70, 115, 115, 52, 80))
        declare_matters(self.conflict_view, ("字段", "来自"), ("记录", "本机的值", "对方的值"))
        self.resolve_buttons = {}
        bar = QHBoxLayout()
        for choice, text in (("mine", "保留本机"), ("theirs", "采用对方"), (conflicts.VALUE, "输入新值…")):
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, c=choice: self.resolve_selected(c))
            self.resolve_buttons[choice] = button
            bar.addWidget(button)
        note = QLabel("处理前本机的值保持不变；处理结果会随下一个发送包告知对方。")
        note.setStyleSheet("color: #666;")
        bar.addSpacing(12)
        bar.addWidget(note, 1)
        self.conflict_message = error_label()
        layout = QVBoxLayout(self.conflicts_box)
        layout.addWidget(self.conflict_view, 1)
        layout.addLayout(bar)
        layout.addWidget(self.conflict_message)
        self.conflict_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.conflict_view.doubleClicked.connect(lambda _i: self.resolve_selected(conflicts.VALUE))
        return self.conflicts_box

    # --- reading -------------------------------------------------------------------------------------

    def refresh(self) -> None:
        peer, conflict = self.selected_peer(), self.selected_conflict()
        try:
            self.data = overview.overview(self.session.user)
            rows = overview.open_conflicts(self.session.user)
        except DomainError as exc:
            self.data, rows = None, []
            self.identity_label.setText(str(exc))
        self._show_identity()
        self.peer_model.set_rows(self.data.peers if self.data else [])
        self.conflict_model.set_rows(rows)
        self.conflicts_box.setTitle(f"待处理冲突（{len(rows)}）" if rows else "待处理冲突（无）")
        if peer is not None:
            select_key(self.peer_view, peer.exchange_id)
        elif self.peer_model.rows:
            self.peer_view.selectRow(0)
        if conflict is None or not select_key(self.conflict_view, conflict.id):
            if rows:
                self.conflict_view.selectRow(0)
        self._update_buttons()

    def _on_changed(self, changes: Changes) -> None:
        if changes.exchange:
            self.refresh()

    def _show_identity(self) -> None:
        own = self.data.identity if self.data else None
        if own is None:
            if self.data is not None:
                self.identity_label.setText(self.data.problem)
            self.identity_label.setStyleSheet(_BAD)
            self.fingerprint.setText("—")
            return
        self.identity_label.setStyleSheet("")
        self.identity_label.setText(
            f"{own.body} · {overview.scope_label(own.scope)} · 交换标识 {own.exchange_id}"
        )
        self.fingerprint.setText(own.fingerprint)

    def _own_label(self) -> str:
        own = self.data.identity if self.data else None
        return overview.scope_label(own.scope) if own else "本机"

    def selected_peer(self) -> PeerRow | None:
        rows = self.peer_view.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def selected_conflict(self) -> ConflictView | None:
        rows = self.conflict_view.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def _update_buttons(self) -> None:
        able = self.data is not None and self.data.identity is not None
        live = [p for p in (self.data.peers if self.data else []) if not p.revoked]
        peer, conflict = self.selected_peer(), self.selected_conflict()
        self.export_button.setEnabled(able)
        self.import_button.setEnabled(able)
        self.send_button.setEnabled(able and bool(live))
        self.receive_button.setEnabled(able and bool(live))
        self.revoke_button.setEnabled(able and peer is not None and not peer.revoked)
        for choice, button in self.resolve_buttons.items():
            button.setEnabled(conflict is not None and (choice != conflicts.VALUE or not conflict.whole_record))

    def _say(self, text: str, style: str = _OK) -> None:
        self.result_label.setText(text)
        self.result_label.setStyleSheet(style)
        self.result_label.setVisible(bool(text))

    # --- pairing -------------------------------------------------------------------------------------

    def export_pairing(self, path: Path | None = None) -> Path | None:
        own_label = self._own_label()
        path = path or ask_save_path(self, "导出配对文件", f"{own_label}配对文件.pair", PAIR_FILTER)
        if path is None:
            return None
        try:
            own = self.session.perform(pairing.export_file, self.session.user, path)
        except (DomainError, OSError) as exc:
            self._say(f"未能导出配对文件：{exc}", _BAD)
            return None
        self._say(f"已导出配对文件：{path}\n请交给对方，并在对方导入时把本机指纹读给对方核对：{own.fingerprint}")
        return path

    def import_pairing(self, path: Path | None = None) -> bool:
        path = path or ask_open_path(self, "导入配对文件", PAIR_FILTER)
        if path is None:
            return False
        try:
            found = pairing.read_file(path)
        except Refused as exc:
            self._say(f"未配对：{exc}", _BAD)
            return False
        if not confirm_pairing(self, found):
            self._say("未配对：指纹未确认。", _WARN)
            return False
        try:
            peer = self.session.perform(pairing.import_file, self.session.user, path, found.fingerprint)
        except DomainError as exc:
            self._say(f"未配对：{exc}", _BAD)
            return False
        self._say(f"已与“{peer.body}”配对，今后可以互相发送数据包。")
        self.refresh()
        select_key(self.peer_view, peer.exchange_id)
        return True

    def revoke_peer(self) -> bool:
        peer = self.selected_peer()
        if peer is None or not confirm(
            self, "撤销配对",
            f"撤销与“{peer.body}”的配对？\n撤销后拒收其数据包，也不再向其发送；恢复须重新导入配对文件并核对指纹。",
        ):  # fmt: skip
            return False
        try:
            self.session.perform(pairing.revoke, self.session.user, peer.exchange_id)
        except DomainError as exc:
            self._say(str(exc), _BAD)
            return False
        self._say(f"已撤销与“{peer.body}”的配对。", _WARN)
        return True

    # --- packages ------------------------------------------------------------------------------------

    def send_package(self) -> None:
        if self.data is None:
            return
        chosen = self.selected_peer()
        answer = ask_send(self, self._own_label(), self.data.peers, chosen.exchange_id if chosen else None)
        if answer is None:
            return
        peer_id, full, path = answer
        self._say("")
        self.task = self.session.run_operation(
            self, "生成发送包", jobs.send_job, self.session.user, peer_id, path, full,
            on_success=lambda result: self._say(sent_text(result)), on_failure=self._failed, cancellable=True,
        )  # fmt: skip

    def receive_package(self, path: Path | None = None) -> None:
        path = path or ask_open_path(self, "接收数据包", f"{FILTER};;所有文件 (*)")
        if path is None:
            return
        self._say("")
        self.task = run_task(self, "接收数据包", jobs.preview_job, self.session.user, path,
                             on_success=lambda preview: self._previewed(path, preview),
                             on_failure=self._failed, cancellable=True)  # fmt: skip

    def _previewed(self, path: Path, preview) -> None:
        if preview.duplicate:
            self._say(result_text(preview), _WARN)
            return
        if not confirm_import(self, preview):
            self._say("未导入：" + preview_text(preview), _WARN)
            return
        self.task = self.session.run_operation(
            self, "导入数据包", jobs.receive_job, self.session.user, path,
            on_success=self._received, on_failure=self._failed,
        )  # fmt: skip

    def _received(self, result) -> None:
        self._say(result_text(result), _WARN if result.conflicts else _OK)
        self.refresh()

    def _failed(self, error: Exception) -> None:
        if isinstance(error, Cancelled):
            self._say("已取消，未作任何改动。", _WARN)
        elif isinstance(error, Refused):
            self._say(f"拒收：{error}", _BAD)
        elif isinstance(error, DomainError):
            self._say(str(error), _BAD)
        elif isinstance(error, OSError):
            self._say(f"无法读写文件：{error.strerror or error}", _BAD)
        else:
            show_error(self, error)

    # --- conflicts -----------------------------------------------------------------------------------

    def resolve_selected(self, choice: str) -> bool:
        row = self.selected_conflict()
        if row is None or (choice == conflicts.VALUE and row.whole_record):
            return False
        value = None
        if choice == conflicts.VALUE:
            value = ask_value(self, row)
            if value is None:
                return False
        try:
            self.session.perform(conflicts.resolve, self.session.user, row.id, choice, value)
        except DomainError as exc:
            self.conflict_message.setText(f"冲突未处理：{exc}")
            self.conflict_message.show()
            return False
        self.conflict_message.hide()
        return True
