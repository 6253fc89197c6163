"""What the demo activity leaves out and a yearly report must count: closed cases with a channel and an
outcome, re-examinations that renew and remove, consultations, completed questionnaire responses, support
given to enterprises and publicity items."""

from __future__ import annotations

from datetime import date

from app.models import User
from app.services.accounts import users as accounts
from app.services.cases import handling as cases
from app.services.liaison import experts
from app.services.listing import entries as protection_list
from app.services.publicity import items as publicity
from app.services.questionnaires import catalogue as questionnaires
from app.services.questionnaires import responses
from app.services.support import ledger
from tests.helpers.questionnaires import DESIGN, enterprises_of


def add_closing_work(admin: User, today: date) -> None:
    year = today.year
    mediated = cases.create_case(admin, {"type": "patent-mediation", "summary": "专利许可费纠纷请求调解",
                                         "received_on": date(year, 1, 10), "channel": "mediation"},
                                 [{"name": "某科技有限公司", "role": "complainant"}])  # fmt: skip
    for kind, day in (("filed", date(year, 1, 12)), ("mediation", date(year, 1, 20)), ("closed", date(year, 2, 9))):
        cases.add_event(admin, mediated.id, kind, day)
    cases.set_outcome(admin, mediated.id, "mediated", "双方达成调解协议")
    officer = accounts.get_user("dongsheng")
    dismissed = cases.create_case(officer, {"type": "trademark", "summary": "举报线索经核查不属实",
                                            "received_on": date(year, 3, 1), "channel": "penalty"},
                                  [{"name": "某商店", "role": "respondent"}])  # fmt: skip
    cases.add_event(officer, dismissed.id, "dismissed", date(year, 3, 5))
    cases.add_event(officer, dismissed.id, "closed", date(year, 3, 10))
    cases.set_outcome(officer, dismissed.id, "dismissed", "线索不实")
    listed = protection_list.entries(admin)
    protection_list.re_examine(admin, listed[0].id, "renewed", "复核通过", on=today)
    protection_list.re_examine(admin, listed[1].id, "removed", "已不符合纳入条件", on=today)
    expert = experts.experts(admin)[0]
    experts.record_consultation(admin, expert.id, "海外展会专利风险", enterprise_id=listed[2].enterprise_id,
                                consulted_on=today)  # fmt: skip
    experts.record_consultation(admin, expert.id, "行业共性问题咨询", consulted_on=today)
    survey = questionnaires.create(admin, DESIGN)
    specs = questionnaires.specs_of(survey)
    answers = {specs[0].uuid: "培训", specs[2].uuid: 3, specs[3].uuid: 4}
    for enterprise in [*enterprises_of("150602")[:2], *enterprises_of("150621")[:1]]:
        responses.save_response(admin, survey.id, enterprise.id, answers, complete=True)
    responses.save_response(admin, survey.id, enterprises_of("150621")[1].id, answers)  # a draft: not counted
    add_support_and_publicity(admin, today)


def add_support_and_publicity(admin: User, today: date) -> None:
    """Support of three kinds in two districts (one last year, not counted this year), and publicity by a
    district and by the city."""
    ours, theirs = enterprises_of("150602"), enterprises_of("150621")
    for enterprise, kind, day, amount in ((ours[0], "funding", today, "200,000"), (ours[1], "funding", today, "0.50"),
                                          (ours[0], "policy", today, None), (theirs[0], "project", today, "50000"),
                                          (theirs[0], "funding", date(today.year - 1, 6, 1), "80000")):  # fmt: skip
        ledger.add_entry(admin, enterprise.id, {"kind": kind, "granted_on": day, "granting_body": "财政局",
                                                "programme": "知识产权专项", "amount": amount})  # fmt: skip
    officer = accounts.get_user("dongsheng")
    publicity.record_item(officer, {"channel": "wechat", "outlet": "东胜市场监管", "title": "护航重点企业",
                                    "published_on": today, "district": "150602"}, [ours[0].id, ours[1].id])  # fmt: skip
    publicity.record_item(admin, {"channel": "newspaper", "outlet": "鄂尔多斯日报", "title": "重点企业名录发布",
                                  "published_on": today}, [ours[0].id, theirs[0].id])  # fmt: skip
