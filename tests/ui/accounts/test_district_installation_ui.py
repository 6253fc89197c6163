"""东胜区's own installation in the window: the title names its bureau, its administrator has the accounts page
with only 东胜区's roles and district to offer, and the register, the list and the dashboard start at 东胜区."""

import pytest

from app.ui.accounts.user_dialog import UserDialog
from app.ui.main_window import MainWindow
from app.ui.session import Session


@pytest.fixture
def window(qtbot, district_db, qapp):
    path, users = district_db
    widget = MainWindow(Session(users["admin"], path))
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    return widget


def test_the_district_administrators_window_starts_at_its_own_district(window):
    assert "鄂尔多斯市东胜区市场监督管理局" in window.windowTitle()
    assert "账号管理" in window.areas and "系统设置" in window.areas
    register = window.pages["企业名录库"]
    assert register.district_combo.currentData() == "150602"
    assert [register.district_combo.itemText(i) for i in range(register.district_combo.count())] == [
        "全部旗区",
        "东胜区",
    ]
    assert register.model.rowCount() > 0
    assert window.pages["重点企业名录"].district.currentData() == "150602"
    assert window.pages["申报与审核"].district.currentData() == "150602"
    assert not window.pages["申报与审核"].round_button.isVisible()  # a round binds every district: the city's
    assert window.pages["工作台"].city_wide is False
    assert window.pages["统计报表"].city_wide is False


def test_its_account_dialog_offers_only_its_own_districts_roles(window, qtbot):
    dialog = UserDialog(window.session, parent=window)
    qtbot.addWidget(dialog)
    roles = [dialog.role_combo.itemText(i) for i in range(dialog.role_combo.count())]
    assert roles == ["旗区局管理员", "旗区局联络员", "只读用户"]
    assert [dialog.district_combo.itemText(i) for i in range(dialog.district_combo.count())] == ["东胜区"]
    dialog.login_edit.setText("wangwu")
    dialog.name_edit.setText("王五")
    dialog.role_combo.setCurrentIndex(1)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.created_password
    assert (dialog.user.role, dialog.user.district.code) == ("district_officer", "150602")
