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
