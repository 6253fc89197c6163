"""An empty list says what to do about it (点击“新建”，或从 Excel 导入 …) in the middle of the table, and the
hint goes as soon as the list has a row."""

import random

import pytest
from PySide6.QtCore import QThreadPool

from app.services.enterprises import register as enterprises
from app.services.system.demo import make_uscc
from app.ui.session import Session
from app.ui.tables import EmptyHint

HINTS = {  # area: (where the page keeps its hint, words the hint must say)
    "企业名录库": (lambda page: page.empty, "点击“新建”，或从 Excel 导入"),
    "重点企业名录": (lambda page: page.empty, "纳入名录"),
    "联络走访": (lambda page: page.checklist.empty, "跟进事项"),
    "问卷调查": (lambda page: page.empty, "新建问卷"),
    "活动培训": (lambda page: page.empty, "新建活动"),
    "纠纷案件": (lambda page: page.empty, "新建案件"),
    "专家智库": (lambda page: page.empty, "添加专家"),
}


@pytest.fixture
def window(qtbot, empty_db):
    from app.ui.main_window import MainWindow

    path, admin = empty_db
    window = MainWindow(Session(admin, path))
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.mark.parametrize("area", list(HINTS))
def test_an_empty_list_says_what_to_do(qtbot, window, area):
    window.show_area(area)
    QThreadPool.globalInstance().waitForDone(30000)
    qtbot.wait(20)
    where, words = HINTS[area]
    hint = where(window.pages[area])
    assert isinstance(hint, EmptyHint) and hint.isVisible() and words in hint.text()
    viewport = hint.parentWidget()
    assert abs(hint.width() - viewport.width()) <= 1 and abs(hint.height() - viewport.height()) <= 1


def test_the_hint_goes_once_the_list_has_a_row(qtbot, window, empty_db):
    _, admin = empty_db
    window.show_area("企业名录库")
    page = window.pages["企业名录库"]
    assert page.empty.isVisible()
    enterprises.create(admin, {"name": "鄂尔多斯市东联机械制造有限公司", "uscc": make_uscc(random.Random(7), "150602"),
                               "district": "150602", "kind": "enterprise"})  # fmt: skip
    page.apply_filters()
    assert page.model.rowCount() == 1 and not page.empty.isVisible()
    page.search.setText("不存在的企业")
    page.apply_filters()
    assert page.empty.isVisible() and page.empty.text() == "没有符合条件的企业：请修改查找条件"
