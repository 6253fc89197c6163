"""Every page and dialog at 1366×768 and 1024×768 (a 40 px taskbar below): the window and its frame fit the
available area and every visible action button lies inside it. Pictures of each go to $SCREENSHOTS (or the
test's temporary folder) for review."""

import io
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QTableView

from app.models import Enterprise, ListEntry
from app.services.applications import forms as applications
from app.services.applications import printing as application_print
from app.services.cases import handling as cases
from app.services.enterprises.search import EnterpriseQuery, search_ids
from app.services.questionnaires import catalogue as questionnaires
from app.ui import screen_fit
from app.ui.tables import MATTERS
from tests.helpers.screens import (
    SCREENS,
    column_problems,
    misfits,
    select_first_rows,
    settle,
    shoot,
    shots_folder,
    use_screen,
)

SCREEN_IDS = list(SCREENS)


@pytest.fixture(params=SCREEN_IDS)
def screen(request, monkeypatch):
    use_screen(monkeypatch, SCREENS[request.param])
    return request.param, SCREENS[request.param]


def _own_enterprise(users) -> int:
    return search_ids(users["dongsheng"], EnterpriseQuery(district_code="150602"))[0]


def _case(users) -> int:
    ent = Enterprise.select().order_by(Enterprise.id).first()
    ListEntry.create(enterprise=ent, listed_on=date(2025, 1, 10), next_review_on=date(2027, 1, 10))
    case = cases.create_case(
        users["admin"],
        {
            "type": "patent-dispute",
            "summary": "发明专利侵权纠纷",
            "received_on": date.today() - timedelta(days=5),
        },
        [{"uscc": ent.uscc, "role": "complainant"}, {"name": "某机械厂", "role": "respondent"}],
        [{"kind": "patent", "number": "ZL201910000002.X", "title": "一种输送装置"}],
    )
    return case.id


def _enterprise_form(session, users, tmp_path):
    from app.ui.enterprises.enterprise_form import EnterpriseForm

    return EnterpriseForm(session("dongsheng"), _own_enterprise(users))


def _new_enterprise(session, users, tmp_path):
    from app.ui.enterprises.enterprise_form import EnterpriseForm

    return EnterpriseForm(session("dongsheng"))


def _contact(session, users, tmp_path):
    from app.ui.enterprises.contact_dialog import ContactDialog

    return ContactDialog(session("dongsheng"), _own_enterprise(users))


def _application_editor(session, users, tmp_path):
    from app.ui.applications.editor import ApplicationEditor

    draft = applications.new_draft(users["dongsheng"], _own_enterprise(users), date.today().year)
    return ApplicationEditor(session("dongsheng"), draft.id)


def _case_detail(session, users, tmp_path):
    from app.ui.cases.detail_dialog import CaseDetailDialog

    return CaseDetailDialog(session("admin"), _case(users))


def _new_case(session, users, tmp_path):
    from app.ui.cases.new_case_dialog import NewCaseDialog

    return NewCaseDialog(session("admin"))


def _print_preview(session, users, tmp_path):
    from app.ui.pdf_preview import PdfPreviewDialog

    buffer = io.BytesIO()
    application_print.print_blank(buffer, date.today().year)
    return PdfPreviewDialog(buffer.getvalue(), "空白申报表", "空白申报表.pdf", ["示例提示：字体替换"])


def _answer(session, users, tmp_path):
    from app.ui.questionnaires.answer_dialog import AnswerDialog

    survey = questionnaires.install_builtin(users["admin"])
    return AnswerDialog(session("dongsheng"), survey.id, _own_enterprise(users))


def _designer(session, users, tmp_path):
    from app.ui.questionnaires.designer import DesignerDialog

    return DesignerDialog(session("admin"), questionnaires.install_builtin(users["admin"]).id)


def _visit(session, users, tmp_path):
    from app.ui.liaison.visit_dialog import VisitDialog

    return VisitDialog(session("dongsheng"), _own_enterprise(users))


def _event(session, users, tmp_path):
    from app.ui.liaison.event_dialog import EventDialog

    return EventDialog(session("dongsheng"))


def _expert(session, users, tmp_path):
    from app.ui.liaison.expert_dialog import ExpertDialog

    return ExpertDialog(session("admin"))


def _consultation(session, users, tmp_path):
    from app.ui.liaison.consultation_dialog import ConsultationDialog

    return ConsultationDialog(session("admin"))


def _import_wizard(session, users, tmp_path):
    from app.ui.excel.import_wizard import ImportWizard

    return ImportWizard(session("admin"))


def _first_run(session, users, tmp_path):
    from app.ui.first_run_dialog import FirstRunDialog

    return FirstRunDialog(tmp_path / "new.db")


def _login(session, users, tmp_path):
    from app.ui.login_dialog import LoginDialog

    return LoginDialog({"admin": "示例密码"})


def _user(session, users, tmp_path):
    from app.ui.accounts.user_dialog import UserDialog

    return UserDialog(session("admin"))


def _guide(session, users, tmp_path):
    from app.ui.system.help import GuideDialog

    return GuideDialog()


def _recommended(users, count: int = 1) -> list:
    from app.services.applications import decisions as review

    officer, year = users["dongsheng"], date.today().year + 1
    found = []
    for ent_id in search_ids(officer, EnterpriseQuery(district_code="150602"))[:count]:
        draft = applications.submit(officer, applications.new_draft(officer, ent_id, year).id)
        found.append(review.recommend(officer, draft.id, "同意推荐"))
    return found


def _re_exam(session, users, tmp_path):
    from app.ui.listing.list_dialogs import ReExamDialog

    ent = Enterprise.get_by_id(_own_enterprise(users))
    entry = ListEntry.create(enterprise=ent, listed_on=date(2024, 3, 1), next_review_on=date(2026, 3, 1))
    return ReExamDialog(session("admin"), entry)


def _decide(session, users, tmp_path):
    from app.ui.applications.review_dialogs import DecisionDialog

    return DecisionDialog(session("shenhe"), _recommended(users)[0])


def _decide_batch(session, users, tmp_path):
    from app.ui.applications.batch_dialog import BatchDecisionDialog

    return BatchDecisionDialog(session("shenhe"), _recommended(users, 3))


def _followup_status(session, users, tmp_path):
    from app.services.liaison import visits
    from app.ui.liaison.status_dialog import StatusDialog

    item = visits.NewFollowUp("协调商标侵权线索移交执法", date.today() + timedelta(days=10), users["dongsheng"])
    return StatusDialog(session("dongsheng"), visits.add_followup(users["dongsheng"], _own_enterprise(users), item))


def _assign(session, users, tmp_path):
    from app.ui.liaison.assign_dialog import AssignDialog

    return AssignDialog(session("admin"), _own_enterprise(users))


def _publish(session, users, tmp_path):
    from app.ui.listing.list_dialogs import PublishDialog

    return PublishDialog(session("admin"))


def _reason(session, users, tmp_path):
    from app.ui.text_dialog import TextDialog

    return TextDialog(None, "取消重要案件标记", "请填写取消重要案件标记的理由：")


def _pair_confirm(session, users, tmp_path):
    from app.services.exchange import keys
    from app.ui.exchange.pair_dialog import PairConfirmDialog

    return PairConfirmDialog(keys.identity())


def _send_package(session, users, tmp_path):
    from datetime import datetime

    from app.services.exchange.overview import PeerRow
    from app.ui.exchange.send_dialog import SendDialog

    peer = PeerRow("d", "鄂尔多斯市东胜区市场监督管理局", "150602", "东胜区", "00000 " * 8, False,
                   datetime(2026, 12, 1, 9, 30), None, None, 12)  # fmt: skip
    return SendDialog("市局", [peer])


def _recommend(session, users, tmp_path):
    from app.ui.applications.review_dialogs import RecommendDialog

    officer = users["dongsheng"]
    draft = applications.new_draft(officer, _own_enterprise(users), date.today().year + 1)
    return RecommendDialog(session("dongsheng"), applications.submit(officer, draft.id))


def _consult(session, users, tmp_path):
    from app.ui.cases.consult_dialog import ConsultDialog

    return ConsultDialog(session("admin"), cases.get(users["admin"], _case(users)))


def _holding(session, users, tmp_path):
    from app.ui.enterprises.holding_dialog import HoldingDialog

    return HoldingDialog(session("dongsheng"), _own_enterprise(users), {}, date.today().year)


def _honor(session, users, tmp_path):
    from app.ui.enterprises.honors_tab import HonorDialog

    return HonorDialog(session("dongsheng"), _own_enterprise(users))


def _survey_results(session, users, tmp_path):
    from app.ui.questionnaires.results_view import ResultsDialog

    return ResultsDialog(session("admin"), questionnaires.install_builtin(users["admin"]).id)


def _password(session, users, tmp_path):
    from app.ui.accounts.password_dialog import ChangePasswordDialog

    return ChangePasswordDialog(users["dongsheng"])


def _passphrase(session, users, tmp_path):
    from app.ui.system.passphrase_dialog import PassphraseDialog

    return PassphraseDialog(None, "请设置备份口令。恢复备份时需要输入同一口令，请妥善保管。", twice=True)


def _about(session, users, tmp_path):
    from app.ui.system.help import AboutDialog

    return AboutDialog()


def _published(session, users, tmp_path):
    from app.services.listing import publication
    from app.ui.listing.list_dialogs import PublishResultDialog

    ListEntry.create(enterprise=Enterprise.get_by_id(_own_enterprise(users)), listed_on=date(2025, 1, 10),
                     next_review_on=date(2027, 1, 10))  # fmt: skip
    result = publication.publish(users["admin"], tmp_path / "名录公示.xlsx")
    return PublishResultDialog(result, folder=tmp_path)


def _plan_form(make):
    def build(session, users, tmp_path):
        from app.ui.plans import dialogs

        return getattr(dialogs, make)(lambda values: values)

    return build


def _chooser(session, users, tmp_path):
    from app.ui.enterprise_picker import register_chooser

    chooser = register_chooser(users["admin"], "选择企业")
    chooser.search.setText("鄂尔多斯")
    return chooser


def _round(session, users, tmp_path):
    from app.ui.applications.round_dialog import RoundDialog

    return RoundDialog(session("admin"), date.today().year + 1)


def _support(session, users, tmp_path):
    from app.ui.support.entry_dialog import SupportEntryDialog

    return SupportEntryDialog(session("dongsheng"), _own_enterprise(users))


def _publicity(session, users, tmp_path):
    from app.ui.publicity.item_dialog import PublicityDialog

    return PublicityDialog(session("admin"))


DIALOGS = {
    "企业信息": _enterprise_form,
    "新建企业": _new_enterprise,
    "联系人": _contact,
    "申报表编辑": _application_editor,
    "案件详情": _case_detail,
    "新建案件": _new_case,
    "打印预览": _print_preview,
    "填写问卷": _answer,
    "问卷设计": _designer,
    "走访记录": _visit,
    "活动培训": _event,
    "专家": _expert,
    "专家咨询": _consultation,
    "导入向导": _import_wizard,
    "首次运行": _first_run,
    "登录": _login,
    "账号": _user,
    "使用指南": _guide,
    "名录复核": _re_exam,
    "审核决定": _decide,
    "批量审核决定": _decide_batch,
    "更新状态": _followup_status,
    "指定联络人": _assign,
    "公示名录": _publish,
    "理由或意见": _reason,
    "确认配对": _pair_confirm,
    "生成发送包": _send_package,
    "推荐": _recommend,
    "案件咨询专家": _consult,
    "知识产权年度数据": _holding,
    "荣誉称号": _honor,
    "问卷结果": _survey_results,
    "修改密码": _password,
    "备份口令": _passphrase,
    "关于": _about,
    "公示完成": _published,
    "新建工作方案": _plan_form("plan_dialog"),
    "添加项目": _plan_form("project_dialog"),
    "添加清单任务": _plan_form("task_dialog"),
    "标记完成并注明依据": _plan_form("evidence_dialog"),
    "选择企业": _chooser,
    "申报轮次": _round,
    "扶持记录": _support,
    "宣传报道": _publicity,
}


@pytest.mark.parametrize("name", list(DIALOGS))
def test_every_dialog_fits_the_screen(qtbot, session_for, demo_users, tmp_path, screen, name):
    screen_id, area = screen
    dialog = DIALOGS[name](session_for, demo_users, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    problems = misfits(dialog, area)
    shoot(dialog, shots_folder(tmp_path / "shots"), f"{screen_id}-{name}")
    assert problems == [], problems


def test_every_page_of_the_main_window_fits_the_screen(qtbot, admin_session, tmp_path, screen):
    from app.ui.main_window import MainWindow

    screen_id, area = screen
    window = MainWindow(admin_session)
    qtbot.addWidget(window)
    assert window.opens_maximised()  # both screens are small: every pixel is needed
    # Offscreen has no window manager to maximise it: give it the size a maximised window gets.
    window.resize(screen_fit.usable_size())
    window.show()
    folder = shots_folder(tmp_path / "shots")
    problems = []
    for area_name in window.areas:
        window.show_area(area_name)
        problems += [f"{area_name}: {p}" for p in misfits(window, area)]
        shoot(window, folder, f"{screen_id}-主窗口-{area_name}")
    assert problems == [], problems


def test_the_columns_that_matter_show_in_full_on_every_list(qtbot, activity_db, tmp_path, screen):
    """On the demo activity (visits, cases, a decided round …) and the rows of tests/helpers/screen_rows.py,
    every list's declared columns, on every tab, have rows and are wholly in sight without scrolling sideways
    and wide enough for their text."""
    from PySide6.QtCore import QThreadPool

    from app.services.accounts import users as accounts
    from app.ui.main_window import MainWindow
    from app.ui.session import Session
    from tests.helpers.screen_rows import add_screen_rows

    screen_id, _area = screen
    add_screen_rows(accounts.get_user("admin"), tmp_path)
    window = MainWindow(Session(accounts.get_user("admin"), activity_db[0]))
    qtbot.addWidget(window)
    window.resize(screen_fit.usable_size())
    window.show()
    folder = shots_folder(tmp_path / "shots")
    problems, checked = [], []
    # 数据交换 needs a paired installation and a conflict to have rows: tests/ui/exchange/test_exchange_page.py
    # runs this same column check on it at both sizes.
    areas = [a for a in window.areas if a != "数据交换"]
    for area_name in areas:
        window.show_area(area_name)
        QThreadPool.globalInstance().waitForDone(30000)  # the rows some pages load in a worker
        qtbot.wait(20)
        page = window.stack.currentWidget()
        select_first_rows(page)
        QThreadPool.globalInstance().waitForDone(30000)
        qtbot.wait(20)
        settle(window)
        problems += [f"{area_name} {p}" for p in column_problems(page, checked)]
        shoot(window, folder, f"{screen_id}-列-{area_name}")
    exchange_page = window.pages.get("数据交换")
    declared = [v for v in window.findChildren(QTableView) if v.property(MATTERS)
                and not (exchange_page and exchange_page.isAncestorOf(v))]  # fmt: skip
    assert len(checked) == len(declared) >= 15, [v.property(MATTERS) for v in declared if v not in checked]
    assert problems == [], "\n".join(problems)


def test_a_large_screen_opens_the_main_window_at_its_preferred_size(qtbot, admin_session, monkeypatch):
    from PySide6.QtCore import QRect

    from app.ui.main_window import MainWindow

    use_screen(monkeypatch, QRect(0, 0, 1920, 1040))
    window = MainWindow(admin_session)
    qtbot.addWidget(window)
    assert not window.opens_maximised() and window.size() == QSize(1280, 800)


def test_the_harness_sees_a_window_too_big_and_a_button_cut_off(qtbot):
    from PySide6.QtWidgets import QDialog, QPushButton, QScrollArea, QVBoxLayout, QWidget

    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.resize(1100, 700)
    panel = QWidget(dialog)
    panel.setGeometry(0, 0, 200, 100)
    QPushButton("打印", panel).setGeometry(150, 10, 100, 30)  # half of it beyond the panel's right edge
    area = QScrollArea()
    area.setWidget(QPushButton("保存"))
    QVBoxLayout(dialog).addWidget(area)
    dialog.show()
    problems = misfits(dialog, SCREENS["1024x768"])
    assert problems == [
        "QDialog 1100×700 (+窗框) 超出可用区域 1024×728",
        "按钮“打印”被 QWidget 截断",
        "按钮“保存”在滚动区域内，滚动时会看不到",
    ]


def test_the_columns_that_matter_show_in_full_in_the_enterprise_form(qtbot, session_for, demo_users, tmp_path,
                                                                     screen):  # fmt: skip
    """The enterprise form's declared lists (扶持情况 …), with an entry of long, realistic texts, in full at both
    screens."""
    from app.services.support import ledger
    from app.ui.enterprises.enterprise_form import EnterpriseForm

    screen_id, _area = screen
    enterprise_id = _own_enterprise(demo_users)
    ledger.add_entry(demo_users["dongsheng"], enterprise_id, {
        "kind": "funding", "granted_on": date.today() - timedelta(days=20), "amount": "1,250,000.50",
        "granting_body": "鄂尔多斯市市场监督管理局", "programme": "知识产权运营服务体系建设专项资金"})  # fmt: skip
    form = EnterpriseForm(session_for("dongsheng"), enterprise_id)
    qtbot.addWidget(form)
    form.show()
    checked = []
    problems = column_problems(form, checked)
    tabs = form.tabs
    tabs.setCurrentIndex([tabs.tabText(i) for i in range(tabs.count())].index("扶持情况"))
    shoot(form, shots_folder(tmp_path / "shots"), f"{screen_id}-列-企业信息-扶持情况")
    assert any(view.property(MATTERS)[0] == "日期" for view in checked), [v.property(MATTERS) for v in checked]
    assert problems == [], "\n".join(problems)


def test_the_enterprise_chooser_shows_credit_code_and_district_whole(qtbot, demo_users, tmp_path, screen):
    screen_id, _area = screen
    chooser = _chooser(None, demo_users, tmp_path)
    qtbot.addWidget(chooser)
    chooser.show()
    checked = []
    problems = column_problems(chooser, checked)
    shoot(chooser, shots_folder(tmp_path / "shots"), f"{screen_id}-列-选择企业")
    assert checked == [chooser.table] and chooser.table.rowCount() > 10
    assert problems == [], "\n".join(problems)
