"""Installations and office work for the exchange benchmark and the exchange tests (tests/helpers import it).

The city and any of the ten districts, each its own SQLite file, every district paired with the city.
`Site.use()` switches the one database connection to that installation's file, as running the program on that
office's PC would. The work is done through the real services, so the audit trail and with it the change log
are what the program writes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from app.models import Application, Case, ListEntry, User
from app.services.accounts import users as accounts
from app.services.applications import decisions, forms
from app.services.cases import handling
from app.services.enterprises import records, register
from app.services.exchange import pairing
from app.services.liaison import events, experts, visits
from app.services.listing import entries
from app.services.questionnaires import catalogue, responses
from app.services.questionnaires.answer_checks import QuestionSpec
from app.services.questionnaires.design import Design
from app.services.system import database as setup
from app.services.system.demo import make_uscc

PASSWORD = "adminpass123"
DONGSHENG, DALATE = "150602", "150621"
# Every district installation by a short name; the first two are the tests' usual pair.
DISTRICT_CODES = {
    "dongsheng": DONGSHENG, "dalate": DALATE, "kangbashi": "150603", "zhungeer": "150622", "etuokeqian": "150623",
    "etuoke": "150624", "hangjin": "150625", "wushen": "150626", "yijinhuoluo": "150627", "gaoxin": "1506GX",
}  # fmt: skip
SCOPES = {"city": "city", **DISTRICT_CODES}
PAIR = ("dongsheng", "dalate")
YEAR, DAY = 2026, date(2026, 9, 20)  # a day before the round's deadline

DESIGN = Design(
    "企业知识产权服务测试问卷",
    "测试用",
    [
        QuestionSpec("single", "最需要的服务", True, ["培训", "维权", "咨询"]),
        QuestionSpec("multiple", "遇到的问题", False, ["专利侵权", "商标假冒", "商业秘密"]),
        QuestionSpec("number", "知识产权人员数", True, unit="人", min_value="0", max_value="100"),
        QuestionSpec("rating", "满意度", True),
        QuestionSpec("yes_no", "是否设有知识产权部门", False),
        QuestionSpec("text", "建议", False),
        QuestionSpec("date", "上次走访日期", False),
    ],
)


@dataclass
class Site:
    name: str
    path: Path

    def use(self) -> User:
        """Open this installation's file; its administrator."""
        setup.open_register(self.path)
        return accounts.get_user("admin")


def build(folder: Path, districts: tuple[str, ...] = PAIR) -> dict[str, Path]:
    """New installations for the city and `districts` in `folder`, each district paired with the city."""
    names = ("city", *districts)
    paths = {name: folder / f"{name}.db" for name in names}
    fingerprints = {}
    for name in names:
        setup.initialise(paths[name], PASSWORD, scope=SCOPES[name])
        fingerprints[name] = pairing.export_file(accounts.get_user("admin"), folder / f"{name}.pair").fingerprint
    for district in districts:
        for here, there in (("city", district), (district, "city")):
            setup.open_register(paths[here])
            pairing.import_file(accounts.get_user("admin"), folder / f"{there}.pair", fingerprints[there])
    setup.release_connection()
    return paths


def ship(source: Site, target: Site, folder: Path, name: str = "p.ipx"):
    """`source` sends to `target`, `target` receives; (path, ReceiveResult)."""
    from app.services.exchange import receive, send

    admin = source.use()
    path = folder / name
    send.send(admin, SCOPES[target.name], path)
    admin = target.use()
    return path, receive.receive(admin, path)


_rng = random.Random(16)


def new_enterprise(actor: User, district: str, name: str, **extra):
    values = {"name": name, "uscc": make_uscc(_rng, district), "kind": "enterprise", "district": district, **extra}
    return register.create(actor, values).enterprise


def new_contact(actor: User, enterprise_id: int, name: str, **extra):
    return records.save_contact(actor, enterprise_id, {"name": name, **extra})


@dataclass
class Work:
    """UUIDs of what one office made, by table."""

    uuids: dict[str, list[str]] = field(default_factory=dict)

    def add(self, record) -> None:
        self.uuids.setdefault(record._meta.table_name, []).append(record.uuid)


def city_reference(admin: User) -> Work:
    """The city's reference data every district holds: the year's round, a questionnaire, an expert."""
    work = Work()
    work.add(forms.round_for(YEAR, actor=admin))
    work.add(catalogue.create(admin, DESIGN))
    work.add(experts.save_expert(admin, {"name": "张明", "field": "patent", "organisation": "鄂尔多斯大学"}))
    return work


def district_enterprise(admin: User, code: str, name: str, day: date, *, recommend: bool = True) -> Work:
    """One enterprise's month at a district: register, contact, application (recommended: a district may recommend 8 a year), a visit with a
    follow-up, a training it attended, a questionnaire answered (if the city's has arrived) and a case."""
    work = Work()
    enterprise = new_enterprise(admin, code, name, main_products="稀土材料")
    work.add(enterprise)
    work.add(new_contact(admin, enterprise.id, f"{name}联系人", mobile="13912345678", is_primary=True))
    work.add(records.save_holding(admin, enterprise.id, YEAR - 1, {"invention_patents": 12}))
    application = forms.new_draft(admin, enterprise.id, YEAR)
    forms.submit(admin, application.id)
    work.add(decisions.recommend(admin, application.id, "同意推荐", on=day) if recommend else application)
    visit = visits.record_visit(admin, enterprise.id, {"visited_on": day, "notes": "了解专利布局"},
                                [visits.NewFollowUp("协助办理专利质押", day + timedelta(days=30))])  # fmt: skip
    work.add(visit)
    work.add(visit.followups[0])
    event = events.record_event(admin, {"kind": "risk_training", "held_on": day, "topic": f"{name}风险防范培训",
                                        "district": code}, {enterprise.id: 3})  # fmt: skip
    work.add(event)
    questionnaire = catalogue.latest_version(_family()) if _family() else None
    if questionnaire is not None:
        answers = {q.uuid: v for q, v in zip(catalogue.questions_of(questionnaire), ("培训", [], "3", "5"), strict=False)}
        work.add(responses.save_response(admin, questionnaire.id, enterprise.id, answers, complete=True))
    case = handling.create_case(admin, {"type": "trademark", "summary": f"{name}商标被仿冒", "received_on": day,
                                        "handling_district": code},
                                [{"name": name, "id_code": enterprise.uscc, "role": "complainant"},
                                 {"name": "某商贸行", "role": "respondent"}], [{"kind": "trademark", "number": "12345678"}])  # fmt: skip
    work.add(case)
    return work


def _family() -> str | None:
    from app.models import Questionnaire

    first = Questionnaire.select().order_by(Questionnaire.id).first()
    return first.family if first else None


def city_decides(admin: User, day: date) -> Work:
    """The city approves every recommended application (list entries and decisions), re-examines one entry
    and acknowledges every report."""
    work = Work()
    for application in Application.select().where(Application.status == "recommended"):
        decisions.start_review(admin, application.id)
        decided = decisions.decide(admin, application.id, "approve", "同意纳入名录", on=day)
        work.add(decided)
    for entry in ListEntry.select().order_by(ListEntry.id).limit(1):
        work.add(entries.re_examine(admin, entry.id, "renewed", "复核保留", on=day))
    for case in Case.select():
        if handling.report_of(case) is not None:
            work.add(handling.acknowledge_report(admin, case.id, "已收悉", on=day))
    return work


def district_reports(admin: User, code: str, enterprise_uuid: str, day: date) -> Case:
    """A counterfeit-patent case involving a listed enterprise: the district reports it to the city."""
    from app.models import Enterprise

    enterprise = Enterprise.get(Enterprise.uuid == enterprise_uuid)
    return handling.create_case(admin, {"type": "counterfeit-patent", "summary": "假冒专利标识", "received_on": day,
                                        "handling_district": code},
                                [{"name": enterprise.name, "id_code": enterprise.uscc, "role": "rights_holder"},
                                 {"name": "某五金店", "role": "respondent"}])  # fmt: skip
