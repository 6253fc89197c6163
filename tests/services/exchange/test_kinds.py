"""Every kind of record the exchange carries, end to end on real database files: a district's month of work
arrives at the city field for field; the city's decisions, list, designs and acknowledgements arrive at the
district they concern and nowhere else; a district may not send what the city decides; a round opened at a
district before the city's arrived becomes the city's."""

import pytest

from app.models import (
    Case,
    Enterprise,
    ExchangeConflict,
    Expert,
    FollowUp,
    ListEntry,
    Response,
    Review,
    Round,
)
from app.services.core.errors import PermissionDenied
from app.services.exchange import conflicts, keys, package, receive, send
from app.services.exchange.errors import Refused
from app.services.exchange.kinds import ALL, CITY, DISTRICT, KINDS, OWNED
from app.services.liaison import experts, visits
from app.services.questionnaires import responses
from tests.helpers import exchange_work as work
from tests.helpers.exchange_sites import DALATE, DONGSHENG, SCOPES, dump, ship

EXCHANGED = {
    "enterprise", "contact", "ip_holding", "round", "questionnaire", "question", "expert", "application",
    "list_entry", "review", "publication", "visit", "follow_up", "event", "event_attendance", "response", "case",
    "case_party", "case_right", "case_event", "city_report", "responsibility", "work_plan", "plan_project",
    "plan_task", "support_entry", "publicity_item", "publicity_feature", "partner_agency", "cooperation_agreement",
    "agreement_party", "joint_action", "action_partner", "action_enterprise", "action_case", "share_record",
    "trade_fair", "customs_recordal", "attachment",
}  # fmt: skip
PLAN_KINDS = ("responsibility", "work_plan", "plan_project", "plan_task")  # the month has none: their own test
NOTICE_KINDS = (
    "support_entry", "publicity_item", "publicity_feature", "partner_agency", "cooperation_agreement",
    "agreement_party", "joint_action", "action_partner", "action_enterprise", "action_case", "share_record",
    "trade_fair", "customs_recordal",
)  # nor these: test_notice_kinds.py


def test_the_kind_table_names_every_exchanged_kind_with_its_parents_first_and_no_local_accounts():
    assert set(KINDS) == EXCHANGED
    order = list(KINDS)
    for kind in KINDS.values():
        assert kind.fields and "id" not in kind.fields and "uuid" not in kind.fields, kind.entity
        for name, target in kind.refs.items():
            assert target == DISTRICT or order.index(target) <= order.index(kind.entity), (kind.entity, name)
        assert not {"created_by", "recorded_by", "officer", "actor", "decided_by"} & set(kind.fields), kind.entity
        assert kind.scope_by == OWNED or all(name in kind.refs for name in kind.scope_by), kind.entity


def _wire(site, district: str) -> dict:
    """Every exchanged record of one district's scope (and the city's reference data) as it travels."""
    site.use()
    out = {}
    for kind in KINDS.values():
        for record in kind.model.select():
            if kind.owner(record) in (district, ALL):
                out[(kind.entity, record.uuid)] = kind.wire(record)
    return out


@pytest.fixture
def month(sites, tmp_path):
    """The city's reference data at Dongsheng; Dongsheng's month (two enterprises) at the city; the city's
    decisions back at Dongsheng; a report of a counterfeit patent up and its acknowledgement down."""
    work.city_reference(sites["city"].use())
    ship(sites["city"], sites["dongsheng"], tmp_path, "1.ipx")
    admin = sites["dongsheng"].use()
    made = [work.district_enterprise(admin, DONGSHENG, name, work.DAY) for name in ("甲稀土公司", "乙煤化公司")]
    up = ship(sites["dongsheng"], sites["city"], tmp_path, "2.ipx")[1]
    work.city_decides(sites["city"].use(), work.DAY)
    down = ship(sites["city"], sites["dongsheng"], tmp_path, "3.ipx")[1]
    work.district_reports(sites["dongsheng"].use(), DONGSHENG, made[0].uuids["enterprise"][0], work.DAY)
    ship(sites["dongsheng"], sites["city"], tmp_path, "4.ipx")
    work.city_decides(sites["city"].use(), work.DAY)
    ship(sites["city"], sites["dongsheng"], tmp_path, "5.ipx")
    return made, up, down


def test_a_districts_month_of_every_kind_and_the_citys_answers_agree_field_for_field(sites, month):
    made, up, down = month
    assert up.conflicts == [] and down.conflicts == []
    assert set(up.counts) == EXCHANGED - set(PLAN_KINDS) - set(NOTICE_KINDS) - {"round", "questionnaire", "question", "expert", "list_entry",
                                          "publication", "city_report", "attachment"}  # fmt: skip
    at_city, there = _wire(sites["city"], DONGSHENG), _wire(sites["dongsheng"], DONGSHENG)
    assert at_city == there
    kinds_held = {entity for entity, _ in there}
    assert EXCHANGED - set(PLAN_KINDS) - set(NOTICE_KINDS) - {"publication", "attachment"} <= kinds_held
    sites["dongsheng"].use()
    assert ListEntry.select().count() == 2 and Review.select().where(Review.kind == "decision").count() == 2
    report = Case.get(Case.type == "counterfeit-patent").city_reports[0]
    assert report.acknowledged_on == work.DAY and report.note.endswith("市局签收意见：已收悉")


def test_the_city_sends_a_district_only_its_own_records_and_the_reference_data(sites, month, tmp_path):
    ship(sites["city"], sites["dalate"], tmp_path, "6.ipx")
    at_dalate = _wire(sites["dalate"], DALATE)
    everything = _wire(sites["dalate"], DONGSHENG)
    assert everything == at_dalate  # nothing of Dongsheng's: only the reference data, which both views hold
    assert {entity for entity, _ in at_dalate} == {"round", "questionnaire", "question", "expert"}
    sites["dalate"].use()
    assert Enterprise.select().count() == 0 and Case.select().count() == 0


def test_a_district_does_not_send_what_the_city_decides_and_a_package_carrying_it_is_refused_whole(sites, month,
                                                                                                    tmp_path):
    admin = sites["dongsheng"].use()
    decision = Review.select().where(Review.kind == "decision").first()
    with pytest.raises(PermissionDenied):  # the expert pool is the city's: a district cannot even edit it here
        experts.save_expert(admin, {"name": "东胜本地改的专家", "field": "patent"}, experts.experts(admin)[0].id)
    path = tmp_path / "7.ipx"
    sent = send.send(admin, "city", path)
    assert "review" not in sent.counts and "expert" not in sent.counts
    forged = send.wire_record(KINDS["review"], decision.uuid)
    forged["fields"]["opinion"] = "旗区自改的审核意见"
    forged["vectors"] = {"opinion": {"x": 99}}
    peer = send.pairing.peer_by_name("city")
    package.write(tmp_path / "8.ipx", keys.identity(), peer, {"seq_from": 1, "seq_to": 10_000, "ack": 0}, [forged])
    sites["city"].use()
    before = dump(sites["city"])
    with pytest.raises(Refused, match="审核意见.*整包拒收"):
        receive.receive(sites["city"].use(), tmp_path / "8.ipx")
    assert dump(sites["city"]) == before


def test_a_city_correction_of_what_it_decides_overrides_a_district_edit_without_a_conflict(sites, month, tmp_path):
    admin = sites["dongsheng"].use()
    expert = experts.experts(admin)[0]
    # Districts may not edit the city's expert pool (the service refuses); a local copy changed behind the
    # program's back (an old version, a hand edit) must still yield to the city's word.
    Expert.update(name="旗区改名", field="patent").where(Expert.id == expert.id).execute()
    city = sites["city"].use()
    experts.save_expert(city, {"name": "市局改名", "field": "trademark"}, experts.experts(city)[0].id)
    result = ship(sites["city"], sites["dongsheng"], tmp_path, "9.ipx")[1]
    assert result.conflicts == []
    sites["dongsheng"].use()
    assert [(e.name, e.field) for e in experts.experts(admin)] == [("市局改名", "trademark")]


def test_a_follow_up_closed_on_both_sides_differently_is_a_conflict_resolved_field_by_field(sites, month, tmp_path):
    admin = sites["dongsheng"].use()
    item = FollowUp.select().order_by(FollowUp.id).first()
    visits.update_followup(admin, item.id, "done", "已办理质押登记")
    city = sites["city"].use()
    visits.update_followup(city, FollowUp.get(FollowUp.uuid == item.uuid).id, "cannot_resolve", "企业放弃")
    result = ship(sites["dongsheng"], sites["city"], tmp_path, "10.ipx")[1]
    assert sorted(c.split("：")[1] for c in result.conflicts) == ["resolution", "status"]
    labels = {r.field: r.field_label for r in conflicts.rows()}
    assert labels == {"status": "状态", "resolution": "办理结果"}
    for row in conflicts.rows():
        conflicts.resolve(city, row.id, "theirs")
    ship(sites["city"], sites["dongsheng"], tmp_path, "11.ipx")
    assert _wire(sites["city"], DONGSHENG) == _wire(sites["dongsheng"], DONGSHENG)
    assert FollowUp.get(FollowUp.uuid == item.uuid).status == "done"
    assert ExchangeConflict.select().where(ExchangeConflict.status == "open").count() == 0


def test_a_deleted_response_is_deleted_at_the_city_too(sites, month, tmp_path):
    admin = sites["dongsheng"].use()
    response = Response.select().order_by(Response.id).first()
    gone = response.uuid
    responses.delete_response(admin, response.questionnaire_id, response.enterprise_id)
    result = ship(sites["dongsheng"], sites["city"], tmp_path, "12.ipx")[1]
    assert result.deleted == 1 and result.counts == {"response": 1}
    assert Response.get_or_none(Response.uuid == gone) is None


def test_a_round_opened_at_a_district_before_the_citys_arrived_becomes_the_citys(sites, tmp_path):
    admin = sites["dongsheng"].use()
    made = work.district_enterprise(admin, DONGSHENG, "丙公司", work.DAY)
    local_round = Round.get(Round.year == work.YEAR).uuid
    work.city_reference(sites["city"].use())
    city_round = Round.get(Round.year == work.YEAR).uuid
    result = ship(sites["city"], sites["dongsheng"], tmp_path, "1.ipx")[1]
    assert result.conflicts == [] and local_round != city_round
    assert Round.get(Round.year == work.YEAR).uuid == city_round
    up = ship(sites["dongsheng"], sites["city"], tmp_path, "2.ipx")[1]
    assert up.conflicts == []
    application = KINDS["application"].find(made.uuids["application"][0])
    assert application is not None and application.round.uuid == city_round


def test_the_citys_own_case_stays_at_the_city(sites, tmp_path):
    from app.services.cases import handling

    city = sites["city"].use()
    handling.create_case(city, {"type": "trademark", "summary": "市局直办", "received_on": work.DAY},
                         [{"name": "某公司", "role": "complainant"}])  # fmt: skip
    case = Case.get()
    assert KINDS["case"].owner(case) == CITY
    result = ship(sites["city"], sites["dongsheng"], tmp_path)[1]
    assert "case" not in result.counts and "case_event" not in result.counts
    assert SCOPES["dongsheng"] == DONGSHENG


def test_a_new_district_installation_is_filled_from_a_full_city_package(sites, month, tmp_path, monkeypatch):
    """The old Dongsheng PC is replaced: the city revokes it, pairs the new one and sends it everything of
    Dongsheng's (also what the city only received, which its change log never held) and the reference data."""
    from app.services.accounts import users as accounts
    from app.services.exchange import pairing
    from app.services.system import database as setup
    from tests.helpers.exchange_sites import PASSWORD, Site

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    city = sites["city"].use()
    pairing.revoke(city, DONGSHENG)
    city_pair = pairing.export_file(city, tmp_path / "city.pair").fingerprint
    fresh = Site("dongsheng", tmp_path / "new-dongsheng.db")
    setup.initialise(fresh.path, PASSWORD, scope=DONGSHENG)
    admin = accounts.get_user("admin")
    fresh_pair = pairing.export_file(admin, tmp_path / "new.pair").fingerprint
    pairing.import_file(admin, tmp_path / "city.pair", city_pair)
    pairing.import_file(sites["city"].use(), tmp_path / "new.pair", fresh_pair)
    incremental = send.send(sites["city"].use(), DONGSHENG, tmp_path / "plain.ipx")
    sent = send.send(sites["city"].use(), DONGSHENG, tmp_path / "full.ipx", full=True)
    assert "enterprise" not in incremental.counts and sent.counts["enterprise"] == 2  # only the full one has them
    result = receive.receive(fresh.use(), tmp_path / "full.ipx")
    assert result.conflicts == [] and result.created == sum(sent.counts.values())
    assert _wire(fresh, DONGSHENG) == _wire(sites["city"], DONGSHENG)
    again = receive.receive(fresh.use(), tmp_path / "full.ipx")
    assert (again.created, again.updated, again.conflicts) == (0, 0, [])


def test_a_districts_plans_arrive_at_the_city_and_not_at_another_district(sites, tmp_path):
    from app.models import PlanTask
    from app.services.plans import responsibilities, work_plans

    admin = sites["dongsheng"].use()
    responsibilities.set_duties(admin, DONGSHENG, 2026, [responsibilities.Duty("leader", "李局长"), responsibilities.Duty("officer", "王伟", phone="13912345678")])
    plan = work_plans.create_plan(admin, DONGSHENG, 2026, {"title": "东胜区2026年工作方案", "goal_visits": "20"})
    project = work_plans.add_project(admin, plan.id, {"title": "走访重点企业"})
    task = work_plans.add_task(admin, project.id, {"title": "走访十家企业", "owner": "王伟", "due_on": "2026-10-31"})
    at_district = {k: v for k, v in _wire(sites["dongsheng"], DONGSHENG).items() if k[0] in PLAN_KINDS}
    _, result = ship(sites["dongsheng"], sites["city"], tmp_path, "plans.ipx")
    assert result.conflicts == [] and {e: result.counts.get(e) for e in PLAN_KINDS} == {"responsibility": 2, "work_plan": 1, "plan_project": 1, "plan_task": 1}
    at_city = {k: v for k, v in _wire(sites["city"], DONGSHENG).items() if k[0] in PLAN_KINDS}
    assert at_city == at_district and len(at_city) == 5
    admin = sites["city"].use()
    assert PlanTask.get(PlanTask.uuid == task.uuid).project.plan.district.code == DONGSHENG
    ship(sites["city"], sites["dalate"], tmp_path, "to-dalate.ipx")
    assert not any(k[0] in PLAN_KINDS for k in _wire(sites["dalate"], DONGSHENG))

