"""The enterprise form: 基本信息 plus the record tabs, read-only where the user may not write.

A new enterprise shows only 基本信息 until its first save; the other tabs need its id.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from app.services.core import reference
from app.services.core.errors import ConcurrentEdit, DomainError, ValidationError
from app.services.core.permissions import can_write_enterprises
from app.services.enterprises import register as enterprises
from app.ui.applications.start import open_for_enterprise
from app.ui.dirty_guard import DirtyGuard
from app.ui.enterprises.attachments_tab import AttachmentsTab
from app.ui.enterprises.basic_tab import BasicTab
from app.ui.enterprises.contacts_tab import ContactsTab
from app.ui.enterprises.history_tab import HistoryTab
from app.ui.enterprises.holdings_tab import HoldingsTab
from app.ui.enterprises.honors_tab import HonorsTab
from app.ui.liaison.enterprise_tab import LiaisonTab
from app.ui.session import Session
from app.ui.support.ledger_tab import SupportTab
from app.ui.widgets import confirm, set_error, show_error
from app.ui.window_state import place


class EnterpriseForm(DirtyGuard, QDialog):
    def __init__(self, session: Session, enterprise_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.enterprise_id = enterprise_id
        self.row_version: int | None = None
        self.loaded_name = ""
        user = session.user
        writable = [d for d in reference.districts() if can_write_enterprises(user, d)]
        self.basic = BasicTab(writable)
        self.records = {
            "联系人": ContactsTab(session),
            "知识产权": HoldingsTab(session),
            "荣誉称号": HonorsTab(session),
            "联络与走访": LiaisonTab(session),
            "扶持情况": SupportTab(session),
            "附件": AttachmentsTab(session),
            "变更记录": HistoryTab(session),
        }
        self.tabs = QTabWidget()
        self.tabs.addTab(self.basic, "基本信息")
        for title, tab in self.records.items():
            self.tabs.addTab(tab, title)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("保存 (Ctrl+S)")
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        self.application_button = self.buttons.addButton("申报表…", QDialogButtonBox.ButtonRole.ActionRole)
        self.application_button.setToolTip("打开本年度申报表，或根据企业信息新建申报表草稿")
        self.application_button.clicked.connect(lambda: self.open_application())
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        place(self, (860, 720))
        self.editable = bool(writable)
        if enterprise_id is None:
            self._show_new()
        else:
            self.load()
        self.guard(self.save, scope=self.basic)  # the other tabs save each change at once

    def _show_new(self) -> None:
        self.setWindowTitle("新建企业")
        self.basic.start_new()
        self.application_button.setEnabled(False)
        for index in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(index, False)
        self._say("填写基本信息并保存后，可继续录入联系人、知识产权、荣誉称号和附件。")

    def load(self) -> None:
        enterprise = enterprises.get(self.session.user, self.enterprise_id)
        self.row_version = enterprise.row_version
        self.loaded_name = enterprise.name
        self.editable = can_write_enterprises(self.session.user, enterprise.district_id)
        self.basic.set_values(enterprise)
        self.basic.set_read_only(not self.editable)
        self.save_button.setEnabled(self.editable)
        self.setWindowTitle(f"{enterprise.name}{'（已归档）' if enterprise.archived else ''}")
        for index in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(index, True)
        self.application_button.setEnabled(True)
        for tab in self.records.values():
            tab.bind(enterprise.id, self.editable)
        if not self.editable:
            self._say("您只能查看这家企业的信息（只读）。")
        self.mark_clean()

    def open_application(self):
        """The enterprise's application of this year's round (offering to draft one); None if none opened."""
        if self.enterprise_id is None:
            return None
        return open_for_enterprise(self, self.session, self.enterprise_id)

    def _say(self, text: str, warning: bool = False) -> None:
        self.message.setStyleSheet("color: #c0392b;" if warning else "color: #555;")
        set_error(self.message, text)

    def save(self) -> bool:
        if not self.editable:
            return False
        data = self.basic.values()
        if not self._confirm_unique_name(data["name"]):
            return False
        try:
            if self.enterprise_id is None:
                result = self.session.perform(enterprises.create, self.session.user, data)
            else:
                result = self.session.perform(
                    enterprises.update,
                    self.session.user,
                    self.enterprise_id,
                    data,
                    expected_version=self.row_version,
                )
        except ValidationError as exc:
            self.basic.show_errors(exc.errors)
            self.tabs.setCurrentWidget(self.basic)
            self._say(f"有 {len(exc.errors)} 处需要修改，见红字提示。", warning=True)
            return False
        except ConcurrentEdit as exc:
            if confirm(self, "保存失败", f"{exc}\n\n现在重新载入吗？（您在本页未保存的修改将被放弃）"):
                self.load()
                self._say("已重新载入他人保存的内容。", warning=True)
            return False
        except DomainError as exc:
            show_error(self, exc, "保存失败")
            return False
        self.basic.show_errors({})
        self.enterprise_id = result.enterprise.id
        self.load()
        self._say("已保存。")
        return True

    def _confirm_unique_name(self, name: str) -> bool:
        """Ask before saving a name that folds to an existing one: usually the same enterprise twice."""
        if not name.strip() or name.strip() == self.loaded_name:
            return True
        others = enterprises.similar_names(name, self.enterprise_id)
        if not others:
            return True
        listing = "\n".join(f"· {other.name}（{other.uscc}）" for other in others[:5])
        return confirm(
            self, "名称相近", f"已有名称几乎相同的企业：\n{listing}\n\n确定不是同一家企业并继续保存吗？"
        )
