"""The case file: the timeline's allowed steps and Chinese refusals, the clocks panel, flags, experts, printing."""

from datetime import date, timedelta

import pytest

from app.models import CaseEvent, Consultation, Enterprise, ListEntry
from app.services.cases import handling as cases
from app.services.liaison import experts
from app.ui.cases import detail_dialog, timeline_panel
from app.ui.cases.detail_dialog import CaseDetailDialog


@pytest.fixture(autouse=True)
def confirmed(monkeypatch):
    """Steps that move the case on are confirmed first: recorded here, answered with `confirmed.answer`."""

    class Asked(list):
        answer = True

    asked = Asked()
    monkeypatch.setattr(timeline_panel, "confirm", lambda _p, _t, text: asked.append(text) or asked.answer)
    return asked


def _dispute(actor, received: date | None = None):
    ent = Enterprise.select().order_by(Enterprise.id).first()
    ListEntry.create(enterprise=ent, listed_on=date(2025, 1, 10), next_review_on=date(2027, 1, 10))
    return cases.create_case(
        actor,
        {"type": "patent-dispute", "summary": "发明专利侵权纠纷", "received_on": received or date.today()},
        [{"uscc": ent.uscc, "role": "complainant"}, {"name": "某机械厂", "role": "respondent"}],
        [{"kind": "patent", "number": "ZL201910000002.X", "title": "一种输送装置"}],
    )


def _dialog(qtbot, session, case_id) -> CaseDetailDialog:
    dialog = CaseDetailDialog(session, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _kinds(dialog) -> list:
    combo = dialog.timeline.kind
    return [combo.itemData(i) for i in range(combo.count()) if combo.itemData(i) is not None]


def _add(dialog, kind: str, on: date, note: str = "") -> bool:
    assert dialog.timeline.choose(kind)
    dialog.timeline.day.set_date(on)
    dialog.timeline.note.setText(note)
    return dialog.timeline.add()


def test_timeline_offers_allowed_steps_and_shows_refusals_in_chinese(qtbot, session_for, demo_users):
    case = _dispute(demo_users["admin"], date.today() - timedelta(days=20))
    dialog = _dialog(qtbot, session_for("admin"), case.id)
    assert dialog.heading.text().startswith("★ ") and "重要案件" in dialog.important.text()
    assert _kinds(dialog)[:2] == ["filed", "refused"] and "served" not in _kinds(dialog)
    assert "suspended" not in _kinds(dialog) and "consultation" in _kinds(dialog)  # not suspendable yet
    day = date.today() - timedelta(days=19)
    assert _add(dialog, "filed", day, "符合受理条件")
    assert "已立案" in dialog.facts.text() and _kinds(dialog)[0] == "served"
    assert "patent_ruling" in dialog.clocks.chips  # the 90-day clock starts at filing
    assert _add(dialog, "served", day + timedelta(days=2))
    assert "suspended" in _kinds(dialog) and "resumed" not in _kinds(dialog)
    assert _add(dialog, "suspended", day + timedelta(days=4), "被请求人提出无效宣告请求")
    assert "defence" not in _kinds(dialog) and "resumed" in _kinds(dialog)  # only resuming moves it on
    # Someone else resumes it meanwhile; this file has not reloaded, and the service's refusal shows in red.
    cases.add_event(demo_users["admin"], case.id, "resumed", day + timedelta(days=8))
    assert not _add(dialog, "resumed", day + timedelta(days=9))
    assert dialog.timeline.error.isVisibleTo(dialog) and "案件未中止，无需恢复" in dialog.timeline.error.text()
    dialog.reload()
    labels = [dialog.timeline.table.item(r, 1).text() for r in range(dialog.timeline.table.rowCount())]
    assert labels == ["已收到请求", "已立案", "已送达被请求人", "中止", "恢复"]


def test_clocks_panel_shows_units_and_state_chips(qtbot, session_for, demo_users):
    admin = demo_users["admin"]
    case = cases.create_case(admin, {"type": "trademark", "summary": "仿冒注册商标", "received_on": date.today() - timedelta(days=40)},
                             [{"name": "某商贸公司", "role": "complainant"}])  # fmt: skip
    dialog = _dialog(qtbot, session_for("admin"), case.id)
    chip = dialog.clocks.chips["complaint_acceptance"]
    assert chip.text() == "已超期" and "#a61b1b" in chip.styleSheet()  # red
    assert dialog.clocks.left_labels["complaint_acceptance"].text().endswith("个工作日")
    assert dialog.clocks.left_labels["complaint_acceptance"].text().startswith("超期")
    assert _add(dialog, "verification", date.today() - timedelta(days=2))
    chip = dialog.clocks.chips["complaint_acceptance"]
    assert chip.text() == "超期完成"


def test_outcome_important_flag_and_district_view(qtbot, session_for, demo_users, monkeypatch):
    case = _dispute(demo_users["admin"])
    viewer = _dialog(qtbot, session_for("chakan"), case.id)
    assert not viewer.timeline.add_area.isVisibleTo(viewer) and not viewer.clear_button.isVisibleTo(viewer)
    dialog = _dialog(qtbot, session_for("admin"), case.id)
    dialog.outcome.outcome.setCurrentIndex(dialog.outcome.outcome.findData("mediated"))
    dialog.outcome.amount.setText("abc")
    assert not dialog.outcome.save() and "不是数字" in dialog.outcome.error.text()
    dialog.outcome.amount.setText("")
    dialog.outcome.note.setText("双方达成调解协议")
    assert dialog.outcome.save() and cases.Case.get_by_id(case.id).outcome == "mediated"
    monkeypatch.setattr(detail_dialog, "ask_text", lambda *args: "请求人已撤回主要请求")
    assert dialog.clear_important()
    assert not dialog.clear_button.isVisibleTo(dialog) and not dialog.heading.text().startswith("★")
    assert "已取消重要案件标记" in dialog.important.text()


def test_consulting_an_expert_is_linked_to_the_case(qtbot, session_for, demo_users):
    admin = demo_users["admin"]
    expert = experts.save_expert(admin, {"name": "王专家", "field": "patent", "organisation": "内蒙古大学"})
    case = _dispute(admin)
    dialog = _dialog(qtbot, session_for("admin"), case.id)
    consult = dialog.consult_expert()
    assert consult.expert.currentData() == expert.id
    assert not consult.save() and "咨询事项" in consult.error.text()
    consult.question.setPlainText("被控产品是否落入权利要求1的保护范围")
    assert consult.save()
    row = Consultation.get()
    assert row.case_uuid == case.uuid and row.enterprise_id is not None
    assert dialog.timeline.table.item(dialog.timeline.table.rowCount() - 1, 1).text() == "专家咨询"


def test_printing_the_case_documents(qtbot, session_for, demo_users):
    case = _dispute(demo_users["admin"])
    dialog = _dialog(qtbot, session_for("admin"), case.id)
    assert not dialog.print_buttons["report"].isVisibleTo(dialog)  # no report for this case
    for document in ("summary", "filing"):
        preview = dialog.print_document(document)
        assert preview.data.startswith(b"%PDF") and case.number in preview.windowTitle()
        preview.close()


def test_a_step_is_confirmed_before_it_is_recorded_and_acknowledged_after(qtbot, session_for, demo_users,
                                                                          confirmed):  # fmt: skip
    case = _dispute(demo_users["admin"], date.today() - timedelta(days=20))
    dialog = _dialog(qtbot, session_for("admin"), case.id)
    before = CaseEvent.select().where(CaseEvent.case == case.id).count()
    confirmed.answer = False
    day = date.today() - timedelta(days=2)
    assert not _add(dialog, "filed", day, "已电话告知")
    assert "“已立案”" in confirmed[0] and f"{day:%Y-%m-%d}" in confirmed[0]
    assert CaseEvent.select().where(CaseEvent.case == case.id).count() == before
    assert dialog.timeline.note.text() == "已电话告知" and not dialog.timeline.done.isVisibleTo(dialog)
    confirmed.answer = True
    assert dialog.timeline.add()
    assert CaseEvent.select().where(CaseEvent.case == case.id).count() == before + 1
    assert dialog.timeline.done.isVisibleTo(dialog) and "已登记：已立案" in dialog.timeline.done.text()


def test_an_event_that_does_not_move_the_case_is_recorded_without_asking(qtbot, session_for, demo_users,
                                                                         confirmed):  # fmt: skip
    case = _dispute(demo_users["admin"], date.today() - timedelta(days=20))
    dialog = _dialog(qtbot, session_for("admin"), case.id)
    assert _add(dialog, "note", date.today(), "电话联系当事人")
    assert confirmed == [] and "已登记" in dialog.timeline.done.text()
