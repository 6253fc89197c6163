"""The register page: 40 demo rows, search as you type, filters, district officers' view, archiving."""

import pytest

from app.services.core import reference
from app.services.enterprises import register as enterprises
from app.ui.enterprises import register_page
from app.ui.enterprises.register_page import RegisterPage
from app.ui.enterprises.table_model import COLUMNS, ROW_ROLE


@pytest.fixture
def page_for(qtbot, session_for):
    def make(login="admin"):
        page = RegisterPage(session_for(login))
        qtbot.addWidget(page)
        page.show()
        return page

    return make


def type_text(widget, text):
    """Type character by character (QTest.keyClicks asserts on characters outside ASCII)."""
    for ch in text:
        widget.insert(ch)


def column_values(page, key):
    column = [c.key for c in COLUMNS].index(key)
    model = page.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_shows_the_forty_demo_enterprises(page_for):
    page = page_for()
    assert page.model.rowCount() == 40
    assert page.count_label.text() == "共 40 家"
    names = column_values(page, "name")
    assert all(names) and len(set(names)) == 40


def test_search_as_you_type(page_for, qtbot):
    page = page_for()
    type_text(page.search, "协会")
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=3000)
    assert all("协会" in name for name in column_values(page, "name"))
    assert page.count_label.text() == "共 3 家"


def test_search_by_name_fragment_of_one_enterprise(page_for, qtbot):
    page = page_for()
    target = page.model.index(5, 0).data()
    fragment = target.removeprefix("鄂尔多斯市")[:4]
    type_text(page.search, fragment)
    qtbot.waitUntil(lambda: page.model.rowCount() < 40, timeout=3000)
    names = column_values(page, "name")
    assert target in names and all(fragment in n for n in names)


def test_a_pasted_50000_character_search_is_cut_to_200_and_searched_without_error(page_for, qtbot):
    page = page_for()
    page.search.insert("鄂" * 50_000)  # a paste: one insert
    assert page.search.maxLength() == 200 and len(page.search.text()) == 200
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=3000)
    assert page.count_label.text() == "没有符合条件的企业：请修改查找条件"


def test_district_filter(page_for):
    page = page_for()
    page.district_combo.setCurrentIndex(page.district_combo.findData("150602"))
    districts = column_values(page, "district")
    assert districts and set(districts) == {"东胜区"}
    assert page.count_label.text() == f"共 {len(districts)} 家"


def test_sorting_by_uscc_and_ignoring_unsortable_columns(page_for):
    page = page_for()
    uscc_column = [c.key for c in COLUMNS].index("uscc")
    page.table.horizontalHeader().setSortIndicator(
        uscc_column, page.table.horizontalHeader().sortIndicatorOrder()
    )
    codes = column_values(page, "uscc")
    assert codes == sorted(codes)
    legal = [c.key for c in COLUMNS].index("legal_representative")
    page.table.horizontalHeader().setSortIndicator(legal, page.table.horizontalHeader().sortIndicatorOrder())
    assert column_values(page, "uscc") == codes
    assert page.table.horizontalHeader().sortIndicatorSection() == uscc_column


def test_district_officer_sees_only_own_district(page_for):
    page = page_for("dongsheng")
    districts = column_values(page, "district")
    assert districts and set(districts) == {"东胜区"}
    assert [page.district_combo.itemData(i) for i in range(page.district_combo.count())] == ["", "150602"]
    assert page.new_button.isEnabled()


def test_viewer_cannot_create_or_archive(page_for):
    page = page_for("chakan")
    assert page.model.rowCount() == 40
    assert not page.new_button.isEnabled()
    page.table.selectRow(0)
    assert page.edit_button.isEnabled() and not page.archive_button.isEnabled()


def test_archive_from_the_register(page_for, monkeypatch, demo_users):
    page = page_for()
    page.table.selectRow(0)
    row = page.selected_row()
    monkeypatch.setattr(register_page, "ask_text", lambda *a, **k: "企业已注销")
    page.archive_button.click()
    assert page.model.rowCount() == 39
    assert row.name not in column_values(page, "name")
    assert enterprises.get(demo_users["admin"], row.id).archived
    page.archived_box.setChecked(True)
    assert page.model.rowCount() == 40
    archived_row = page.model.index(page.model.row_of_id(row.id), 0).data(ROW_ROLE)
    assert archived_row.archived
    page.table.selectRow(page.model.row_of_id(row.id))
    assert page.archive_button.text() == "取消归档"
    page.archive_button.click()
    assert not enterprises.get(demo_users["admin"], row.id).archived


def test_cancelled_archive_changes_nothing(page_for, monkeypatch):
    page = page_for()
    page.table.selectRow(0)
    monkeypatch.setattr(register_page, "ask_text", lambda *a, **k: None)
    page.archive_button.click()
    assert page.model.rowCount() == 40


def test_column_widths_are_remembered(page_for, qtbot):
    page = page_for()
    page.table.horizontalHeader().resizeSection(0, 333)
    qtbot.waitUntil(lambda: not page._widths_timer.isActive(), timeout=2000)
    again = page_for()
    assert again.table.horizontalHeader().sectionSize(0) == 333


def test_industry_is_shown_by_name(page_for):
    page = page_for()
    industries = column_values(page, "industry")
    assert not any(len(i) == 3 and i[0].isalpha() and i[1:].isdigit() for i in industries)  # no "C30"
    known = set(reference.industry_divisions().values()) | {s.name for s in reference.industry_sections()}
    assert industries and all(i in known for i in industries if i)


def test_industry_filter_by_division_found_by_typing_its_name(page_for, qtbot):
    page = page_for()
    combo = page.section_combo
    completer = combo.completer()
    completer.setCompletionPrefix("煤炭开采")
    offered = [completer.completionModel().index(r, 0).data() for r in range(completer.completionCount())]
    assert offered == ["　B06 煤炭开采和洗选业"]
    combo.setCurrentIndex(combo.findData("B06"))
    assert page.current_query().industry_section == "B" and page.current_query().industry_division == "06"
    shown = column_values(page, "industry")
    assert shown and set(shown) == {"煤炭开采和洗选业"}


def test_names_are_listed_in_pinyin_order(page_for):
    from app.services.core.pinyin import sort_key
    from app.text import name_key

    names = column_values(page_for(), "name")
    keys = [sort_key(name_key(n)) for n in names]
    assert keys == sorted(keys)


def test_pinyin_initials_find_an_enterprise(page_for, qtbot):
    page = page_for()
    target = "鄂尔多斯市草原羊绒制品股份有限公司"
    type_text(page.search, "cyyr")  # 草原羊绒
    qtbot.waitUntil(lambda: 0 < page.model.rowCount() < 40, timeout=3000)
    assert target in column_values(page, "name")


def test_the_page_has_a_heading_and_an_empty_register_says_how_to_fill_it(qtbot, empty_db):
    from PySide6.QtWidgets import QLabel

    from app.ui.session import Session

    path, admin = empty_db
    page = RegisterPage(Session(admin, path))
    qtbot.addWidget(page)
    assert "企业名录库" in [label.text() for label in page.findChildren(QLabel)]
    assert page.count_label.text() == "企业名录库中还没有企业：点击“新建”，或从 Excel 导入"


def test_the_high_tech_zone_shows_its_short_name_with_the_official_one_as_tip_and_in_exports(page_for):
    from PySide6.QtCore import Qt

    from app.ui.tables import RAW_ROLE

    page = page_for()
    page.district_combo.setCurrentIndex(page.district_combo.findData("1506GX"))
    page.apply_filters()
    model, column = page.model, next(i for i, c in enumerate(COLUMNS) if c.key == "district")
    assert model.rowCount() > 0
    index = model.index(0, column)
    assert model.data(index) == "高新区"
    assert model.data(index, Qt.ItemDataRole.ToolTipRole) == "鄂尔多斯高新技术产业开发区"
    assert model.data(index, RAW_ROLE) == "鄂尔多斯高新技术产业开发区"
    others = [model.data(model.index(r, column)) for r in range(model.rowCount())]
    assert set(others) == {"高新区"}
