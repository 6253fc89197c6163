"""The main window: eighteen areas (the audit log only for those who may read it, 账号管理 for city
administrators only, like 数据交换), switching pages, status bar; every area has its real page now."""

from app.ui.main_window import AREAS
from app.ui.placeholder_page import PlaceholderPage


def test_navigation_has_all_areas(main_window):
    texts = [main_window.nav.item(i).text() for i in range(main_window.nav.count())]
    assert texts == [
        "工作台", "企业名录库", "申报与审核", "重点企业名录", "联络走访", "问卷调查",
        "活动培训", "宣传报道", "纠纷案件", "专家智库", "工作方案", "执法协作", "展会与海关", "统计报表", "数据交换",
        "审计日志", "账号管理", "系统设置",
    ]  # fmt: skip
    assert main_window.stack.count() == len(AREAS) == 18


def test_viewer_has_no_audit_log(qtbot, session_for):
    from app.ui.main_window import MainWindow

    window = MainWindow(session_for("chakan"))
    qtbot.addWidget(window)
    texts = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "审计日志" not in texts and "审计日志" not in window.pages and len(texts) == 15
    assert "数据交换" not in texts


def test_only_a_city_admin_has_the_accounts_page(qtbot, session_for):
    from app.ui.main_window import MainWindow

    window = MainWindow(session_for("dongsheng"))
    qtbot.addWidget(window)
    assert "账号管理" not in window.pages and "数据交换" not in window.pages and window.stack.count() == 16
    window.show_area("系统设置")
    assert window.stack.currentWidget() is window.pages["系统设置"]


def test_switching_pages(main_window):
    for row, area in enumerate(AREAS):
        main_window.nav.setCurrentRow(row)
        assert main_window.stack.currentWidget() is main_window.pages[area]
    assert not any(isinstance(page, PlaceholderPage) for page in main_window.pages.values())


def test_status_bar_shows_database_and_user(main_window, demo_db):
    path, _ = demo_db
    assert str(path) in main_window.db_label.text()
    assert "系统管理员" in main_window.user_label.text() and "市局管理员" in main_window.user_label.text()


def test_dashboard_is_the_first_page(main_window):
    dashboard = main_window.pages["工作台"]
    assert main_window.stack.currentWidget() is dashboard
    assert dashboard.listed_value.text() == "0" and dashboard.districts.rowCount() == 11  # ten and 合计


def test_an_overdue_plan_task_on_the_dashboard_opens_its_plan(qtbot, session_for, demo_users):
    from app.services.plans import work_plans
    from app.ui.main_window import MainWindow

    officer = demo_users["dongsheng"]
    plan = work_plans.create_plan(officer, "150602", 2026, {"title": "东胜区工作实施方案"})
    project = work_plans.add_project(officer, plan.id, {"title": "走访"})
    work_plans.add_task(officer, project.id, {"title": "建立问题清单", "due_on": "2026-01-31"})
    window = MainWindow(session_for("admin"))
    qtbot.addWidget(window)
    todo = window.pages["工作台"].todo
    row = next(r for r in range(todo.rowCount()) if todo.item(r, 0).text() == "方案任务逾期")
    assert todo.item(row, 1).text() == "建立问题清单" and todo.item(row, 2).text() == "东胜区"
    todo.open_row(row)
    page = window.pages["工作方案"]
    assert window.stack.currentWidget() is page and page.plan.id == plan.id and page.year.value() == 2026


def test_a_recordal_due_on_the_dashboard_opens_on_its_page(qtbot, session_for, demo_users):
    from datetime import date, timedelta

    from app.services.enterprises.search import EnterpriseQuery, search_ids
    from app.services.fairs import recordals
    from app.ui.main_window import MainWindow

    officer = demo_users["dongsheng"]
    ent = search_ids(officer, EnterpriseQuery(district_code="150602"))[0]
    recordal = recordals.add_recordal(officer, ent, {"right_kind": "商标", "right_title": "鄂尔多斯 第1号",
                                                     "recordal_number": "T2021-7", "valid_until": date.today() + timedelta(days=20)})
    window = MainWindow(session_for("admin"))
    qtbot.addWidget(window)
    todo = window.pages["工作台"].todo
    row = next(r for r in range(todo.rowCount()) if todo.item(r, 0).text() == "海关备案到期")
    assert todo.item(row, 2).text() == "东胜区"
    todo.open_row(row)
    page = window.pages["展会与海关"]
    assert window.stack.currentWidget() is page and page.selected_recordal()["id"] == recordal.id


def test_find_shortcut_goes_to_register(main_window):
    main_window._find()
    assert main_window.stack.currentWidget() is main_window.register


def test_window_geometry_is_remembered(admin_session, qtbot, monkeypatch):
    from PySide6.QtCore import QRect

    from app.ui.main_window import MainWindow
    from tests.helpers.screens import use_screen

    use_screen(monkeypatch, QRect(0, 0, 1920, 1040))  # a large screen: not maximised, its place is kept
    window = MainWindow(admin_session)
    qtbot.addWidget(window)
    window.show()
    window.setGeometry(40, 30, 1500, 900)
    window.close()
    again = MainWindow(admin_session)
    qtbot.addWidget(again)
    assert again.geometry() == QRect(40, 30, 1500, 900)


def test_new_enterprise_shortcut_opens_the_form(main_window):
    main_window._new_enterprise()
    assert main_window.stack.currentWidget() is main_window.register
    form = main_window.register.forms[-1]
    assert form.isVisible() and form.windowTitle() == "新建企业"
    form.close()


def test_the_title_names_the_installation_then_the_product_once(main_window, qapp):
    from app import APP_NAME
    from app.services.core import installation

    shown_before = qapp.applicationDisplayName()
    qapp.setApplicationDisplayName(APP_NAME)  # as the start-up does
    try:
        title = main_window.windowTitle()
        # Qt's rule (QPlatformWindow::formatWindowTitle): the display name is appended unless the title ends with it.
        shown = title if title.endswith(qapp.applicationDisplayName()) else f"{title} — {APP_NAME}"
    finally:
        qapp.setApplicationDisplayName(shown_before)
    assert shown == f"{installation.current().title} — {APP_NAME}"
    assert shown.count(APP_NAME) == 1 and "鄂尔多斯市市场监督管理局（知识产权局）" in shown
