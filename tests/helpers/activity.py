"""What the demo activity leaves out and a yearly report must count: closed cases with a channel and an
outcome, re-examinations that renew and remove, consultations, and completed questionnaire responses."""

from __future__ import annotations

from datetime import date

from app.models import User
from app.services.accounts import users as accounts
from app.services.cases import handling as cases
from app.services.liaison import experts
from app.services.listing import entries as protection_list
from app.services.questionnaires import catalogue as questionnaires
from app.services.questionnaires import responses
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
