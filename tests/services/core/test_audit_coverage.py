"""Every write of the services is audited: one of each, with the whole database diffed around it.

The table below lists every public service function that writes, with the tables it must touch. For each
step the database (all tables but the audit log) is snapshotted before and after; each inserted, updated or
deleted row must be named by an audit entry of that step, with the acting user and with before/after images
equal to the row — as its own record or as a child on its parent's entry (app.services.core.audit). A new
write without its entry shows up as an uncovered row whatever table it touches.
"""

from __future__ import annotations

import dataclasses
import json
import random
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest

from app.models import AuditLog, Contact, District, Enterprise, Response
from app.services.accounts import users as accounts
from app.services.applications import decisions as review
from app.services.applications import forms as applications
from app.services.cases import handling as cases
from app.services.cases import workdays
from app.services.core import attachments, audit, settings
from app.services.enforcement import actions as joint_actions
from app.services.enforcement import agencies, sharing
from app.services.enforcement import agreements as cooperation
from app.services.enterprises import import_xlsx as enterprise_import
from app.services.enterprises import records
from app.services.enterprises import register as enterprises
from app.services.fairs import fairs, recordals
from app.services.liaison import assignments as liaison
from app.services.liaison import events, experts, visits
from app.services.listing import entries as protection_list
from app.services.listing import publication
from app.services.plans import responsibilities, work_plans
from app.services.publicity import items as publicity
from app.services.questionnaires import catalogue as questionnaires
from app.services.questionnaires import import_xlsx as questionnaire_import
from app.services.questionnaires import responses
from app.services.questionnaires import sheet_xlsx as questionnaire_sheet
from app.services.support import ledger
from app.services.system import audit_chain, backup
from app.services.system import database as setup
from app.services.system.demo import make_uscc
from tests.conftest import ADMIN_PASSWORD
from tests.helpers import audit_diff
from tests.helpers.messy import good_rows, messy_workbook
from tests.helpers.questionnaires import DESIGN, enterprises_of

YEAR = 2026
BEFORE_DEADLINE = date(2026, 9, 20)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _file(ctx, name: str, content: bytes = PDF) -> Path:
    path = ctx.tmp / name
    path.write_bytes(content)
    return path


def _new_enterprise(ctx, n: int, code: str = "150602") -> dict:
    return {
        "name": f"审计测试企业{n}号",
        "uscc": make_uscc(ctx.rng, code),
        "kind": "enterprise",
        "district": code,
    }


def _submitted(ctx, n: int):
    """A submitted application of a new, eligible enterprise (its own writes are checked by earlier steps)."""
    ent = enterprises.create(ctx.admin, _new_enterprise(ctx, n)).enterprise
    records.save_holding(ctx.admin, ent.id, YEAR - 1, {"invention_patents": 12})
    records.save_contact(ctx.admin, ent.id, {"name": "张敏", "mobile": "13912345678", "is_primary": True})
    return applications.submit(ctx.admin, applications.new_draft(ctx.admin, ent.id, YEAR).id)


# --- the writes, one step each ----------------------------------------------------------------------------


def set_setting(ctx):
    settings.set_value(ctx.admin, "attachments.max_mb", 30)


def set_calendar_day(ctx):
    workdays.set_day(ctx.admin, date(2031, 1, 2), False, "测试假日")


def create_user(ctx):
    ctx.tester = accounts.create_user(ctx.admin, "shenji", "审计测试", "district_officer", "testpass123",
                                      District.get(District.code == "150602"))  # fmt: skip


def deactivate_user(ctx):
    accounts.set_active(ctx.admin, ctx.tester, False)


def change_password(ctx):
    accounts.change_password(ctx.admin, ctx.tester, "otherpass456")


def log_in(ctx):
    accounts.login("dongsheng", ctx.passwords["dongsheng"])


def create_enterprise(ctx):
    ctx.ent = enterprises.create(ctx.officer, _new_enterprise(ctx, 1)).enterprise


def update_enterprise(ctx):
    enterprises.update(ctx.officer, ctx.ent.id, {"legal_representative": "李强"})


def archive_enterprise(ctx):
    enterprises.set_archived(ctx.officer, ctx.ent.id, True, "测试归档")


def restore_enterprise(ctx):
    enterprises.set_archived(ctx.officer, ctx.ent.id, False)


def add_contact(ctx):
    ctx.first = records.save_contact(ctx.officer, ctx.ent.id, {"name": "王芳", "is_primary": True})


def add_primary_contact(ctx):
    """A second primary contact: the first one stops being primary."""
    ctx.second = records.save_contact(ctx.officer, ctx.ent.id, {"name": "赵磊", "is_primary": True})
    assert not Contact.get_by_id(ctx.first.id).is_primary


def update_contact(ctx):
    records.save_contact(ctx.officer, ctx.ent.id, {"post": "法务主管"}, ctx.second.id)


def delete_contact(ctx):
    records.delete_contact(ctx.officer, ctx.ent.id, ctx.first.id)


def add_holding(ctx):
    records.save_holding(ctx.officer, ctx.ent.id, YEAR - 1, {"invention_patents": 3})


def update_holding(ctx):
    records.save_holding(ctx.officer, ctx.ent.id, YEAR - 1, {"invention_patents": 4, "trade_secrets": True})


def add_honor(ctx):
    ctx.honor = records.add_honor(ctx.officer, ctx.ent.id, "regional", "advantage", 2024, "优势企业")


def delete_honor(ctx):
    records.delete_honor(ctx.officer, ctx.ent.id, ctx.honor.id)


def import_enterprises(ctx):
    """Two new enterprises (with holdings and contacts) and a change to an existing one."""
    rows = good_rows(2)
    rows.append([3, ctx.ent.uscc, ctx.ent.name, "东胜", "", "9", "5", "是", "", "周洁", "13812345678"])
    path = ctx.tmp / "import.xlsx"
    messy_workbook(path, rows)
    plan = enterprise_import.import_enterprises(ctx.admin, path)
    assert plan.summary()["created"] == 2 and plan.summary()["updated"] == 1


def new_draft(ctx):
    """The round of the year does not exist yet: the draft creates it."""
    ctx.draft = applications.new_draft(ctx.officer, ctx.ent.id, YEAR)


def save_form(ctx):
    form = applications.form_of(ctx.draft)
    form.snapshot["main_products"] = "煤制烯烃"
    applications.save_form(ctx.officer, ctx.draft.id, form)


def refresh_snapshot(ctx):
    applications.refresh_snapshot(ctx.officer, ctx.draft.id)


def attach_evidence(ctx):
    applications.attach(
        ctx.officer, ctx.draft.id, _file(ctx, "专利证书.pdf"), "evidence", "invention_patents"
    )


def submit(ctx):
    ctx.app = _submitted(ctx, 2)


def revise(ctx):
    """A new revision; the old one is superseded and its evidence is linked to the new one."""
    applications.attach(ctx.admin, ctx.app.id, _file(ctx, "盖章扫描件.pdf", PDF + b"scan"))
    ctx.app = applications.revise(ctx.admin, ctx.app.id)
    ctx.app = applications.submit(ctx.admin, ctx.app.id)


def recommend(ctx):
    review.recommend(ctx.officer, ctx.app.id, "同意推荐", on=BEFORE_DEADLINE)


def start_review(ctx):
    review.start_review(ctx.reviewer, ctx.app.id)


def approve(ctx):
    review.decide(ctx.reviewer, ctx.app.id, "approve", "同意纳入", on=date(2026, 10, 20))
    ctx.listed = ctx.app.enterprise


def re_examine(ctx):
    entry = review.active_entry(ctx.listed)
    protection_list.re_examine(ctx.reviewer, entry.id, "renewed", "继续保留", on=date(2028, 10, 1))


def publish(ctx):
    publication.publish(ctx.reviewer, ctx.tmp / "公示.xlsx", on=date(2026, 11, 1))


def assign_liaison(ctx):
    liaison.assign(ctx.admin, ctx.listed.id, ctx.officer, on=date(2026, 1, 1))


def reassign_liaison(ctx):
    liaison.assign(ctx.admin, ctx.listed.id, ctx.reviewer, on=date(2026, 6, 1))


def record_visit(ctx):
    ctx.visit = visits.record_visit(ctx.officer, ctx.listed.id, {"visited_on": "2026-05-06", "problems": "遭遇侵权"},
                                    [visits.NewFollowUp("协助维权", "2026-06-30", ctx.officer)])  # fmt: skip


def add_followup(ctx):
    ctx.followup = visits.add_followup(ctx.officer, ctx.listed.id, visits.NewFollowUp("培训", None, None))


def update_followup(ctx):
    visits.update_followup(ctx.officer, ctx.followup.id, "done", "已培训", on=date(2026, 6, 1))


def attach_visit_file(ctx):
    visits.attach_file(ctx.officer, ctx.visit.id, _file(ctx, "签到表.pdf", PDF + b"visit"))


def record_event(ctx):
    ctx.event = events.record_event(ctx.officer, {"kind": "risk_training", "held_on": "2026-04-01",
                                                  "topic": "风险防范", "district": "150602", "head_count": 30},
                                    {ctx.listed.id: 2})  # fmt: skip


def attach_event_material(ctx):
    events.attach_material(ctx.officer, ctx.event.id, _file(ctx, "课件.pdf", PDF + b"slides"))


def create_case(ctx):
    """A counterfeit-patent case of a listed enterprise, handled by a district: reported to the city."""
    ctx.case = cases.create_case(ctx.officer, {"type": "counterfeit-patent", "summary": "假冒专利标识",
                                               "received_on": "2026-03-02"},
                                 [{"uscc": ctx.listed.uscc, "role": "rights_holder"},
                                  {"name": "某商贸公司", "role": "respondent"}],
                                 [{"kind": "patent", "number": "ZL202010000001.1", "title": "一种装置"}])  # fmt: skip
    assert cases.report_of(ctx.case) is not None


def create_important_case(ctx):
    ctx.important = cases.create_case(ctx.officer, {"type": "patent-dispute", "summary": "专利侵权纠纷",
                                                    "received_on": "2026-03-03"},
                                      [{"uscc": ctx.listed.uscc, "role": "complainant"}])  # fmt: skip
    assert ctx.important.important


def add_case_event(ctx):
    cases.add_event(ctx.officer, ctx.case.id, "verification", "2026-03-05", "现场核查")


def set_outcome(ctx):
    cases.set_outcome(ctx.officer, ctx.case.id, "penalty", "罚款", "1000.50")


def clear_important(ctx):
    cases.clear_important(ctx.reviewer, ctx.important.id, "双方已和解")


def acknowledge_report(ctx):
    cases.acknowledge_report(ctx.reviewer, ctx.case.id, "已阅", on=date(2026, 3, 10))


def save_expert(ctx):
    ctx.expert = experts.save_expert(ctx.admin, {"name": "陈律师", "field": "patent", "organisation": "律所"})


def update_expert(ctx):
    experts.save_expert(
        ctx.admin, {"name": "陈律师", "field": "litigation", "phone": "13712345678"}, ctx.expert.id
    )


def record_consultation(ctx):
    """A consultation about a case also puts a line on the case's timeline."""
    experts.record_consultation(ctx.admin, ctx.expert.id, "侵权判定", enterprise_id=ctx.listed.id,
                                case_uuid=ctx.case.uuid, consulted_on="2026-03-08")  # fmt: skip


def create_questionnaire(ctx):
    ctx.survey = questionnaires.create(ctx.admin, DESIGN)


def update_questionnaire(ctx):
    """Unanswered: changed in place (one question edited, one removed, one added)."""
    design = questionnaires.design_of(ctx.survey)
    specs = design.questions
    specs[0] = dataclasses.replace(specs[0], text="最需要的知识产权服务")
    specs = [*specs[:-1], dataclasses.replace(specs[-1], uuid="", text="上次培训日期")]
    questionnaires.update(ctx.admin, ctx.survey.id, dataclasses.replace(design, questions=specs))


def save_response(ctx):
    specs = questionnaires.specs_of(ctx.survey)
    ctx.answers = {specs[0].uuid: "培训", specs[2].uuid: 3, specs[3].uuid: 4}
    responses.save_response(ctx.officer, ctx.survey.id, ctx.listed.id, ctx.answers)


def complete_response(ctx):
    responses.save_response(ctx.officer, ctx.survey.id, ctx.listed.id, ctx.answers, complete=True,
                            visit_id=ctx.visit.id)  # fmt: skip


def import_responses(ctx):
    exported, filled = ctx.tmp / "问卷.xlsx", ctx.tmp / "问卷-已填.xlsx"
    questionnaire_sheet.export_sheet(ctx.officer, ctx.survey.id, exported)
    other = enterprises_of("150602")[0]
    workbook = openpyxl.load_workbook(exported)
    sheet = workbook.active
    row = next(r[0].row for r in sheet.iter_rows(min_row=4) if r[0].value == other.uscc)
    for column, value in zip("DFG", ["维权", 5, 3], strict=True):
        sheet[f"{column}{row}"] = value
    workbook.save(filled)
    plan = questionnaire_import.import_sheet(ctx.officer, ctx.survey.id, filled)
    assert plan.summary()["created"] == 1
    ctx.imported = other


def new_questionnaire_version(ctx):
    """Answered: the edit makes version 2 and closes version 1."""
    design = questionnaires.design_of(ctx.survey)
    outcome = questionnaires.update(ctx.admin, ctx.survey.id, dataclasses.replace(design, title="第二版问卷"))
    assert outcome.new_version
    ctx.survey2 = outcome.questionnaire


def close_questionnaire(ctx):
    questionnaires.set_active(ctx.admin, ctx.survey2.id, False)


def reopen_questionnaire(ctx):
    questionnaires.set_active(ctx.admin, ctx.survey2.id, True)


def delete_response(ctx):
    responses.delete_response(ctx.officer, ctx.survey.id, ctx.imported.id)
    assert responses.find_response(ctx.survey.id, ctx.imported.id) is None and Response.select().exists()


def install_builtin_questionnaire(ctx):
    questionnaires.install_builtin(ctx.admin)


def back_up(ctx):
    backup.backup(ctx.admin, ctx.tmp / "backup.db")


def attach_file(ctx):
    """The attachment store itself, for any record (the same file twice: stored once, recorded twice)."""
    attachments.attach(ctx.admin, _file(ctx, "说明.pdf", PDF + b"note"), ctx.listed, "other")


def set_duties(ctx):
    responsibilities.set_duties(ctx.officer, "150602", YEAR, [
        responsibilities.Duty("leader", "高建国", "副局长", duties="第一责任人"),
        responsibilities.Duty("officer", "王磊", duties="联络企业")])  # fmt: skip


def change_duties(ctx):
    """One row changed, one removed."""
    responsibilities.set_duties(ctx.officer, "150602", YEAR, [responsibilities.Duty("leader", "高建国", "局长")])


def create_plan(ctx):
    ctx.plan = work_plans.create_plan(ctx.officer, "150602", YEAR, {"title": "工作实施方案", "goal_visits": 10})


def update_plan(ctx):
    work_plans.update_plan(ctx.officer, ctx.plan.id, {"goal_trainings": 2})


def add_plan_project(ctx):
    ctx.project = work_plans.add_project(ctx.officer, ctx.plan.id, {"title": "走访全覆盖"})


def add_plan_task(ctx):
    ctx.task = work_plans.add_task(ctx.officer, ctx.project.id, {"title": "走访", "owner": "王磊",
                                                                  "due_on": "2026-06-30"})  # fmt: skip


def finish_plan_task(ctx):
    work_plans.set_task_status(ctx.officer, ctx.task.id, "done", work_plans.Evidence("visit", ctx.visit.id))


def _dongsheng(nth: int = 0) -> Enterprise:
    return Enterprise.select().join(District).where(District.code == "150602").order_by(Enterprise.id)[nth]


def add_support(ctx):
    ctx.support = ledger.add_entry(ctx.officer, _dongsheng().id, {
        "kind": "funding", "granted_on": "2026-03-01", "granting_body": "东胜区财政局", "programme": "专利资助",
        "amount": "12,000.50"})  # fmt: skip


def update_support(ctx):
    ledger.update_entry(ctx.officer, ctx.support.id, {"amount": "13000", "note": "追加"})


def attach_support_document(ctx):
    ledger.attach_document(ctx.officer, ctx.support.id, _file(ctx, "拨付通知.pdf", PDF + b"support"))


def delete_support(ctx):
    ledger.delete_entry(ctx.officer, ctx.support.id)


def record_publicity(ctx):
    ctx.item = publicity.record_item(ctx.officer, {
        "channel": "wechat", "outlet": "东胜市场监管", "title": "护航重点企业", "published_on": "2026-03-02",
        "district": "150602"}, [_dongsheng().id, _dongsheng(1).id])  # fmt: skip


def update_publicity(ctx):
    """The title corrected, one enterprise dropped and another added."""
    publicity.update_item(ctx.officer, ctx.item.id, {"title": "护航重点企业发展"}, [_dongsheng(1).id, _dongsheng(2).id])


def attach_publicity_material(ctx):
    publicity.attach_material(ctx.officer, ctx.item.id, _file(ctx, "截图.pdf", PDF + b"publicity"))


def delete_publicity(ctx):
    publicity.delete_item(ctx.officer, ctx.item.id)
def add_agency(ctx):
    ctx.agency = agencies.add_agency(ctx.admin, {"name": "东胜公安分局", "kind": "公安", "contact_person": "刘警官"})


def update_agency(ctx):
    agencies.update_agency(ctx.admin, ctx.agency.id, {"contact_phone": "0477-8160875", "active": False})
    agencies.update_agency(ctx.admin, ctx.agency.id, {"active": True})


def add_agreement(ctx):
    cooperation.add_agreement(ctx.officer, "150602", {"signed_on": "2026-01-05", "title": "执法协作备忘录"},
                              [ctx.agency.id])  # fmt: skip


def add_joint_action(ctx):
    ctx.action = joint_actions.add_action(ctx.officer, "150602", {"held_on": "2026-03-01", "title": "联合检查"},
                                          [ctx.agency.id], [ctx.listed.id], [ctx.case.id])  # fmt: skip


def link_action_case(ctx):
    later = cases.create_case(ctx.officer, {"type": "trademark", "summary": "行动后立案"}, [{"name": "甲", "role": "respondent"}])
    joint_actions.link_case(ctx.officer, ctx.action.id, later.id)


def share_case_extract(ctx):
    sharing.share_case(ctx.officer, ctx.case.id, ctx.agency.id, ["number", "summary"], "pdf", ctx.tmp / "share.pdf")


def record_other_share(ctx):
    sharing.record_share(ctx.officer, ctx.agency.id, {"subject": "重点企业名录"})


def add_fair(ctx):
    fairs.add_fair(ctx.officer, ctx.listed.id, {"name": "羊绒交易会", "starts_on": "2026-05-20", "pre_check": True})


def add_recordal(ctx):
    ctx.recordal = recordals.add_recordal(ctx.officer, ctx.listed.id, {
        "right_kind": "商标", "right_title": "鄂尔多斯", "recordal_number": "T2021-1", "valid_until": "2026-09-30"})


def renew_recordal(ctx):
    recordals.renew(ctx.officer, ctx.recordal.id, "2036-09-30")


# (step, acting user, the tables it must change). Reading services and exports write nothing and are not here.
STEPS = [
    (set_setting, "admin", {"setting"}),
    (set_calendar_day, "admin", {"calendar_day"}),
    (create_user, "admin", {"user"}),
    (deactivate_user, "admin", {"user"}),
    (change_password, "admin", {"user"}),
    (log_in, "dongsheng", set()),  # only the exempt last_login_at changes; the sign-in itself is audited
    (create_enterprise, "dongsheng", {"enterprise"}),
    (update_enterprise, "dongsheng", {"enterprise"}),
    (archive_enterprise, "dongsheng", {"enterprise"}),
    (restore_enterprise, "dongsheng", {"enterprise"}),
    (add_contact, "dongsheng", {"contact"}),
    (add_primary_contact, "dongsheng", {"contact"}),
    (update_contact, "dongsheng", {"contact"}),
    (delete_contact, "dongsheng", {"contact"}),
    (add_holding, "dongsheng", {"ip_holding"}),
    (update_holding, "dongsheng", {"ip_holding"}),
    (add_honor, "dongsheng", {"honor"}),
    (delete_honor, "dongsheng", {"honor"}),
    (import_enterprises, "admin", {"enterprise", "ip_holding", "contact"}),
    (new_draft, "dongsheng", {"round", "application"}),
    (save_form, "dongsheng", {"application"}),
    (refresh_snapshot, "dongsheng", {"application"}),
    (attach_evidence, "dongsheng", {"attachment"}),
    (submit, "admin", {"enterprise", "ip_holding", "contact", "application"}),
    (revise, "admin", {"application", "attachment"}),
    (recommend, "dongsheng", {"application", "review"}),
    (start_review, "shenhe", {"application"}),
    (approve, "shenhe", {"application", "review", "list_entry"}),
    (re_examine, "shenhe", {"list_entry", "review"}),
    (publish, "shenhe", {"publication"}),
    (assign_liaison, "admin", {"liaison_assignment"}),
    (reassign_liaison, "admin", {"liaison_assignment"}),
    (record_visit, "dongsheng", {"visit", "follow_up"}),
    (add_followup, "dongsheng", {"follow_up"}),
    (update_followup, "dongsheng", {"follow_up"}),
    (attach_visit_file, "dongsheng", {"attachment"}),
    (record_event, "dongsheng", {"event", "event_attendance"}),
    (attach_event_material, "dongsheng", {"attachment"}),
    (create_case, "dongsheng", {"case", "case_party", "case_right", "case_event", "city_report"}),
    (create_important_case, "dongsheng", {"case", "case_party", "case_event"}),
    (add_case_event, "dongsheng", {"case", "case_event"}),
    (set_outcome, "dongsheng", {"case"}),
    (clear_important, "shenhe", {"case"}),
    (acknowledge_report, "shenhe", {"city_report"}),
    (save_expert, "admin", {"expert"}),
    (update_expert, "admin", {"expert"}),
    (record_consultation, "admin", {"consultation", "case", "case_event"}),
    (create_questionnaire, "admin", {"questionnaire", "question"}),
    (update_questionnaire, "admin", {"questionnaire", "question"}),
    (save_response, "dongsheng", {"response"}),
    (complete_response, "dongsheng", {"response"}),
    (import_responses, "dongsheng", {"response"}),
    (new_questionnaire_version, "admin", {"questionnaire", "question"}),
    (close_questionnaire, "admin", {"questionnaire"}),
    (reopen_questionnaire, "admin", {"questionnaire"}),
    (delete_response, "dongsheng", {"response"}),
    (install_builtin_questionnaire, "admin", {"questionnaire", "question"}),
    (set_duties, "dongsheng", {"responsibility"}),
    (change_duties, "dongsheng", {"responsibility"}),
    (create_plan, "dongsheng", {"work_plan"}),
    (update_plan, "dongsheng", {"work_plan"}),
    (add_plan_project, "dongsheng", {"plan_project"}),
    (add_plan_task, "dongsheng", {"plan_task"}),
    (finish_plan_task, "dongsheng", {"plan_task"}),
    (add_support, "dongsheng", {"support_entry"}),
    (update_support, "dongsheng", {"support_entry"}),
    (attach_support_document, "dongsheng", {"attachment"}),
    (delete_support, "dongsheng", {"support_entry"}),
    (record_publicity, "dongsheng", {"publicity_item", "publicity_feature"}),
    (update_publicity, "dongsheng", {"publicity_item", "publicity_feature"}),
    (attach_publicity_material, "dongsheng", {"attachment"}),
    (delete_publicity, "dongsheng", {"publicity_item", "publicity_feature"}),
    (add_agency, "admin", {"partner_agency"}),
    (update_agency, "admin", {"partner_agency"}),
    (add_agreement, "dongsheng", {"cooperation_agreement", "agreement_party"}),
    (add_joint_action, "dongsheng", {"joint_action", "action_partner", "action_enterprise", "action_case"}),
    (link_action_case, "dongsheng", {"action_case", "case"}),
    (share_case_extract, "dongsheng", {"share_record"}),
    (record_other_share, "dongsheng", {"share_record"}),
    (add_fair, "dongsheng", {"trade_fair"}),
    (add_recordal, "dongsheng", {"customs_recordal"}),
    (renew_recordal, "dongsheng", {"customs_recordal"}),
    (back_up, "admin", set()),  # writes a file and its entry, no row
    (attach_file, "admin", {"attachment"}),
]
# decide_many: its own test below (its set-up is done by other people than the decision).


def _run(step, actor) -> tuple[set[str], list[str]]:
    """Run one step between two snapshots; what is wrong with its audit (empty when all is covered)."""
    before = audit_diff.take()
    step()
    return audit_diff.problems(before, audit_diff.take(), actor)


@pytest.fixture
def ctx(demo_db, demo_users, tmp_path):
    _, result = demo_db
    return SimpleNamespace(tmp=tmp_path, rng=random.Random(5), admin=demo_users["admin"], passwords=result.demo_accounts,
                           officer=demo_users["dongsheng"], reviewer=demo_users["shenhe"])  # fmt: skip


def test_every_write_is_audited_row_by_row(ctx, demo_users):
    failures = []
    for step, login, tables in STEPS:
        changed, found = _run(lambda step=step: step(ctx), demo_users[login])
        failures += [f"{step.__name__}: {problem}" for problem in found]
        if not tables <= changed:
            failures.append(f"{step.__name__}: 应改动 {sorted(tables)}，实际改动 {sorted(changed)}")
    assert failures == []
    chain = audit_chain.verify_chain()  # every writer, record_many's imports too, extends the hash chain
    assert chain.ok and chain.checked == AuditLog.select().count()


def test_batch_decisions_are_audited_per_application(ctx, demo_users):
    app = _submitted(ctx, 4)
    review.recommend(ctx.officer, app.id, "同意推荐", on=BEFORE_DEADLINE)
    other = _submitted(ctx, 5)
    review.recommend(ctx.officer, other.id, "同意推荐", on=BEFORE_DEADLINE)
    changed, found = _run(
        lambda: review.decide_many(
            ctx.reviewer, [(app.id, "reject", "不符合条件"), (other.id, "return", "补充")]
        ),
        ctx.reviewer,
    )
    assert found == [] and changed == {"application", "review"}


def test_a_new_register_is_audited_as_the_system_then_the_first_administrator(tmp_path):
    """Districts loaded from the program's reference data, refreshed when they change, and the first account."""
    path = tmp_path / "new.db"
    before = audit_diff.State()  # no tables yet
    setup.open_register(path)
    changed, found = audit_diff.problems(before, audit_diff.take(), None)
    assert found == [] and changed == {"district"}
    District.update(name="旧名称").where(District.code == "150602").execute()  # as an older program wrote it
    before = audit_diff.take()
    setup.open_register(path)
    changed, found = audit_diff.problems(before, audit_diff.take(), None)
    assert found == [] and changed == {"district"}
    before = audit_diff.take()
    accounts.create_first_admin(ADMIN_PASSWORD)
    changed, found = audit_diff.problems(before, audit_diff.take(), None)
    assert found == [] and changed == {"user"}


def test_a_write_without_its_entry_is_caught(ctx):
    """The check itself: an unaudited update, a wrong after-image and a child left off its parent all fail."""
    ent = Enterprise.select().first()
    before = audit_diff.take()
    Enterprise.update(legal_representative="无人知晓").where(Enterprise.id == ent.id).execute()
    _, found = audit_diff.problems(before, audit_diff.take(), ctx.admin)
    assert found == [f"enterprise #{ent.id} 被修改，但没有审计记录"]

    before = audit_diff.take()
    contact = records.save_contact(ctx.admin, ent.id, {"name": "钱进"})
    Contact.update(name="孙退").where(Contact.id == contact.id).execute()  # after the entry was written
    _, found = audit_diff.problems(before, audit_diff.take(), ctx.admin)
    assert len(found) == 1 and "变更后不符" in found[0] and "name" in found[0]

    case = cases.create_case(
        ctx.admin, {"type": "trademark", "summary": "仿冒"}, [{"name": "甲", "role": "complainant"}]
    )
    before = audit_diff.take()
    cases.CaseParty.create(case=case, name="乙", role="respondent")
    cases.add_event(ctx.admin, case.id, "verification")  # audited, but without the party
    _, found = audit_diff.problems(before, audit_diff.take(), ctx.officer)
    assert any("case_party" in p and "没有审计记录" in p for p in found)
    assert any("操作人为 admin，应为 dongsheng" in p for p in found)


def test_history_of_an_enterprise_still_shows_field_changes_only(ctx):
    """Children ride on entries but do not appear as a changed field in the history's diffs."""
    case = cases.create_case(
        ctx.admin, {"type": "trademark", "summary": "仿冒"}, [{"name": "甲", "role": "complainant"}]
    )
    entry = AuditLog.get(AuditLog.entity == "case", AuditLog.entity_id == case.id)
    assert "children" not in audit.changes(entry) and audit.changes(entry)["summary"] == (None, "仿冒")
    assert [row["name"] for row in json.loads(entry.after)["children"]["case_party"]] == ["甲"]
