"""Joint enforcement on a real database: agencies are city reference data, a joint action links to a case, the
shared extract holds only the chosen fields (the PDF and the workbook read back), district scoping, the audit."""

from datetime import date

import openpyxl
import pytest
from pypdf import PdfReader

from app.models import AuditLog, Enterprise, ShareRecord
from app.services.cases import handling as cases
from app.services.core.errors import NotFound, PermissionDenied, ValidationError
from app.services.enforcement import actions, agencies, agreements, sharing


def _enterprise(code: str) -> Enterprise:
    district = Enterprise.district.rel_model
    return Enterprise.select().join(district).where(district.code == code).first()


@pytest.fixture
def world(demo_users):
    admin, officer = demo_users["admin"], demo_users["dongsheng"]
    police = agencies.add_agency(admin, {"name": "鄂尔多斯市公安局东胜区分局", "kind": "公安",
                                         "contact_person": "刘警官", "contact_phone": "0477-8160875"})  # fmt: skip
    customs = agencies.add_agency(admin, {"name": "呼和浩特海关驻鄂尔多斯办事处", "kind": "customs"})
    case = cases.create_case(officer, {"type": "trademark", "summary": "销售假冒“鄂尔多斯”羊绒衫",
                                       "received_on": "2026-03-02"},
                             [{"name": "某羊绒公司", "role": "complainant"}, {"name": "王某某", "role": "respondent"}],
                             [{"kind": "trademark", "number": "第123456号", "title": "鄂尔多斯"}])  # fmt: skip
    return admin, officer, police, customs, case


def test_agencies_are_city_reference_data(world, demo_users):
    admin, officer, police, customs, _ = world
    with pytest.raises(PermissionDenied, match="市局维护"):
        agencies.add_agency(officer, {"name": "东胜区农牧局", "kind": "农牧"})
    with pytest.raises(ValidationError, match="已有协作单位"):
        agencies.add_agency(admin, {"name": "鄂尔多斯市公安局东胜区分局"})
    with pytest.raises(ValidationError, match="类别"):
        agencies.add_agency(admin, {"name": "某单位", "kind": "税务"})
    agencies.update_agency(admin, customs.id, {"active": False, "contact_person": "张关员"})
    assert [a.name for a in agencies.agencies(officer)] == [police.name]
    assert len(agencies.agencies(officer, include_inactive=True)) == 2


def test_a_joint_action_links_to_a_case_and_the_enterprises_it_protected(world, demo_users):
    admin, officer, police, customs, case = world
    ent = _enterprise("150602")
    action = actions.add_action(officer, "150602", {"held_on": "2026-03-01", "title": "春季羊绒市场联合检查",
                                                    "target": "东胜区羊绒市场", "results": "查扣假冒羊绒衫 120 件"},
                                [police.id, customs.name], [ent.id], [case.id])  # fmt: skip
    shown = actions.action_dict(action)
    assert shown["partners"] == [police.name, customs.name] and shown["district"] == "东胜区"
    assert shown["enterprises"] == [{"id": ent.id, "name": ent.name}]
    assert shown["cases"] == [{"id": case.id, "uuid": case.uuid, "number": case.number}]
    assert [a.id for a in actions.actions_of_case(admin, case.id)] == [action.id]
    later = cases.create_case(officer, {"type": "trademark", "summary": "仓库查获", "received_on": "2026-03-05"},
                              [{"name": "李某", "role": "respondent"}])  # fmt: skip
    actions.link_case(officer, action.id, later.id)
    assert [c["number"] for c in actions.action_dict(action)["cases"]] == [case.number, later.number]
    with pytest.raises(ValidationError, match="已关联"):
        actions.link_case(officer, action.id, later.id)
    entry = AuditLog.get(AuditLog.action == "enforcement.action.create")
    assert entry.user_id == officer.id and "action_case" in entry.after


def test_district_scoping_of_actions_and_agreements(world, demo_users):
    admin, officer, police, _, case = world
    other = demo_users["dalate"]
    with pytest.raises(PermissionDenied, match="本旗区"):
        actions.add_action(other, "150602", {"held_on": "2026-03-01", "title": "越权"}, [police.id])
    with pytest.raises(PermissionDenied):
        agreements.add_agreement(officer, None, {"signed_on": "2026-01-10", "title": "市级协议"}, [police.id])
    with pytest.raises(NotFound):  # another district's case is not there to link
        actions.add_action(other, "150621", {"held_on": "2026-03-01", "title": "检查"}, [police.id], case_ids=[case.id])
    mine = actions.add_action(officer, "东胜区", {"held_on": "2026-03-01", "title": "东胜区行动"}, [police.id])
    city = actions.add_action(admin, "", {"held_on": "2026-02-01", "title": "全市行动"}, [police.id])
    city_deal = agreements.add_agreement(admin, None, {"signed_on": "2026-01-10", "title": "执法协作备忘录",
                                                       "scope": "线索移送、联合检查"}, [police.id])  # fmt: skip
    assert {a.id for a in actions.actions(other)} == {city.id}  # the city's actions are everyone's
    assert {a.id for a in actions.actions(officer)} == {mine.id, city.id}
    with pytest.raises(NotFound):
        actions.get_action(other, mine.id)
    assert agreements.agreement_dict(city_deal)["parties"] == [police.name]
    assert [a.id for a in agreements.agreements(other)] == [city_deal.id]
    with pytest.raises(ValidationError, match="协作单位"):
        agreements.add_agreement(officer, "150602", {"signed_on": "2026-01-10", "title": "无对象"}, [])


def _pdf_text(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_the_shared_extract_holds_only_the_chosen_fields(world, tmp_path):
    admin, officer, police, _, case = world
    pdf, xlsx = tmp_path / "extract.pdf", tmp_path / "extract.xlsx"
    sharing.share_case(officer, case.id, police.id, ["number", "summary", "当事人"], "pdf", pdf, on="2026-03-03")
    text = _pdf_text(pdf)
    assert case.number in text and "羊绒衫" in text and "王某某" in text and police.name in text
    assert "涉及权利" not in text and "第123456号" not in text and "收案日期" not in text
    sharing.share_case(officer, case.id, police.name, ["rights", "received_on"], "xlsx", xlsx, on="2026-03-04")
    sheet = openpyxl.load_workbook(xlsx).active
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    assert rows == [("项目", "内容"), ("收案日期", "2026-03-02"), ("涉及权利", "鄂尔多斯 第123456号")]
    records = sharing.shares(officer, case.id)
    assert [(r.format, r.fields) for r in records] == [("xlsx", "received_on,rights"), ("pdf", "number,summary,parties")]
    assert sharing.share_dict(records[1])["fields"] == ["案件编号", "案情摘要", "当事人"]
    entries = AuditLog.select().where(AuditLog.action == "enforcement.share")
    assert entries.count() == 2 and {e.user_id for e in entries} == {officer.id}
    assert {e.subject_uuid for e in entries} == {case.uuid}


def test_sharing_is_refused_before_anything_is_written(world, demo_users, tmp_path):
    admin, officer, police, _, case = world
    out = tmp_path / "x.pdf"
    with pytest.raises(ValidationError, match="至少选择"):
        sharing.share_case(officer, case.id, police.id, [], "pdf", out)
    with pytest.raises(ValidationError, match="没有名为"):
        sharing.share_case(officer, case.id, police.id, ["身份证号"], "pdf", out)
    with pytest.raises(NotFound):
        sharing.share_case(demo_users["dalate"], case.id, police.id, ["number"], "pdf", out)
    with pytest.raises(PermissionDenied):
        sharing.share_case(demo_users["chakan"], case.id, police.id, ["number"], "pdf", out)
    assert not out.exists() and ShareRecord.select().count() == 0


def test_other_information_shared_is_recorded_under_the_sharers_district(world, demo_users):
    admin, officer, police, _, _ = world
    row = sharing.record_share(officer, police.id, {"subject": "重点企业名录（东胜区）", "shared_on": "2026-04-01"})
    assert sharing.share_dict(row)["district"] == "东胜区" and row.shared_by_id == officer.id
    assert sharing.shares(demo_users["dalate"]) == [] and [r.id for r in sharing.shares(admin)] == [row.id]
    assert row.shared_on == date(2026, 4, 1)
