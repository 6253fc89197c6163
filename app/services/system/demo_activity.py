"""Demo activity on top of the demo register: a decided round, liaison work, events, experts and cases.

Dates are relative to today so the dashboard always has something due, overdue and done. Every record is
written through the services, as a person would, so the audit log tells the same story.
"""

from __future__ import annotations

from datetime import date, timedelta

from app.models import Enterprise, User
from app.services.accounts import users as accounts
from app.services.applications import decisions as review
from app.services.applications import eligibility, eligibility_facts
from app.services.applications import forms as applications
from app.services.cases import handling as cases
from app.services.core.errors import DomainError
from app.services.liaison import assignments as liaison
from app.services.liaison import events as outreach
from app.services.liaison import experts, visits
from app.services.questionnaires import catalogue as questionnaires


def _eligible_by_district(year: int) -> dict[int, list[Enterprise]]:
    found: dict[int, list[Enterprise]] = {}
    for ent in Enterprise.select().order_by(Enterprise.id):
        facts = eligibility_facts.facts_from_enterprise(ent, year)
        if eligibility.evaluate(facts).eligible:
            found.setdefault(ent.district_id, []).append(ent)
    return found


def populate_activity(admin: User, today: date | None = None) -> None:
    today = today or date.today()
    year = today.year
    round_ = applications.round_for(year, actor=admin)
    before_deadline = min(round_.deadline - timedelta(days=10), today)
    decided_on = min(round_.deadline + timedelta(days=11), today)
    reviewer = accounts.get_user("shenhe")
    officers = {u.district_id: u for u in accounts.users() if u.role == "district_officer"}
    listed = []
    for district_id, found in _eligible_by_district(year).items():
        officer = officers.get(district_id, admin)
        for n, ent in enumerate(found[:3]):
            app = applications.submit(admin, applications.new_draft(officer, ent.id, year, "recommended").id)
            if n == 2:
                continue  # one per district waits for the district's recommendation
            try:
                review.recommend(officer if officer.role == "district_officer" else admin, app.id, "经审核，同意推荐",
                                 on=before_deadline)  # fmt: skip
            except DomainError:
                continue
            if n == 0:
                review.decide(reviewer, app.id, "approve", "符合申报条件，同意纳入名录", on=decided_on)
                listed.append(ent)
    # Districts without a demo officer are looked after by the city reviewer.
    _liaison_work(
        admin, {e.district_id: officers.get(e.district_id, reviewer) for e in listed}, listed, today
    )
    _events_and_experts(admin, listed, today)
    _cases(admin, officers, listed, today)
    questionnaires.install_builtin(admin)


def _liaison_work(admin: User, officers: dict, listed: list[Enterprise], today: date) -> None:
    for n, ent in enumerate(listed):
        officer = officers[ent.district_id]
        if n % 3 == 2:
            continue  # some listed enterprises still lack a liaison: the dashboard says so
        liaison.assign(admin, ent.id, officer, on=today - timedelta(days=200))
        visit = visits.record_visit(
            officer, ent.id,
            {"visited_on": today - timedelta(days=40 + 30 * n), "kind": "routine", "officers": officer.display_name,
             "people_met": "知识产权专员", "topics": "知识产权保护需求调研", "problems": "反映外地企业仿冒其注册商标；希望开展专利布局培训",
             "notes": "企业介绍了研发和商标使用情况，希望市局协调商标维权并安排培训。"},
            [visits.NewFollowUp("协调商标侵权线索移交执法", today - timedelta(days=10), officer),
             visits.NewFollowUp("安排专利布局培训", today + timedelta(days=20), officer)],
        )  # fmt: skip
        if n == 0:
            first = visit.followups.order_by(visit.followups.model.due_on).first()
            visits.update_followup(
                officer, first.id, "done", "线索已移交执法大队", on=today - timedelta(days=12)
            )


def _events_and_experts(admin: User, listed: list[Enterprise], today: date) -> None:
    attendees = {ent.id: 2 for ent in listed[:6]}
    outreach.record_event(admin, {"kind": "policy_outreach", "held_on": today - timedelta(days=60), "place": "市政务服务中心",
                                  "organiser": "市局知识产权保护科", "topic": "知识产权保护政策宣讲", "head_count": 48}, attendees)  # fmt: skip
    outreach.record_event(admin, {"kind": "risk_training", "held_on": today - timedelta(days=20), "place": "康巴什区",
                                  "topic": "海外参展知识产权风险防范培训", "head_count": 35}, {e.id: 1 for e in listed[:3]})  # fmt: skip
    experts.save_expert(admin, {"name": "李文博", "field": "patent", "organisation": "内蒙古大学法学院", "title": "教授",
                                "email": "li.wenbo@example.com"})  # fmt: skip
    experts.save_expert(admin, {"name": "赵敏", "field": "foreign", "organisation": "某律师事务所", "title": "律师",
                                "phone": "0471-6900000"})  # fmt: skip
    experts.save_expert(
        admin,
        {"name": "王建国", "field": "trademark", "organisation": "市知识产权保护中心", "title": "研究员"},
    )


def _cases(admin: User, officers: dict, listed: list[Enterprise], today: date) -> None:
    if len(listed) < 2:
        return
    first, second = listed[0], listed[1]
    dispute = cases.create_case(admin, {"type": "patent-dispute", "summary": "请求处理发明专利侵权纠纷，被请求人制造销售同类设备",
                                        "received_on": today - timedelta(days=30)},
                                [{"uscc": first.uscc, "role": "complainant"}, {"name": "某机械制造有限公司", "role": "respondent"}],
                                [{"kind": "patent", "number": "ZL202110000001.2", "title": "一种矿用液压支架"}])  # fmt: skip
    for kind, days in (("filed", 27), ("served", 24), ("defence", 20)):
        cases.add_event(admin, dispute.id, kind, today - timedelta(days=days))
    officer = officers.get(second.district_id, admin)
    cases.create_case(officer, {"type": "counterfeit-patent", "summary": "商户销售的产品标注了重点企业已失效的专利号",
                                "source": "inspection", "received_on": today - timedelta(days=8),
                                "handling_district": second.district.code},
                          [{"uscc": second.uscc, "role": "rights_holder"}, {"name": "某五金商店", "role": "respondent"}])  # fmt: skip
    # Left waiting: its 7-working-day acceptance clock shows on the dashboard.
    cases.create_case(admin, {"type": "trademark", "summary": "投诉他人在电商平台销售仿冒其注册商标的产品",
                                          "received_on": today - timedelta(days=12), "handling_district": None},
                                  [{"uscc": first.uscc, "role": "complainant"}])  # fmt: skip
