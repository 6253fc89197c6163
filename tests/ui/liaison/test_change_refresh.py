"""Screens that used to stay stale: 需要关注 after a re-examination, 专家智库 after a consultation from a case."""

from datetime import date

from app.models import Enterprise, ListEntry
from app.services.cases import handling as cases
from app.services.enterprises.search import EnterpriseQuery, search_ids
from app.services.liaison import experts
from app.ui.cases.detail_dialog import CaseDetailDialog
from app.ui.liaison.experts_page import ExpertsPage
from app.ui.liaison.liaison_page import LiaisonPage
from app.ui.listing.list_dialogs import ReExamDialog


def _show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_removal_at_re_examination_leaves_the_attention_tab(qtbot, session_for, demo_users):
    session = session_for("shenhe")
    ids = search_ids(demo_users["admin"], EnterpriseQuery(district_code="150602"))[:2]
    entries = [ListEntry.create(enterprise=i, listed_on=date(2024, 3, 1), next_review_on=date(2026, 3, 1))
               for i in ids]  # fmt: skip
    page = _show(qtbot, LiaisonPage(session))
    assert {r.enterprise_id for r in page.attention.rows} >= set(ids)  # no liaison, never visited
    assert page.tabs.tabText(2) == f"需要关注（{len(page.attention.rows)}）"
    before = len(page.attention.rows)

    dialog = _show(qtbot, ReExamDialog(session, ListEntry.get_by_id(entries[0].id)))
    dialog.set_outcome("removed")
    dialog.opinion.setPlainText("企业已迁出本市，移出名录。")
    assert dialog.apply()
    assert ids[0] not in {r.enterprise_id for r in page.attention.rows}
    assert len(page.attention.rows) == before - 1 and page.tabs.tabText(2) == f"需要关注（{before - 1}）"


def test_a_consultation_from_a_case_shows_on_the_experts_page(qtbot, session_for, demo_users):
    admin = demo_users["admin"]
    session = session_for("admin")
    expert = experts.save_expert(admin, {"name": "王专家", "field": "patent"})
    party = Enterprise.get_by_id(search_ids(admin, EnterpriseQuery())[0])
    case = cases.create_case(admin, {"type": "patent-dispute", "summary": "专利侵权纠纷", "received_on": date.today()},
                             [{"uscc": party.uscc, "role": "complainant"}], [])  # fmt: skip
    page = _show(qtbot, ExpertsPage(session))
    assert page.consultations.rowCount() == 0

    detail = _show(qtbot, CaseDetailDialog(session, case.id))
    consult = detail.consult_expert()
    assert consult.expert.currentData() == expert.id
    consult.question.setPlainText("被控产品是否落入权利要求1的保护范围")
    assert consult.save()
    assert page.consultations.rowCount() == 1
    assert page.consultations.item(0, 3).text() == "被控产品是否落入权利要求1的保护范围"
    assert detail.timeline.table.item(detail.timeline.table.rowCount() - 1, 1).text() == "专家咨询"
