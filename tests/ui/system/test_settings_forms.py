"""系统设置 generated from the declared settings: edit, save, refused values shown by the field, the dashboard
reacting at once; the calendar table, the fonts found with a printed sample, read-only for other roles."""

from datetime import date

from PySide6.QtCore import QDate

from app.models import AuditLog
from app.services.cases import workdays
from app.services.core import settings
from app.services.io import fonts
from app.ui.dashboard.page import DashboardPage
from app.ui.system.settings_page import SettingsPage

TARGET_WARNING = "未达到"


def make_page(qtbot, session):
    page = SettingsPage(session)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    return page


def _warnings(dashboard):
    return [label.text() for label in dashboard.warning_labels]


def test_every_group_has_a_tab_and_every_setting_an_editor(qtbot, admin_session):
    page = make_page(qtbot, admin_session)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == list(settings.GROUPS)
    shown = {key for form in page.forms.values() for key in form.editors}
    assert shown == {s.key for s in settings.SPECS.values() if s.group}
    for form in page.forms.values():
        assert form.pending() == {}  # every editor shows exactly the stored value


def test_a_changed_due_date_changes_the_dashboard_warnings_at_once(qtbot, admin_session):
    dashboard = DashboardPage(admin_session)
    qtbot.addWidget(dashboard)
    assert not any(TARGET_WARNING in w for w in _warnings(dashboard))
    assert dashboard.due_label.text().startswith("目标未设完成期限")
    page = make_page(qtbot, admin_session)
    form = page.forms[settings.ROUNDS]
    due = form.editors["list.target_due"]
    due.enabled.setChecked(True)
    due.edit.setDate(QDate(2026, 1, 31))
    assert form.dirty and form.pending() == {"list.target_due": "2026-01-31"}
    with qtbot.waitSignal(admin_session.changed) as announced:
        assert form.save() == ["list.target_due"]
    assert announced.args[0].settings and "已保存：目标完成日期" in form.message.text()
    assert any(TARGET_WARNING in w for w in _warnings(dashboard))
    assert "2026年01月31日，已逾期" in dashboard.due_label.text()
    entry = AuditLog.select().where(AuditLog.action == "setting.update").order_by(AuditLog.id.desc()).get()
    assert entry.user_login == "admin" and "2026-01-31" in entry.after

    due.enabled.setChecked(False)  # no due date again: the warning goes
    form.save()
    assert not any(TARGET_WARNING in w for w in _warnings(dashboard))


def test_the_current_round_year_moves_the_dashboard_unless_it_shows_another_year(qtbot, admin_session):
    dashboard = DashboardPage(admin_session)
    qtbot.addWidget(dashboard)
    assert dashboard.year.value() == date.today().year
    page = make_page(qtbot, admin_session)
    form = page.forms[settings.ROUNDS]
    form.editors["round.year"].spin.setValue(2030)
    form.save()
    assert dashboard.year.value() == 2030 and dashboard.figures["round"]["year"] == 2030
    dashboard.year.setValue(2029)  # the user looks at another year: a settings change leaves it there
    form.editors["round.year"].spin.setValue(0)
    form.save()
    assert dashboard.year.value() == 2029


def test_a_refused_value_is_shown_beside_its_field_and_nothing_is_saved(qtbot, admin_session):
    page = make_page(qtbot, admin_session)
    form = page.forms[settings.ROUNDS]
    form.editors["round.quota_min"].spin.setValue(20)
    assert form.save() == [] and form.message.text() == "未保存"
    error = form.errors["round.quota_min"]
    assert error.isVisible() and "推荐下限（20）不能大于推荐上限（8）" in error.text()
    assert settings.get("round.quota_min") == 4
    form.editors["round.quota_max"].spin.setValue(30)  # raise both: one save, checked together
    assert form.save() == ["round.quota_min", "round.quota_max"] and not error.isVisible()
    form.revert_button.click()
    assert form.editors["round.quota_min"].value() == 20


def test_the_case_rule_table_edits_a_rule(qtbot, admin_session):
    page = make_page(qtbot, admin_session)
    form = page.forms[settings.CASES]
    table = form.editors["cases.deadline_rules"]
    assert table.rowCount() == len(settings.SPECS["cases.deadline_rules"].default)
    table.item(0, 0).setText("投诉受理（本市）")
    table.cellWidget(0, 1).setCurrentIndex(table.cellWidget(0, 1).findData("days"))
    table.cellWidget(0, 2).setValue(10)
    assert form.save() == ["cases.deadline_rules"]
    rule = settings.get("cases.deadline_rules")[0]
    assert (rule["label"], rule["unit"], rule["length"], rule["key"]) == (
        "投诉受理（本市）", "days", 10, "complaint_acceptance")  # fmt: skip
    assert rule["met_by"] == settings.DEFAULT_CASE_RULES[0]["met_by"]  # the rest of the rule is kept
    table.item(1, 0).setText("")
    assert form.save() == [] and "名称不能为空" in form.errors["cases.deadline_rules"].text()


def test_the_calendar_tab_enters_a_period_with_its_source(qtbot, admin_session):
    page = make_page(qtbot, admin_session)
    panel = page.calendar
    year = workdays.known_years()[1] + 1
    panel.first.set_date(QDate(year, 10, 1))
    panel.last.set_date(QDate(year, 10, 7))
    panel.note.setText("国办发明电 国庆节")
    panel.add_button.click()
    assert panel.selected_year() == year and panel.days.rowCount() == 7
    assert panel.days.rows[0].note == "国办发明电 国庆节" and "（7 天）" in panel.days_title.text()
    listed = {y.year: y for y in panel.years.rows}
    assert listed[year].holidays == 7 and listed[year - 1].in_package
    panel.days_view.selectRow(0)
    panel.remove_button.click()
    assert panel.days.rowCount() == 6 and workdays.days_of(year)[0].day == date(year, 10, 2)


def test_the_fonts_tab_prints_a_sample_with_the_rare_characters(qtbot, admin_session, tmp_path):
    page = make_page(qtbot, admin_session)
    panel = page.fonts
    found = fonts.configured_fonts()
    assert panel.role_labels["song"].text() == found.files["song"]
    assert not panel.sample.pixmap().isNull() and panel.sample.pixmap().width() > 500
    assert all(char in panel.glyphs.text() for char in "堃䶮𠮷")
    # A chosen font file that is not a font: the warning shows, printing falls back to the fonts found.
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font")
    form = page.forms[settings.FONTS]
    form.editors["documents.font_file"].edit.setText(str(broken))
    assert form.save() == ["documents.font_file"]
    assert panel.warnings.isVisibleTo(panel) and "broken.ttf" in panel.warnings.text()
    page.tabs.setCurrentIndex(list(settings.GROUPS).index(settings.FONTS))
    page.grab().save(str(tmp_path / "fonts.png"))


def test_other_roles_see_the_settings_but_cannot_change_them(qtbot, session_for):
    page = make_page(qtbot, session_for("shenhe"))
    for form in page.forms.values():
        assert not form.save_button.isEnabled() and "市局管理员" in form.message.text()
        assert not any(editor.isEnabled() for editor in form.editors.values())
    assert not page.calendar.add_button.isEnabled()


def test_every_tab_fits_a_1024_by_768_window(qtbot, main_window):
    main_window.resize(1024, 768)
    main_window.show_area("系统设置")
    page = main_window.pages["系统设置"]
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        qtbot.wait(10)
        tab = page.tabs.currentWidget()
        assert tab.width() <= page.tabs.width()
        # Content wider than the tab would need a horizontal scroll bar: a form that does not fit.
        bar = getattr(tab, "horizontalScrollBar", None)
        assert bar is None or not bar().isVisible(), page.tabs.tabText(index)


def _inputs(editor):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QLineEdit

    return [editor, *editor.findChildren(QLineEdit), *editor.findChildren(QAbstractSpinBox),
            *editor.findChildren(QAbstractButton)]  # fmt: skip


def test_read_only_every_field_is_disabled_and_looks_it(qtbot, session_for):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit

    page = make_page(qtbot, session_for("dongsheng"))
    for form in page.forms.values():
        for key, editor in form.editors.items():
            assert not any(w.isEnabled() for w in _inputs(editor)), key
            for field in (*editor.findChildren(QLineEdit), *editor.findChildren(QAbstractSpinBox)):
                assert field.isReadOnly(), key
    phone = page.forms[settings.ROUNDS].editors["listing.objection_phone"].edit
    assert phone.text() == "" and phone.placeholderText() == "未设置"  # not an empty white box to type in
    palette, disabled = phone.palette(), QPalette.ColorGroup.Disabled
    assert palette.color(disabled, QPalette.ColorRole.Base) == palette.color(disabled, QPalette.ColorRole.Window)
    assert phone.grab().toImage().pixelColor(phone.width() - 5, phone.height() // 2) == palette.color(
        disabled, QPalette.ColorRole.Window
    )


def test_a_district_administrator_sees_the_citys_round_settings_read_only(qtbot, district_db):
    from app.ui.session import Session

    path, users = district_db
    page = make_page(qtbot, Session(users["admin"], path))
    form = page.forms[settings.ROUNDS]
    assert form.save_button.isEnabled() and "市局管理员设定" in form.message.text()
    for key, editor in form.editors.items():
        assert editor.isEnabled() == (key not in settings.CITY_KEYS), key
    assert all(e.isEnabled() for e in page.forms[settings.BACKUP].editors.values())
    form.editors["dashboard.due_days"].spin.setValue(60)
    assert form.save() == ["dashboard.due_days"] and settings.get("dashboard.due_days") == 60
