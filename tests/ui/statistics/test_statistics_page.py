"""统计报表 driven with pytest-qt on the activity database: the tables show the service's figures, the year and
the district choose what is shown, export and print run in workers, and the page fits 1366×768 and 1024×768."""


import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog

from app.services.accounts import users as accounts
from app.services.liaison import visits
from app.services.statistics import figures
from app.services.statistics.figures import section
from app.ui.session import Session
from app.ui.statistics.page import StatisticsPage
from tests.helpers.pdf import page_texts, squash
from tests.helpers.questionnaires import enterprises_of


@pytest.fixture
def session_on(activity_db, qapp):
    path, _ = activity_db

    def make(login: str = "admin") -> Session:
        return Session(accounts.get_user(login), path)

    return make


def _page(qtbot, session) -> StatisticsPage:
    page = StatisticsPage(session)
    qtbot.addWidget(page)
    page.resize(1216, 700)
    page.show()
    _loaded(qtbot, page)
    return page


def _loaded(qtbot, page: StatisticsPage) -> None:
    qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=20000)


def _column(page: StatisticsPage, key: str, column: int) -> list[str]:
    table = page.tables[key]
    return [table.cell(r, column) for r in range(table.rows_model.rowCount())]


def test_the_tables_show_the_year_and_follow_the_choices(qtbot, session_on, today):
    page = _page(qtbot, session_on())
    want = figures.yearly(accounts.get_user("admin"), today.year)
    assert f"统计日期：{today.year}年{today.month}月{today.day}日" in page.status.text()
    cases = section(want, "cases")
    assert _column(page, "cases", 0) == [r["name"] for r in cases["rows"]] + ["合计"]
    assert _column(page, "cases", 1)[-1] == str(cases["total"]["received"]) == "5"
    assert page.charts["cases"].counts == next(b for b in want["breakdowns"] if b["key"] == "case_types")["counts"]
    assert page.breakdowns["case_outcomes"].item(0, 0).text() in ("调解结案", "不予立案/驳回")
    assert "逾期未办" in page.notes.text()

    page.year.setValue(today.year - 3)
    _loaded(qtbot, page)
    assert "年度" in page.status.text() and str(today.year - 3) in page.status.text()
    assert _column(page, "cases", 1)[-1] == "0" and _column(page, "enterprises", 1)[-1] == "0"

    page.year.setValue(today.year)
    _loaded(qtbot, page)
    page.district.setCurrentIndex(page.district.findData("150602"))
    _loaded(qtbot, page)
    assert _column(page, "liaison", 0) == ["东胜区", "合计"]
    assert page.figures["scope"] == "东胜区"


def test_a_district_officer_sees_their_district_only(qtbot, session_on):
    page = _page(qtbot, session_on("dongsheng"))
    assert not page.district.isEnabled() and page.district.currentText() == "东胜区"
    for key in page.tables:
        assert _column(page, key, 0) == ["东胜区", "合计"], key


def test_export_writes_the_workbook_off_the_ui_thread(qtbot, session_on, tmp_path, monkeypatch, today):
    page = _page(qtbot, session_on())
    target = tmp_path / "统计.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.export_xlsx()
    qtbot.waitUntil(lambda: "已导出到" in page.status.text(), timeout=20000)
    book = load_workbook(target, read_only=True)
    total = list(book["纠纷案件"].iter_rows(values_only=True))[-1]
    assert total[:2] == ("合计", 5)


def test_print_opens_the_report_in_the_preview(qtbot, session_on, today):
    page = _page(qtbot, session_on())
    page.print_report()
    qtbot.waitUntil(lambda: page.preview is not None, timeout=30000)
    text = squash("".join(page_texts(page.preview.data)))
    assert f"{today.year}年{today.month}月{today.day}日" in text and "纠纷案件" in text
    assert page.preview.suggested_name == f"{today.year}年度统计报表（全市）.pdf"
    page.preview.close()


@pytest.mark.parametrize("size", [(1366, 768), (1024, 768)])
def test_the_page_fits_the_small_screens(qtbot, activity_db, tmp_path, size):
    from app.ui.main_window import MainWindow

    path, _ = activity_db
    window = MainWindow(Session(accounts.get_user("admin"), path))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.show_area("统计报表")
    page = window.pages["统计报表"]
    _loaded(qtbot, page)
    for index in range(page.tabs.count() - 1):
        page.tabs.setCurrentIndex(index)
        qtbot.wait(50)
        table = page.tables[list(page.tables)[index]]
        assert not table.horizontalScrollBar().isVisible()
        assert not table.verticalScrollBar().isVisible(), "every district and the total row show at once"
        assert page.print_button.geometry().right() <= page.width()
        window.grab().save(str(tmp_path / f"stats-{size[0]}-{index}.png"))
    assert window.width() == size[0]


def test_a_recorded_visit_shows_in_the_figures(qtbot, session_on, today):
    session = session_on()
    page = _page(qtbot, session)
    before = int(_column(page, "liaison", 1)[-1])
    enterprise = section(page.figures, "liaison")["rows"][0]
    assert enterprise["code"] == "150602"
    session.perform(visits.record_visit, session.user, enterprises_of("150602")[-1].id,
                    {"visited_on": today, "kind": "routine", "notes": "统计测试走访"})  # fmt: skip
    qtbot.waitUntil(lambda: _column(page, "liaison", 1)[-1] == str(before + 1), timeout=20000)
