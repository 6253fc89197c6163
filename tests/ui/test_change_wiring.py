"""Every page reloads on exactly the kinds of change it shows; writes announce one Changes, on the GUI thread."""

import re
import threading
from datetime import date
from pathlib import Path

import pytest

from app.services.cases import handling as cases
from app.services.core import settings
from app.services.core.changes import KINDS, Changes
from app.services.core.errors import ValidationError
from app.services.enterprises.search import EnterpriseQuery, search_ids
from app.services.liaison import experts
from app.services.system import database as setup
from app.ui.accounts.page import AccountsPage
from app.ui.applications.round_page import RoundPage
from app.ui.cases.cases_page import CasesPage
from app.ui.cases.detail_dialog import CaseDetailDialog
from app.ui.dashboard.page import DashboardPage
from app.ui.enforcement.page import EnforcementPage
from app.ui.enterprises.register_page import RegisterPage
from app.ui.exchange.page import ExchangePage
from app.ui.fairs.page import FairsPage
from app.ui.liaison.enterprise_tab import LiaisonTab
from app.ui.liaison.events_page import EventsPage
from app.ui.liaison.experts_page import ExpertsPage
from app.ui.liaison.liaison_page import LiaisonPage
from app.ui.listing.list_page import ListPage
from app.ui.plans.page import PlansPage
from app.ui.publicity.page import PublicityPage
from app.ui.questionnaires.page import QuestionnairesPage
from app.ui.statistics.page import StatisticsPage
from app.ui.system.calendar_panel import CalendarPanel
from app.ui.system.fonts_panel import FontsPanel
from app.ui.system.setting_form import SettingsForm
from app.ui.system.settings_page import BackupBox

# What each screen shows, by kind of change: it must reload on these and on nothing else.
SHOWN = {
    DashboardPage: set(
        "enterprises rounds applications listing assignments visits followups cases calendar settings plans fairs".split()
    ),
    RegisterPage: {"enterprises"},
    RoundPage: {"applications", "rounds", "enterprises"},
    ListPage: {"applications", "listing", "enterprises", "settings"},  # settings: the re-examination warning days
    LiaisonPage: {"visits", "followups", "assignments", "enterprises", "listing", "settings"},  # visit interval
    LiaisonTab: {"assignments", "visits", "followups", "events"},
    EventsPage: {"events"},
    PlansPage: {"plans"},
    PublicityPage: {"publicity"},
    EnforcementPage: {"enforcement"},
    FairsPage: {"fairs", "settings", "enterprises"},  # the warning window; enterprise names
    ExpertsPage: {"experts", "consultations"},
    QuestionnairesPage: {"questionnaires", "responses"},
    CasesPage: {"cases", "calendar", "enterprises", "listing", "settings"},  # settings: the time-limit rules
    CaseDetailDialog: {"cases", "calendar"},
    AccountsPage: {"accounts"},
    ExchangePage: {"exchange"},  # the pending counts, which any write changes, are re-read when it is shown
    StatisticsPage: set(
        "enterprises applications listing visits followups events consultations questionnaires responses cases "
        "reference support publicity".split()
    ),
    SettingsForm: {"settings"},
    CalendarPanel: {"calendar"},
    FontsPanel: {"settings"},  # the font file chosen
    BackupBox: {"settings"},  # the backup folder
}
APP = Path(__file__).resolve().parents[2] / "app"


def _screens(session, case_id: int, enterprise_id: int) -> dict:
    """Each screen of SHOWN, built on `session`, with the method its reload goes through."""
    tab = LiaisonTab(session)
    tab.bind(enterprise_id, True)
    liaison = LiaisonPage(session)
    return {
        DashboardPage: (DashboardPage(session), "refresh"),
        RegisterPage: (RegisterPage(session), "apply_filters"),
        RoundPage: (RoundPage(session), "reload"),
        ListPage: (ListPage(session), "reload"),
        LiaisonPage: (liaison, "_update_titles"),
        LiaisonTab: (tab, "load"),
        EventsPage: (EventsPage(session), "load"),
        PlansPage: (PlansPage(session), "load"),
        PublicityPage: (PublicityPage(session), "load"),
        EnforcementPage: (EnforcementPage(session), "load"),
        FairsPage: (FairsPage(session), "load"),
        ExpertsPage: (ExpertsPage(session), "load"),
        QuestionnairesPage: (QuestionnairesPage(session), "reload"),
        CasesPage: (CasesPage(session), "reload"),
        CaseDetailDialog: (CaseDetailDialog(session, case_id), "reload"),
        AccountsPage: (AccountsPage(session), "refresh"),
        ExchangePage: (ExchangePage(session), "refresh"),
        StatisticsPage: (StatisticsPage(session), "reload"),
        SettingsForm: (SettingsForm(session, settings.specs_in(settings.ROUNDS)), "load"),
        CalendarPanel: (CalendarPanel(session), "reload"),
        FontsPanel: (FontsPanel(session), "refresh"),
        BackupBox: (BackupBox(session), "show_folder"),
    }


def test_every_screen_reloads_on_exactly_the_kinds_it_shows(qtbot, admin_session, monkeypatch):
    admin = admin_session.user
    case = cases.create_case(admin, {"type": "patent-dispute", "summary": "纠纷", "received_on": date.today()},
                             [{"name": "某机械厂", "role": "respondent"}], [])  # fmt: skip
    screens = _screens(admin_session, case.id, search_ids(admin, EnterpriseQuery())[0])
    assert set(screens) == set(SHOWN)
    reloaded = []
    for screen, (widget, method) in screens.items():
        qtbot.addWidget(widget)
        monkeypatch.setattr(widget, method, lambda *_a, s=screen: reloaded.append(s))
    wrong = {}
    for kind in KINDS:
        reloaded.clear()
        admin_session.changed.emit(Changes.of(kind))
        expected = {screen for screen, kinds in SHOWN.items() if kind in kinds}
        if set(reloaded) != expected:
            wrong[kind] = sorted(s.__name__ for s in set(reloaded) ^ expected)
    assert wrong == {}

    register = screens[RegisterPage][0]
    register.mine_box.setChecked(True)  # 我的企业: now who is whose liaison matters too
    reloaded.clear()
    admin_session.changed.emit(Changes(assignments=True))
    assert RegisterPage in reloaded


def test_every_listener_is_in_the_table():
    """A screen that starts listening to the session must say above what it shows."""
    listening = {
        path.relative_to(APP.parent).with_suffix("").as_posix().replace("/", ".")
        for path in APP.rglob("*.py")
        if "session.changed.connect(" in path.read_text(encoding="utf-8")
    }
    assert listening == {screen.__module__ for screen in SHOWN}


def test_no_change_is_announced_as_a_string():
    pattern = re.compile(r"changed\.emit\(\s*[\"'A-Z]")
    offenders = [str(p) for p in APP.rglob("*.py") if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_perform_announces_a_write_once_and_a_refusal_not_at_all(admin_session):
    announced = []
    admin_session.changed.connect(announced.append)
    admin = admin_session.user
    expert = admin_session.perform(experts.save_expert, admin, {"name": "王专家", "field": "patent"})
    assert expert.name == "王专家" and announced == [Changes(experts=True)]
    with pytest.raises(ValidationError):
        admin_session.perform(experts.save_expert, admin, {"name": "", "field": "patent"})
    admin_session.perform(experts.experts, admin)  # a read announces nothing either
    assert announced == [Changes(experts=True)]


def save_expert_job(actor, name: str):
    try:
        return experts.save_expert(actor, {"name": name, "field": "patent"})
    finally:
        setup.release_connection()


def test_a_worker_write_is_announced_on_the_gui_thread_before_on_success(qtbot, admin_session):
    seen = []
    admin_session.changed.connect(
        lambda changes: seen.append((changes, threading.current_thread() is threading.main_thread()))
    )
    admin_session.run_operation(None, "保存", save_expert_job, admin_session.user, "李专家",
                                on_success=lambda expert: seen.append(expert.name))  # fmt: skip
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=15000)
    assert seen == [(Changes(experts=True), True), "李专家"]

    failures = []
    admin_session.run_operation(None, "保存", save_expert_job, admin_session.user, "",
                                on_failure=failures.append)  # fmt: skip
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=15000)
    assert isinstance(failures[0], ValidationError) and len(seen) == 2
