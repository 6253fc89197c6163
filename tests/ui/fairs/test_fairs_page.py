"""展会与海关 page: a district officer records a customs recordal (expiring soon: shown as due) and renews it, and
records a fair with the protection given; another district sees none of it."""

from datetime import date, timedelta

from app.ui.fairs.page import FairsPage
from tests.helpers.liaison_ui import enterprise_in


def test_recordals_and_fairs_are_recorded(qtbot, session_for, demo_users, tmp_path):
    officer = demo_users["dongsheng"]
    page = FairsPage(session_for("dongsheng"))
    qtbot.addWidget(page)
    dialog = page.add_recordal()
    dialog.widgets["enterprise"].set_enterprise(enterprise_in(officer))
    dialog.widgets["right_title"].setText("鄂尔多斯 第123456号")
    dialog.widgets["recordal_number"].setText("T2021-00042")
    assert dialog.save() is False and dialog.errors["valid_until"].text() == "必填"
    dialog.widgets["valid_until"].edit.setText((date.today() + timedelta(days=30)).isoformat())
    assert dialog.save(), dialog.message.text()
    row = page.recordal_model.rows[0]
    assert row["state"] == "due" and page.recordal_model.data(page.recordal_model.index(0, 6)) == "即将到期（30 天）"
    assert "需要续展 1 项" in page.hint.text()
    page.focus_recordal(row["id"])
    renew = page.renew()
    renew.widgets["valid_until"].edit.setText((date.today() + timedelta(days=3650)).isoformat())
    assert renew.save(), renew.message.text()
    assert page.recordal_model.rows[0]["state"] == "valid" and "需要续展" not in page.hint.text()

    page.tabs.setCurrentIndex(1)
    fair = page.add_fair()
    fair.widgets["enterprise"].set_enterprise(enterprise_in(officer))
    fair.widgets["name"].setText("第十届中国（鄂尔多斯）羊绒交易会")
    fair.widgets["place"].setText("康巴什会展中心")
    fair.widgets["ends_on"].edit.setText((date.today() + timedelta(days=3)).isoformat())
    fair.widgets["pre_check"].setChecked(True)
    fair.widgets["cases"].setValue(2)
    assert fair.save(), fair.message.text()
    assert page.fair_model.rows[0]["protection"] == "展前检查、处理投诉 2 件"

    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    page.grab().save(str(tmp_path / "fairs_page.png"))

    other = FairsPage(session_for("dalate"))
    qtbot.addWidget(other)
    assert other.recordal_model.rows == [] and other.fair_model.rows == []
