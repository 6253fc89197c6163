"""活动培训 and 专家智库 in the window: recording an event with attendees, and the think tank kept by the admin."""

from datetime import date

from app.services.liaison import events as outreach
from app.services.liaison import experts
from app.ui.enterprises.enterprise_form import EnterpriseForm
from app.ui.liaison.events_page import EventsPage
from app.ui.liaison.expert_dialog import ExpertDialog
from app.ui.liaison.experts_page import ExpertsPage
from tests.helpers.liaison_ui import enterprise_in


def test_recording_an_event_with_attendees(qtbot, session_for, demo_users):
    officer = demo_users["dongsheng"]
    session = session_for("dongsheng")
    page = EventsPage(session)
    qtbot.addWidget(page)
    assert page.table.rowCount() == 0
    dialog = page.new_event()
    assert [dialog.district.itemText(i) for i in range(dialog.district.count())] == ["东胜区"]
    assert dialog.save() is False and dialog.errors["topic"].text() == "必填"
    dialog.kind.setCurrentIndex(dialog.kind.findData("risk_training"))
    dialog.topic.setText("知识产权风险防范专题培训")
    dialog.place.setText("东胜区政务服务中心")
    first, second = enterprise_in(officer, index=0), enterprise_in(officer, index=1)
    dialog.add_attendee(first, 3)
    dialog.add_attendee(second, 2)
    dialog.add_attendee(first, 4)  # the same enterprise again: its count is updated
    assert dialog.attendance() == {first: 4, second: 2} and dialog.head_count.value() == 6
    assert dialog.save() is True
    [event] = outreach.events(officer, date.today().year)
    assert (event.topic, event.kind, event.district.name, event.head_count) == (
        "知识产权风险防范专题培训", "risk_training", "东胜区", 6,
    )  # fmt: skip
    assert sorted(p for _e, p in outreach.attendance(event)) == [2, 4]
    assert page.table.rowCount() == 1 and page.table.item(0, 2).text() == "知识产权风险防范专题培训"
    assert not page.materials.add_button.isEnabled()  # no event chosen yet
    page.table.selectRow(0)
    assert page.attendance.rowCount() == 2
    counts = {
        page.counts.item(r, 0).text(): page.counts.item(r, 2).text() for r in range(page.counts.rowCount())
    }
    assert counts == {"东胜区": "1", "合计": "1"}
    # The enterprise form lists the events the enterprise attended.
    form = EnterpriseForm(session, first)
    qtbot.addWidget(form)
    events = form.records["联络与走访"].events
    assert events.rowCount() == 1 and events.item(0, 2).text() == "知识产权风险防范专题培训"


def test_an_expert_added_by_the_admin_and_refused_for_an_officer(qtbot, session_for, demo_users):
    admin_page = ExpertsPage(session_for("admin"))
    qtbot.addWidget(admin_page)
    assert admin_page.add_button.isEnabled()
    dialog = admin_page.add_expert()
    assert dialog.save() is False and dialog.errors["name"].text() == "必填"
    dialog.inputs["name"].setText("王立新")
    dialog.field.setCurrentIndex(dialog.field.findData("trademark"))
    dialog.inputs["organisation"].setText("内蒙古大学法学院")
    dialog.inputs["email"].setText("不是邮箱")
    assert dialog.save() is False and not dialog.errors["email"].isHidden()
    dialog.inputs["email"].setText("wang@example.com")
    assert dialog.save() is True
    assert [(e.name, e.field) for e in experts.experts(demo_users["admin"])] == [("王立新", "trademark")]
    assert admin_page.table.rowCount() == 1 and admin_page.table.item(0, 1).text() == "商标"

    officer_session = session_for("dongsheng")
    officer_page = ExpertsPage(officer_session)
    qtbot.addWidget(officer_page)
    assert not officer_page.add_button.isEnabled() and officer_page.table.rowCount() == 1
    refused = ExpertDialog(officer_session)
    qtbot.addWidget(refused)
    refused.inputs["name"].setText("李四")
    refused.field.setCurrentIndex(refused.field.findData("patent"))
    assert refused.save() is False
    assert "只有市局管理员" in refused.message.text() and not refused.message.isHidden()
    assert len(experts.experts(demo_users["admin"])) == 1


def test_recording_a_consultation(qtbot, session_for, demo_users):
    admin = demo_users["admin"]
    expert = experts.save_expert(admin, {"name": "王立新", "field": "patent", "conflicts": ""})
    page = ExpertsPage(session_for("admin"))
    qtbot.addWidget(page)
    page.table.selectRow(0)
    dialog = page.record_consultation()
    assert dialog.expert.currentData() == expert.id
    assert dialog.save() is False and dialog.errors["question"].text() == "必填"
    dialog.picker.set_enterprise(enterprise_in(admin))
    dialog.question.setPlainText("外观设计专利侵权比对")
    dialog.advice.setPlainText("建议委托鉴定")
    assert dialog.save() is True
    [row] = experts.consultations(admin, expert.id)
    assert row.enterprise_id == enterprise_in(admin) and row.advice == "建议委托鉴定"
    assert page.consultations.rowCount() == 1


def test_the_window_shows_the_liaison_pages(main_window):
    from app.ui.liaison.liaison_page import LiaisonPage

    assert isinstance(main_window.pages["联络走访"], LiaisonPage)
    assert isinstance(main_window.pages["活动培训"], EventsPage)
    assert isinstance(main_window.pages["专家智库"], ExpertsPage)
    main_window.show_area("联络走访")
    assert main_window.stack.currentWidget() is main_window.pages["联络走访"]


def test_event_materials_are_added_from_the_page(qtbot, session_for, demo_users, tmp_path):
    officer = demo_users["dongsheng"]
    outreach.record_event(officer, {"kind": "policy_outreach", "held_on": date.today(), "topic": "政策宣讲",
                                    "district": "东胜区"})  # fmt: skip
    slides = tmp_path / "课件.pdf"
    slides.write_bytes(b"%PDF-1.4 slides")
    page = EventsPage(session_for("dongsheng"))
    qtbot.addWidget(page)
    page.table.selectRow(0)
    assert page.materials.add_button.isEnabled()
    assert page.materials.add(str(slides)) is True
    assert page.materials.table.rowCount() == 1 and page.materials.table.item(0, 0).text() == "课件.pdf"
    viewer = EventsPage(session_for("chakan"))
    qtbot.addWidget(viewer)
    viewer.table.selectRow(0)
    assert viewer.materials.table.rowCount() == 1 and not viewer.materials.add_button.isEnabled()
