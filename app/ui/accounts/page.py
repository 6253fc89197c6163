"""账号管理 (city administrators): every account with its role, district, state and last sign-in; new, edit,
disable / enable and reset password. A generated password is shown once, in a message the user can copy."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.services.accounts import users as accounts
from app.services.accounts.users import UserRow
from app.services.core.changes import Changes
from app.services.core.errors import DomainError
from app.ui.accounts.user_dialog import UserDialog
from app.ui.district_names import district_column
from app.ui.session import Session
from app.ui.tables import ROW_ROLE, Column, RowsModel, declare_matters, rows_view, select_key
from app.ui.widgets import confirm, show_error

_GREY, _RED = ("#888888", None), ("#c0392b", None)


def _look(row: UserRow):
    return _GREY if not row.active else _RED if row.locked else None


COLUMNS = (
    Column("登录名", lambda r: r.login, look=_look),
    Column("姓名", lambda r: r.display_name, look=_look),
    Column("角色", lambda r: r.role_label, look=_look),
    district_column("所属旗区", lambda r: r.district_name or "市局", look=_look),
    Column("电话", lambda r: r.phone, look=_look),
    Column("状态", lambda r: r.state, look=_look),
    Column(
        "最近登录",
        lambda r: f"{r.last_login_at:%Y-%m-%d %H:%M}" if r.last_login_at else "从未登录",
        look=_look,
    ),
)


class AccountsPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.model = RowsModel(COLUMNS)
        self.view = rows_view(self.model)
        self.view.doubleClicked.connect(lambda _index: self.edit_user())
        for column, width in enumerate((120, 160, 110, 110, 130, 110)):
            self.view.setColumnWidth(column, width)
        self.view.horizontalHeader().setStretchLastSection(True)
        declare_matters(self.view, ("登录名", "姓名", "角色", "所属旗区", "状态"))
        self.buttons = {}
        bar = QHBoxLayout()
        for key, text, slot in (
            ("add", "新建账号…", self.add_user),
            ("edit", "编辑…", self.edit_user),
            ("active", "停用", self.toggle_active),
            ("reset", "重置密码…", self.reset_password),
        ):
            self.buttons[key] = QPushButton(text)
            self.buttons[key].clicked.connect(slot)
            bar.addWidget(self.buttons[key])
        bar.addStretch(1)
        note = QLabel(
            "停用的账号不能登录，其历史记录保留；新建账号和重置密码生成的一次性密码只显示一次，登录后须修改。"
        )
        note.setStyleSheet("color: #666;")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(note)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        session.changed.connect(self._on_changed)
        self.refresh()

    def refresh(self, keep: int | None = None) -> None:
        keep = keep if keep is not None else getattr(self.selected(), "id", None)
        self.model.set_rows(accounts.user_rows(self.session.user))
        if keep is not None:
            select_key(self.view, keep)
        self._update_buttons()

    def _on_changed(self, changes: Changes) -> None:
        if changes.accounts:
            self.refresh()

    def selected(self) -> UserRow | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def _update_buttons(self) -> None:
        row = self.selected()
        for key in ("edit", "active", "reset"):
            self.buttons[key].setEnabled(row is not None)
        self.buttons["active"].setText("启用" if row is not None and not row.active else "停用")

    def add_user(self) -> None:
        dialog = UserDialog(self.session, parent=self)
        if dialog.exec() and dialog.created_password:
            self.refresh(keep=dialog.user.id)
            self._show_password(dialog.user.login, dialog.created_password, "账号已新建")

    def edit_user(self) -> None:
        row = self.selected()
        if row is not None and UserDialog(self.session, accounts.get_user(row.login), parent=self).exec():
            self.refresh(keep=row.id)

    def toggle_active(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.active and not confirm(
            self, "停用账号", f"停用 {row.display_name}（{row.login}）？停用后不能登录，历史记录保留。"
        ):
            return
        self._perform(accounts.set_active, self.session.user, accounts.get_user(row.login), not row.active)

    def reset_password(self) -> None:
        row = self.selected()
        if row is None or not confirm(
            self, "重置密码", f"为 {row.display_name}（{row.login}）生成新的一次性密码？"
        ):
            return
        password = self._perform(accounts.reset_password, self.session.user, accounts.get_user(row.login))
        if password:
            self._show_password(row.login, password, "密码已重置")

    def _perform(self, operation, *args):
        try:
            return self.session.perform(operation, *args)
        except DomainError as exc:
            show_error(self, exc)
            return None

    def _show_password(self, login: str, password: str, title: str) -> None:
        QMessageBox.information(
            self,
            title,
            f"登录名：{login}\n一次性密码：{password}\n\n此密码只显示这一次，请当面或电话告知本人；首次登录后须修改。",
        )
