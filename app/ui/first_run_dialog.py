"""First start on a new database: which installation this is, its administrator, and demo data or not."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from app.services.accounts.users import MIN_PASSWORD_LENGTH
from app.services.core import installation
from app.services.core.errors import DomainError
from app.services.core.validation import typed_twice_problem
from app.services.system import database as setup
from app.ui.widgets import error_label, set_error


class FirstRunDialog(QDialog):
    def __init__(self, db_path: Path, parent=None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.result_info = None
        self.setWindowTitle("首次使用：设置本机")
        intro = QLabel(f"数据库 {self.db_path} 是新建的。请说明本机属于哪个单位，并设置系统管理员账号。")
        intro.setWordWrap(True)

        self.scope = QComboBox()
        for code, label in installation.scopes():
            self.scope.addItem(label, code)
        self.body = QLineEdit()
        self.body.setMaxLength(60)
        self._suggested = ""
        self.admin_role = QLabel()
        self.scope.currentIndexChanged.connect(lambda _i: self._suggest_body())
        where = QGroupBox("本机所属单位")
        where_form = QFormLayout(where)
        where_form.addRow("所属单位：", self.scope)
        where_form.addRow("发文机关名称：", self.body)
        hint = QLabel("所属单位决定默认的工作范围和打印文书上的发文机关，设置后不能更改。")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555")
        where_form.addRow(hint)

        self.admin_name = QLineEdit("系统管理员")
        self.admin_login = QLineEdit("admin")
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(f"至少 {MIN_PASSWORD_LENGTH} 位，不要用常见密码")
        self.again = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        admin = QGroupBox("系统管理员")
        admin_form = QFormLayout(admin)
        admin_form.addRow("角色：", self.admin_role)
        admin_form.addRow("姓名：", self.admin_name)
        admin_form.addRow("登录名：", self.admin_login)
        admin_form.addRow("密码：", self.password)
        admin_form.addRow("再次输入：", self.again)

        self.demo = QCheckBox("填入演示数据（虚构的企业、账号和业务，仅供试用和培训；正式使用请不要勾选）")
        self.demo.setStyleSheet("QCheckBox { color: #8a5300; }")
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("完成设置")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("退出")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(where)
        layout.addWidget(admin)
        layout.addWidget(self.demo)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self._suggest_body()

    def _suggest_body(self) -> None:
        """Offer the usual bureau name, but keep a name the administrator typed over the suggestion."""
        suggestion = installation.default_body(self.scope.currentData())
        if self.body.text() in ("", self._suggested):
            self.body.setText(suggestion)
        self._suggested = suggestion
        # A district bureau's administrator is that district's: it never acts as the city.
        district = installation.district_name(self.scope.currentData())
        self.admin_role.setText(
            f"{district}旗区局管理员（只管理本旗区的数据和账号）" if district else "市局管理员"
        )
        what = f"{district}的企业和账号" if district else "企业、账号和业务"
        self.demo.setText(f"填入演示数据（虚构的{what}，仅供试用和培训；正式使用请不要勾选）")

    def submit(self) -> None:
        first, second = self.password.text(), self.again.text()
        problem = typed_twice_problem(first, second, "密码")
        if problem:
            set_error(self.error, problem)
            return
        try:
            self.result_info = setup.initialise(
                self.db_path, first, demo=self.demo.isChecked(), activity=self.demo.isChecked(),
                scope=self.scope.currentData(), body=self.body.text(),
                admin_name=self.admin_name.text().strip(), admin_login=self.admin_login.text().strip(),
            )  # fmt: skip
        except DomainError as exc:
            set_error(self.error, str(exc))
            return
        self.accept()
