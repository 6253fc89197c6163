"""Liaison work on a real database: assignments with history, visits with follow-ups, events, the think tank."""

from datetime import date

import pytest

from app.models import AuditLog, Enterprise, FollowUp, ListEntry
from app.services.core.errors import DomainError, NotFound, PermissionDenied, ValidationError
from app.services.liaison import assignments as liaison
from app.services.liaison import events as outreach
from app.services.liaison import experts, visits
from app.services.liaison.visits import NewFollowUp


def _in(code):
    return (
        Enterprise.select()
        .join(Enterprise.district.rel_model)
        .where(Enterprise.district.rel_model.code == code)
        .first()
    )


def test_a_visit_with_two_problems_becomes_two_followups_one_closed_one_overdue(demo_users):
    officer = demo_users["dongsheng"]
    ent = _in("150602")
    visit = visits.record_visit(
        officer, ent.id,
        {"visited_on": "2026-03-02", "kind": "policy_outreach", "officers": "东胜区联络员", "people_met": "张敏",
         "topics": "专利快速预审政策", "problems": "1. 商标被仿冒；2. 缺少专利布局指导", "notes": "企业希望开展培训"},
        [NewFollowUp("协调查处商标仿冒线索", "2026-03-20", officer), NewFollowUp("联系专家做专利布局辅导", "2026-04-30")],
    )  # fmt: skip
    first, second = sorted(visit.followups, key=lambda f: f.due_on)
    visits.update_followup(officer, first.id, "done", "已移交执法大队立案", on=date(2026, 3, 18))
    today = date(2026, 5, 6)
    open_items = visits.checklist(officer, today=today)
    assert [f.id for f in open_items] == [second.id]
    overdue = visits.checklist(officer, overdue_only=True, today=today)
    assert [f.id for f in overdue] == [second.id] and visits.is_overdue(overdue[0], today)
    assert not visits.is_overdue(FollowUp.get_by_id(first.id), today)
    assert FollowUp.get_by_id(first.id).closed_on == date(2026, 3, 18)
    assert len(visits.checklist(officer, open_only=False, today=today)) == 2
    actions = [e.action for e in AuditLog.select().where(AuditLog.subject_uuid == ent.uuid)]
    assert (
        actions.count("followup.create") == 2 and "visit.create" in actions and "followup.update" in actions
    )


def test_visits_and_checklists_are_scoped_to_the_district(demo_users):
    dongsheng, dalate = demo_users["dongsheng"], demo_users["dalate"]
    other = _in("150621")
    with pytest.raises(NotFound):  # another district's enterprise is "not found", never "forbidden"
        visits.record_visit(dongsheng, other.id, {"visited_on": "2026-03-02", "notes": "越权"})
    visits.record_visit(dalate, other.id, {"visited_on": "2026-03-02", "notes": "例行走访"},
                        [NewFollowUp("补充材料", "2026-03-10")])  # fmt: skip
    assert visits.checklist(dongsheng) == []
    assert len(visits.checklist(dalate)) == 1 and len(visits.checklist(demo_users["shenhe"])) == 1
    item = visits.checklist(dalate)[0]
    with pytest.raises(PermissionDenied):
        visits.update_followup(demo_users["chakan"], item.id, "done", "只读用户")


def test_followup_rules(demo_users):
    officer = demo_users["dongsheng"]
    ent = _in("150602")
    with pytest.raises(ValidationError, match="责任人"):
        visits.add_followup(
            officer, ent.id, NewFollowUp("交给外旗区的人", "2026-05-01", demo_users["dalate"])
        )
    item = visits.add_followup(officer, ent.id, NewFollowUp("跟进", None))
    with pytest.raises(ValidationError, match="办理结果"):
        visits.update_followup(officer, item.id, "done", "")
    with pytest.raises(ValidationError, match="走访日期"):
        visits.record_visit(officer, ent.id, {"visited_on": "", "notes": "x"})


def test_liaison_assignment_keeps_history_and_attention_list(demo_users):
    admin, officer = demo_users["admin"], demo_users["dongsheng"]
    ent = _in("150602")
    ListEntry.create(enterprise=ent, listed_on=date(2026, 1, 10), next_review_on=date(2028, 1, 10))
    attention = liaison.needing_attention(officer, today=date(2026, 6, 1))
    assert attention[0]["reasons"] == ["未指定联络人", "从未走访"]
    with pytest.raises(ValidationError, match="东胜区的联络员"):
        liaison.assign(admin, ent.id, demo_users["dalate"])
    liaison.assign(admin, ent.id, officer, on=date(2026, 1, 15))
    liaison.assign(admin, ent.id, demo_users["shenhe"], on=date(2026, 4, 1))
    history = liaison.history(officer, ent.id)
    assert [h.officer.login for h in history] == ["shenhe", "dongsheng"]
    assert history[1].end_on == date(2026, 3, 31) and history[0].end_on is None
    assert liaison.my_enterprise_ids(demo_users["shenhe"]) == [ent.id]
    visits.record_visit(officer, ent.id, {"visited_on": "2026-05-20", "notes": "走访"})
    assert liaison.needing_attention(officer, today=date(2026, 6, 1)) == []
    later = liaison.needing_attention(officer, today=date(2027, 1, 1))
    assert later[0]["reasons"] == ["已 226 天未走访"]


def test_events_and_counts(demo_users):
    officer, admin = demo_users["dongsheng"], demo_users["admin"]
    ents = [e.id for e in Enterprise.select().where(Enterprise.district == _in("150602").district)]
    outreach.record_event(officer, {"kind": "policy_outreach", "held_on": "2026-04-10", "topic": "专利转化政策宣讲",
                                    "district": "东胜区", "head_count": "35"}, {ents[0]: 3, ents[1]: 2})  # fmt: skip
    outreach.record_event(admin, {"kind": "risk_training", "held_on": "2026-05-12", "topic": "海外展会知识产权风险防范"},
                          {ents[0]: 1})  # fmt: skip
    with pytest.raises(PermissionDenied):
        outreach.record_event(
            officer, {"kind": "other", "held_on": "2026-04-10", "topic": "x", "district": "达拉特旗"}
        )
    assert len(outreach.attended_by(officer, ents[0])) == 2
    assert outreach.counts_by_district(admin, 2026) == {
        "东胜区": {"送政策进企业": 1},
        "市局": {"知识产权风险防范培训": 1},
    }


def test_think_tank_and_conflicts(demo_users):
    admin, officer = demo_users["admin"], demo_users["dongsheng"]
    ent = _in("150602")
    with pytest.raises(PermissionDenied):
        experts.save_expert(officer, {"name": "李教授", "field": "patent"})
    expert = experts.save_expert(admin, {"name": "李教授", "field": "patent", "organisation": "内蒙古大学",
                                         "conflicts": ent.name, "email": "li@example.com"})  # fmt: skip
    with pytest.raises(ValidationError, match="利益冲突"):
        experts.record_consultation(admin, expert.id, "专利无效宣告应对", enterprise_id=ent.id)
    other = experts.save_expert(admin, {"name": "王律师", "field": "foreign"})
    experts.record_consultation(
        admin, other.id, "美国337调查应对", enterprise_id=ent.id, advice="建议尽快委托律师应诉"
    )
    assert len(experts.consultations(officer)) == 1
    assert experts.consultations(demo_users["dalate"]) == []
    assert [e.name for e in experts.experts(officer, field="foreign")] == ["王律师"]


def test_visit_record_prints_with_followups_and_blank(demo_users, tmp_path):
    from pypdf import PdfReader

    from app.services.liaison import visit_printing as visit_print

    officer = demo_users["dongsheng"]
    ent = _in("150602")
    visit = visits.record_visit(officer, ent.id, {"visited_on": "2026-03-02", "notes": "企业介绍了研发项目" * 10},
                                [NewFollowUp("协调商标维权", "2026-03-20", officer)])  # fmt: skip
    filled, blank = tmp_path / "v.pdf", tmp_path / "b.pdf"
    visit_print.print_visit(officer, visit.id, filled)
    visit_print.print_blank_visit(officer, blank)
    text = "".join(p.extract_text() for p in PdfReader(filled).pages).replace("\n", "")
    assert ent.name in text and "协调商标维权" in text and "企业介绍了研发项目" * 10 in text
    assert "走访人员签字" in text and "企业盖章" in text
    blank_text = "".join(p.extract_text() for p in PdfReader(blank).pages)
    assert "走访记录表" in blank_text and ent.name not in blank_text
    with pytest.raises(Exception, match="没有编号"):
        visit_print.print_visit(demo_users["dalate"], visit.id, tmp_path / "x.pdf")


def test_recent_visits_are_scoped_and_newest_first(demo_users):
    dongsheng, dalate = demo_users["dongsheng"], demo_users["dalate"]
    visits.record_visit(dongsheng, _in("150602").id, {"visited_on": "2026-03-02", "notes": "甲"})
    visits.record_visit(dongsheng, _in("150602").id, {"visited_on": "2026-04-02", "notes": "乙"})
    visits.record_visit(dalate, _in("150621").id, {"visited_on": "2026-05-02", "notes": "丙"})
    assert [v.notes for v in visits.recent(dongsheng)] == ["乙", "甲"]
    assert [v.notes for v in visits.recent(demo_users["shenhe"], since=date(2026, 3, 15))] == ["丙", "乙"]
    assert [v.notes for v in visits.recent(demo_users["admin"], district_code="150621")] == ["丙"]


def test_materials_and_visit_files_check_who_may_add_them(demo_users, tmp_path):
    officer, other = demo_users["dongsheng"], demo_users["dalate"]
    scan = tmp_path / "签到表.pdf"
    scan.write_bytes(b"%PDF-1.4 sign-in sheet")
    photo = tmp_path / "现场.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 50)
    event = outreach.record_event(officer, {"kind": "policy_outreach", "held_on": "2026-04-10", "topic": "宣讲",
                                            "district": "东胜区"})  # fmt: skip
    outreach.attach_material(officer, event.id, scan)
    assert [a.original_name for a in outreach.materials(officer, event.id)] == ["签到表.pdf"]
    with pytest.raises(DomainError):  # another district neither sees nor adds to this event
        outreach.attach_material(other, event.id, scan)
    with pytest.raises(PermissionDenied):
        outreach.attach_material(demo_users["chakan"], event.id, scan)
    visit = visits.record_visit(officer, _in("150602").id, {"visited_on": "2026-03-02", "notes": "走访"})
    assert visits.attach_file(officer, visit.id, photo).purpose == "visit_photo"
    assert visits.attach_file(officer, visit.id, scan).purpose == "visit_scan"
    assert len(visits.files(officer, visit.id)) == 2
    with pytest.raises(Exception, match="没有编号"):
        visits.attach_file(other, visit.id, scan)
