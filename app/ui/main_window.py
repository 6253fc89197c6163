"""The main window only wires pages together: navigation on the left, one page at a time on the right."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QMainWindow, QStackedWidget, QWidget

from app import APP_NAME
from app.services.core import installation
from app.services.core.permissions import is_admin
from app.services.exchange.overview import may_exchange
from app.services.system import audit_chain
from app.services.system.audit_trail import can_view as can_view_audit
from app.ui import dirty_guard, screen_fit, window_state
from app.ui.accounts.page import AccountsPage
from app.ui.accounts.password_dialog import ChangePasswordDialog
from app.ui.applications.editor import open_editor
from app.ui.applications.round_page import RoundPage
from app.ui.cases.cases_page import CasesPage
from app.ui.dashboard.page import DashboardPage
from app.ui.enforcement.page import EnforcementPage
from app.ui.enterprises.register_page import RegisterPage
from app.ui.excel.actions import add_file_menu_actions
from app.ui.exchange.page import ExchangePage
from app.ui.fairs.page import FairsPage
from app.ui.liaison.events_page import EventsPage
from app.ui.liaison.experts_page import ExpertsPage
from app.ui.liaison.liaison_page import LiaisonPage
from app.ui.listing.list_page import ListPage
from app.ui.placeholder_page import PlaceholderPage
from app.ui.plans.page import PlansPage
from app.ui.publicity.page import PublicityPage
from app.ui.questionnaires.page import QuestionnairesPage
from app.ui.session import Session
from app.ui.statistics.page import StatisticsPage
from app.ui.system.audit_page import AuditPage
from app.ui.system.auto_backup import AutoBackup
from app.ui.system.help import add_help_menu
from app.ui.system.settings_page import SettingsPage

AREAS = (
    "工作台",
    "企业名录库",
    "申报与审核",
    "重点企业名录",
    "联络走访",
    "问卷调查",
    "活动培训",
    "宣传报道",
    "纠纷案件",
    "专家智库",
    "工作方案",
    "执法协作",
    "展会与海关",
    "统计报表",
    "数据交换",
    "审计日志",
    "账号管理",
    "系统设置",
)
AUDIT = "审计日志"
EXCHANGE = "数据交换"
ADMIN_AREAS = frozenset({"账号管理"})


class MainWindow(QMainWindow):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.installation = installation.current()
        self.setWindowTitle(window_title(self.installation.title))
        # The areas this user has: the audit log for those allowed to read it, accounts for administrators,
        # the exchange for those the exchange services let act.
        self.areas = [
            a for a in AREAS
            if (a != AUDIT or can_view_audit(session.user)) and (a not in ADMIN_AREAS or is_admin(session.user))
            and (a != EXCHANGE or may_exchange(session.user))
        ]  # fmt: skip
        self.nav = QListWidget()
        self.nav.addItems(self.areas)
        self.nav.setFixedWidth(150)
        self.nav.setStyleSheet(
            "QListWidget { font-size: 11pt; outline: none; } QListWidget::item { padding: 7px 12px; }"
        )
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {area: self._make_page(area) for area in self.areas}
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self._go_to)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._status_bar()
        self._actions()
        self.nav.setCurrentRow(0)
        self._wire_dashboard()
        self._restore_geometry()
        self.auto_backup = AutoBackup(self.statusBar(), self)
        QTimer.singleShot(0, self.auto_backup.check)

    @property
    def register(self) -> RegisterPage:
        return self.pages["企业名录库"]

    def _make_page(self, area: str) -> QWidget:
        if area == "工作台":
            return DashboardPage(self.session)
        if area == "企业名录库":
            return RegisterPage(self.session)
        if area == "申报与审核":
            return RoundPage(self.session)
        if area == "重点企业名录":
            return ListPage(self.session)
        if area == "问卷调查":
            return QuestionnairesPage(self.session)
        if area == "纠纷案件":
            return CasesPage(self.session)
        if area == "联络走访":
            return LiaisonPage(self.session)
        if area == "活动培训":
            return EventsPage(self.session)
        if area == "宣传报道":
            return PublicityPage(self.session)
        if area == "专家智库":
            return ExpertsPage(self.session)
        if area == "工作方案":
            return PlansPage(self.session)
        if area == "执法协作":
            return EnforcementPage(self.session)
        if area == "展会与海关":
            return FairsPage(self.session)
        if area == "统计报表":
            return StatisticsPage(self.session)
        if area == "系统设置":
            return SettingsPage(self.session)
        if area == AUDIT:
            return AuditPage(self.session)
        if area == "账号管理":
            return AccountsPage(self.session)
        if area == EXCHANGE:
            return ExchangePage(self.session)
        return PlaceholderPage(area)

    def _wire_dashboard(self) -> None:
        """A due item on the dashboard opens its record: an application's editor, or the list at the entry."""
        dashboard = self.pages["工作台"]
        dashboard.open_application.connect(lambda app_id: open_editor(self, self.session, app_id))
        dashboard.open_entry.connect(self.show_entry)
        dashboard.open_plan.connect(self.show_plan)
        dashboard.open_recordal.connect(self.show_recordal)

    def show_entry(self, entry_id: int) -> None:
        self.show_area("重点企业名录")
        self.pages["重点企业名录"].focus_entry(entry_id)

    def show_plan(self, plan_id: int) -> None:
        self.show_area("工作方案")
        self.pages["工作方案"].focus_plan(plan_id)

    def show_recordal(self, recordal_id: int) -> None:
        self.show_area("展会与海关")
        self.pages["展会与海关"].focus_recordal(recordal_id)

    def show_area(self, area: str) -> None:
        self.nav.setCurrentRow(self.areas.index(area))

    def _go_to(self, row: int) -> None:
        """Show the chosen page, unless the page being left keeps unsaved edits (取消): then stay on it."""
        leaving = self.stack.currentWidget()
        if row != self.stack.currentIndex() and not _settled(leaving):
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(self.stack.currentIndex())
            self.nav.blockSignals(False)
            return
        self.stack.setCurrentIndex(row)

    def may_leave(self) -> bool:
        """切换用户 and 退出 first settle every open editor, then every page that holds unsaved edits."""
        if not dirty_guard.settle_open_editors(self):
            return False
        for area, page in self.pages.items():
            if not _settled(page):
                self.show_area(area)
                return False
        return True

    def switch_user(self) -> None:
        if self.may_leave():
            self.session.relogin_requested.emit()

    def _status_bar(self) -> None:
        bar = self.statusBar()
        self.db_label = QLabel(f"数据库：{self.session.db_path}")
        self.installation_label = QLabel(f"本机：{self.installation.title}")
        if self.installation.demo:
            self.installation_label.setStyleSheet("color: #8a5300; font-weight: bold")
        self.user_label = QLabel(f"当前用户：{self.session.user_label()}")
        bar.addWidget(self.installation_label)
        bar.addWidget(self.db_label, 1)
        bar.addPermanentWidget(self.user_label)

    def _actions(self) -> None:
        menu = self.menuBar().addMenu("文件(&F)")
        new = QAction("新建企业(&N)", self, shortcut=QKeySequence.StandardKey.New)
        new.triggered.connect(self._new_enterprise)
        find = QAction("查找企业(&F)", self, shortcut=QKeySequence.StandardKey.Find)
        find.triggered.connect(self._find)
        relogin = QAction("切换用户(&U)", self)
        relogin.triggered.connect(self.switch_user)
        leave = QAction("退出(&X)", self, shortcut=QKeySequence.StandardKey.Quit)
        leave.triggered.connect(self.close)
        for action in (new, find, relogin):
            menu.addAction(action)
        menu.addSeparator()
        self.excel_actions = add_file_menu_actions(self, menu)
        menu.addSeparator()
        menu.addAction(leave)
        new.setEnabled(self.register.can_create)
        account = self.menuBar().addMenu("账号(&A)")
        self.password_action = QAction("修改密码(&P)…", self)
        self.password_action.triggered.connect(self.change_password)
        account.addAction(self.password_action)
        account.addAction(relogin)
        add_help_menu(self)

    def change_password(self) -> None:
        dialog = ChangePasswordDialog(self.session.user, perform=self.session.perform, parent=self)
        if dialog.exec():
            self.statusBar().showMessage("密码已修改", 5000)

    def _new_enterprise(self) -> None:
        self.show_area("企业名录库")
        self.register.new_enterprise()

    def _find(self) -> None:
        self.show_area("企业名录库")
        self.register.focus_search()

    def _restore_geometry(self) -> None:
        window_state.place(self, (1280, 800))

    def opens_maximised(self) -> bool:
        """Maximised on a laptop-sized screen, or when this user left it maximised."""
        return screen_fit.is_small_screen(self) or window_state.was_maximised(self)

    def present(self) -> None:
        if self.opens_maximised():
            self.showMaximized()
        else:
            self.show()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if not self.may_leave():
            event.ignore()
            return
        audit_chain.remember_head()  # the trail's head as this window leaves it, for the next opening's check
        super().closeEvent(event)


def window_title(body: str) -> str:
    """The installation, then the product. Qt appends the application's display name (the product) to a title
    that does not already end with it, so ending with it keeps the product named once on every platform."""
    return f"{body} — {APP_NAME}"


def _settled(page: QWidget) -> bool:
    """A page with edits of its own (系统设置) settles them; the other pages hold none."""
    settle = getattr(page, "settle", None)
    return settle() if settle is not None else True
