"""执法协作 page: the city adds an agency, a district officer records a joint action linked to a case and shares a
case extract with only the ticked fields (the PDF read back); a district officer cannot add agencies."""

from datetime import date

from pypdf import PdfReader

from app.services.cases import handling as cases
from app.services.enforcement import agencies
from app.ui.enforcement.page import EnforcementPage
from tests.helpers.liaison_ui import enterprise_in


def test_an_action_with_a_case_and_a_shared_extract(qtbot, session_for, demo_users, tmp_path):
    admin, officer = demo_users["admin"], demo_users["dongsheng"]
    city = EnforcementPage(session_for("admin"))
    qtbot.addWidget(city)
    dialog = city.add_agency()
    assert dialog.save() is False and dialog.errors["name"].text() == "必填"
    dialog.widgets["name"].setText("东胜公安分局")
    dialog.widgets["contact_person"].setText("刘警官")
    assert dialog.save() and city.models["agencies"].rows[0]["name"] == "东胜公安分局"
    police = agencies.find(admin, "东胜公安分局")
    case = cases.create_case(officer, {"type": "trademark", "summary": "假冒羊绒衫", "received_on": date.today()},
                             [{"name": "王某某", "role": "respondent"}])  # fmt: skip

    page = EnforcementPage(session_for("dongsheng"))
    qtbot.addWidget(page)
    assert not page.buttons["添加单位…"].isEnabled() and page.buttons["登记行动…"].isEnabled()
    action = page.add_action()
    assert action.widgets["district"].count() == 1 and action.widgets["district"].currentText() == "东胜区"
    action.widgets["title"].setText("羊绒市场联合检查")
    assert action.save() is False and "协作单位" in action.errors["partners"].text()
    action.widgets["partners"].set_checked(police.id)
    protected = action.widgets["enterprises"]
    protected.picker.set_enterprise(enterprise_in(officer))
    protected.add_current()
    action.widgets["cases"].setText(case.number)
    assert action.save(), action.message.text()
    row = page.models["actions"].rows[0]
    assert row["cases"][0]["number"] == case.number and len(row["enterprises"]) == 1

    out = tmp_path / "摘要"
    share = page.share_case(case.number)
    share.widgets["fields"].set_checked("type", False)
    share.widgets["fields"].set_checked("received_on", False)
    share.widgets["fields"].set_checked("parties")
    share.widgets["out"].edit.setText(str(out))
    assert share.save(), share.message.text()
    text = "".join(p.extract_text() for p in PdfReader(str(tmp_path / "摘要.pdf")).pages)
    assert case.number in text and "王某某" in text and "假冒羊绒衫" in text
    assert "案件类型" not in text and "收案日期" not in text
    shared = page.models["shares"].rows[0]
    assert shared["fields"] == ["案件编号", "案情摘要", "当事人"] and shared["agency"] == "东胜公安分局"

    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    page.grab().save(str(tmp_path / "enforcement_page.png"))


def test_a_viewer_writes_nothing(qtbot, session_for):
    page = EnforcementPage(session_for("chakan"))
    qtbot.addWidget(page)
    assert not any(button.isEnabled() for button in page.buttons.values())
