"""Every printed document kind rendered from realistic data, filled and blank, for the layout tests."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date

from app.models import Questionnaire
from app.services.applications.form_pdf import render_application, render_blank_application
from app.services.cases import pdf as case_pdf
from app.services.io.fonts import FontSet
from app.services.liaison.visit_pdf import VisitSheet, render_visit
from app.services.listing.announcement_pdf import AnnouncementRow, render_announcement
from app.services.questionnaires.answer_checks import QuestionSpec
from app.services.questionnaires.pdf import render_blank, render_results
from app.services.questionnaires.results import QuestionResult, Results
from tests.helpers.pdf import sample_form, sample_meta


def sample_case() -> dict:
    return {
        "number": "鄂市监知案〔2026〕7号",
        "type_label": "假冒专利",
        "source_label": "投诉举报",
        "received_on": "2026-03-05",
        "handling": "东胜区",
        "parties": [{"role_label": "被投诉人", "name": "鄂尔多斯市某某公司", "key_enterprise": True}],
        "rights": [{"number": "ZL202010001234.5", "title": "一种煤气化装置"}],
        "important": True,
        "important_note": "涉及名录企业",
        "summary": "投诉人反映被投诉人在产品包装上标注已失效专利号。",
        "report": {"reported_on": "2026-03-06", "note": "已上报", "acknowledged": True,
                   "acknowledged_on": "2026-03-09"},
        "clocks": [{"label": "立案后作出处罚决定", "start": "2026-03-05", "due": "2026-06-03",
                    "state_label": "计时中"}],
        "timeline": [{"date": "2026-03-05", "label": "收到", "note": "电话投诉"},
                     {"date": "2026-03-10", "label": "立案", "note": ""}],
        "status_label": "办理中",
        "outcome_label": "",
        "warnings": ["时限“立案后作出处罚决定”自2026-03-05起算"],
    }  # fmt: skip


def sample_visit() -> VisitSheet:
    return VisitSheet(
        enterprise="鄂尔多斯市库布其煤化工股份有限公司", uscc="91150602MA0N8K3X2Q", district="东胜区",
        visited_on=date(2026, 3, 5), kind="routine", officers="张三、李四", people_met="王海燕",
        topics="知识产权管理", problems="海外维权", notes="企业介绍了专利布局情况。",
        followups=[("提供海外维权指引", "张三", "2026-04-01", "进行中")],
    )  # fmt: skip


def sample_results() -> Results:
    question = QuestionResult(1, "u1", "date", "日期", "最近一次专利申请日期", "", 3,
                              earliest="2025-01-02", latest="2026-02-03")  # fmt: skip
    return Results(
        1, "知识产权需求调查问卷", 1, False, 3, {"东胜区": 3}, {"制造业": 3}, [question], "2026-03-05"
    )


def render_each(fonts: FontSet) -> Iterator[tuple[str, bytes]]:
    """(document kind, PDF bytes), rendered one at a time."""

    def run(render, *args, **kw) -> bytes:
        buf = io.BytesIO()
        render(*args, buf, fonts, **kw)
        return buf.getvalue()

    yield "application", run(render_application, sample_form(), sample_meta())
    yield "application_blank", run(render_blank_application, sample_meta())
    rows = [AnnouncementRow("鄂尔多斯市库布其煤化工股份有限公司", "91150602MA0N8K3X2Q", "东胜区", "发明专利",
                            date(2026, 3, 5))]  # fmt: skip
    yield "announcement", run(render_announcement, rows, title="公示", issued_on=date(2026, 12, 3))
    yield "visit", run(render_visit, sample_visit())
    yield "visit_blank", run(render_visit, VisitSheet(district="东胜区"), blank=True)
    yield "case_filing", run(case_pdf.render_filing_form, sample_case())
    yield "case_filing_blank", run(case_pdf.render_filing_form, None)
    yield "case_report", run(case_pdf.render_city_report, sample_case())
    yield "case_summary", run(case_pdf.render_case_summary, sample_case())
    questionnaire = Questionnaire(
        title="知识产权需求调查问卷", version=1, description="", uuid="0123456789abcdef"
    )
    yield (
        "questionnaire_blank",
        run(render_blank, questionnaire, [QuestionSpec("date", "最近一次专利申请日期")]),
    )
    yield "questionnaire_results", run(render_results, sample_results(), "全市各旗区")


def render_all(fonts: FontSet) -> dict[str, bytes]:
    """Document kind → PDF bytes."""
    return dict(render_each(fonts))


# Long stored text for the "nothing outside the block" check: Chinese prose, a Latin run and a digit run without
# a space to break at, full-width forms, closing punctuation that may not open a line, Extension A/B.
_PROSE = "企业在产品包装上标注已失效专利号，并在电商平台销售，投诉人要求依法处理。"
LONG = (
    _PROSE * 6 + "OrdosKubuqiCoalChemicalIndustryTechnologyDevelopmentCompanyLimited" * 2
    + "2026010100001234567890" * 3 + "（集团）１２３号Ａ座。，、；：？！）》」" + "䶮𠮷㐀" + _PROSE * 4
)  # fmt: skip
LONG_NAME = "鄂尔多斯市库布其" + "OrdosKubuqiCoalChemical" * 3 + "（集团）煤化工股份有限公司" * 3


def long_form():
    form = sample_form(name=LONG_NAME, legal_representative=LONG[:80], registered_address=LONG[:300],
                       main_products=LONG, contact={"name": LONG[:60]}, n_patents=3)  # fmt: skip
    form.patents[0]["title"] = LONG[:200]
    form.management = {k: LONG for k in form.management} if form.management else {"internal_rules": LONG}
    form.disputes[0]["outcome"] = LONG
    form.needs_other = LONG
    return form


def long_case() -> dict:
    case = sample_case()
    case["parties"] = [{"role_label": "被投诉人", "name": LONG_NAME, "key_enterprise": True}]
    case["rights"] = [{"number": "ZL202010001234.5" * 4, "title": LONG[:300]}]
    case["important_note"] = case["summary"] = case["report"]["note"] = case["outcome_label"] = LONG
    case["timeline"] = [{"date": "2026-03-05", "label": "收到", "note": LONG}]
    return case


def long_statistics() -> dict:
    columns = [{"key": "listed", "label": "名录企业"}, {"key": "support_amount", "label": "扶持金额（元）"}]
    return {
        "year": 2026, "as_of": "2026-12-03", "scope": LONG[:120], "district": None,
        "sections": [{"key": "enterprises", "title": "名录企业", "columns": columns,
                      "rows": [{"name": LONG[:90], "listed": 3, "support_amount": 123456789.5}],
                      "total": {"name": "合计", "listed": 3, "support_amount": 123456789.5}}],
        "breakdowns": [{"key": "industry", "title": "行业门类", "counts": {LONG: 3, "制造业": 2}}],
        "notes": [LONG],
    }  # fmt: skip


def render_each_long(fonts: FontSet) -> Iterator[tuple[str, bytes]]:
    """(document kind, PDF bytes) for every printed document, its stored text as long as a clerk may type."""
    from app.services.applications.form_pdf import ApplicationMeta, render_applications
    from app.services.plans.duty_pdf import DutyLine, render_duties
    from app.services.plans.plan_pdf import PlanDocument, PlanProjectPart, PlanTaskLine, render_plan
    from app.services.statistics.report_pdf import render_report

    def run(render, *args, **kw) -> bytes:
        buf = io.BytesIO()
        render(*args, buf, fonts, **kw)
        return buf.getvalue()

    yield "application", run(render_application, long_form(), sample_meta())
    yield "application_blank", run(render_blank_application, ApplicationMeta(round_year=2026))
    yield "batch", run(render_applications, [(long_form(), sample_meta()), (sample_form(), sample_meta())])
    rows = [AnnouncementRow(LONG_NAME, "91150602MA0N8K3X2Q", "东胜区", LONG[:200], date(2026, 3, 5))]
    yield (
        "announcement",
        run(render_announcement, rows, title="公示", issued_on=date(2026, 12, 3), contact=LONG),
    )
    visit = sample_visit()
    visit.enterprise, visit.officers, visit.people_met = LONG_NAME, LONG[:100], LONG[:100]
    visit.topics = visit.problems = visit.notes = LONG
    visit.followups = [(LONG, LONG[:40], "2026-04-01", "进行中")]
    yield "visit", run(render_visit, visit)
    yield "visit_blank", run(render_visit, VisitSheet(district="东胜区"), blank=True)
    yield "case_filing", run(case_pdf.render_filing_form, long_case())
    yield "case_filing_blank", run(case_pdf.render_filing_form, None)
    yield "case_report", run(case_pdf.render_city_report, long_case())
    yield "case_summary", run(case_pdf.render_case_summary, long_case())
    questionnaire = Questionnaire(title=LONG[:100], version=1, description=LONG, uuid="0123456789abcdef")
    specs = [QuestionSpec("single", LONG[:200], options=[LONG[:150], "否"]), QuestionSpec("text", LONG)]
    yield "questionnaire_blank", run(render_blank, questionnaire, specs)
    results = sample_results()
    results.title = LONG[:100]
    results.by_district, results.by_industry = {LONG[:80]: 3}, {LONG[:120]: 3}
    results.questions.append(
        QuestionResult(2, "u2", "text", "文字题", LONG[:200], "", 1, texts=[(LONG_NAME, LONG)])
    )
    yield "questionnaire_results", run(render_results, results, LONG[:100])
    yield "statistics_report", run(render_report, long_statistics())
    task = PlanTaskLine(LONG[:200], LONG[:30], date(2026, 6, 30), "进行中", LONG[:200], overdue=True)
    plan = PlanDocument("东胜区", 2026, "东胜区2026年知识产权重点企业保护工作实施方案", [(LONG[:60], 20, "次")],
                        LONG, [PlanProjectPart(LONG[:100], LONG, [task] * 3)], date(2026, 12, 3), 1, 3, 33.3)  # fmt: skip
    yield "work_plan", run(render_plan, plan)
    duty = DutyLine("联络人", LONG[:40], LONG[:60], "0477-1234567" * 5, LONG)
    yield "duties", run(render_duties, "东胜区", 2026, [duty, duty])
