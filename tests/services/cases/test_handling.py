"""Cases on a real database: statutory clocks over holidays and suspensions, the notice's rules, scoping."""

import copy
from datetime import date

import chinese_calendar
import pytest

from app.models import CalendarDay, Enterprise, ListEntry
from app.services.cases import handling as cases
from app.services.cases import workdays
from app.services.core import settings
from app.services.core.errors import DomainError, PermissionDenied, ValidationError


def _listed(code="150602"):
    ent = (
        Enterprise.select()
        .join(Enterprise.district.rel_model)
        .where(Enterprise.district.rel_model.code == code)
        .first()
    )
    ListEntry.create(enterprise=ent, listed_on=date(2025, 1, 10), next_review_on=date(2027, 1, 10))
    return ent


@pytest.fixture
def holidays_known_to_2026(monkeypatch):
    """The holiday package as released with data up to 2026, whatever the installed version knows: a release
    with 2027's holidays must not turn the "year without data" below into a year with data."""
    real = chinese_calendar.is_workday

    def is_workday(day):
        if day.year > 2026:
            raise NotImplementedError(f"no available data for year {day.year}")
        return real(day)

    monkeypatch.setattr(chinese_calendar, "is_workday", is_workday)


def _clock(case_id, key, today):
    found, warnings = cases.clocks(cases.Case.get_by_id(case_id), today)
    return next(c for c in found if c.key == key), warnings


def test_seven_working_days_across_national_day_and_a_make_up_saturday(demo_users):
    admin = demo_users["admin"]
    ent = _listed()
    # Received Sunday 28 Sep 2025, itself a make-up working day; 1–8 Oct are holidays; Sat 11 Oct is worked.
    case = cases.create_case(admin, {"type": "trademark", "summary": "仿冒注册商标", "received_on": "2025-09-28"},
                             [{"uscc": ent.uscc, "role": "complainant"}])  # fmt: skip
    clock, warnings = _clock(case.id, "complaint_acceptance", date(2025, 10, 9))
    assert clock.due == date(2025, 10, 14) and warnings == []
    assert clock.days_left == 4 and clock.state == "running"  # 10, 11 (make-up Saturday), 13, 14
    cases.add_event(admin, case.id, "verification", "2025-10-13")
    clock, _ = _clock(case.id, "complaint_acceptance", date(2025, 10, 20))
    assert clock.state == "met" and clock.met_on == date(2025, 10, 13)


def test_overdue_and_amber(demo_users):
    admin = demo_users["admin"]
    case = cases.create_case(admin, {"type": "trademark", "summary": "仿冒", "received_on": "2026-03-02"},
                             [{"name": "某商贸公司", "role": "complainant"}])  # fmt: skip
    assert _clock(case.id, "complaint_acceptance", date(2026, 3, 9))[0].state == "due_soon"
    late = _clock(case.id, "complaint_acceptance", date(2026, 3, 16))[0]
    assert (
        late.due == date(2026, 3, 11) and late.state == "overdue" and late.days_left == -3
    )  # 12, 13, 16 March
    assert [c.id for c in cases.list_cases(admin, overdue_only=True, today=date(2026, 3, 16))] == [case.id]


def test_suspension_moves_a_working_day_limit_by_exactly_its_working_days(demo_users):
    admin = demo_users["admin"]
    rules = copy.deepcopy(settings.get("cases.deadline_rules"))
    ruling = next(r for r in rules if r["key"] == "patent_ruling")
    ruling.update(unit="workdays", length=40)  # this province counts the ruling limit in working days
    settings.set_value(admin, "cases.deadline_rules", rules)
    ent = _listed()
    case = cases.create_case(admin, {"type": "patent-dispute", "summary": "发明专利侵权纠纷", "received_on": "2026-03-02"},
                             [{"uscc": ent.uscc, "role": "complainant"}, {"name": "某机械厂", "role": "respondent"}])  # fmt: skip
    cases.add_event(admin, case.id, "filed", "2026-03-03")
    cases.add_event(admin, case.id, "served", "2026-03-05")
    before, _ = _clock(case.id, "patent_ruling", date(2026, 3, 10))
    cases.add_event(admin, case.id, "suspended", "2026-03-16", "被请求人提出无效宣告请求")
    with pytest.raises(DomainError, match="已中止"):
        cases.add_event(admin, case.id, "defence", "2026-03-17")
    cases.add_event(admin, case.id, "resumed", "2026-03-30")  # suspended 16–29 March: 10 working days
    after, _ = _clock(case.id, "patent_ruling", date(2026, 4, 1))
    calendar = workdays.Calendar()
    assert calendar.workdays_between(before.due, after.due) == 10


def test_calendar_limit_with_suspension_and_a_year_without_holiday_data(demo_users, holidays_known_to_2026):
    admin = demo_users["admin"]
    case = cases.create_case(admin, {"type": "counterfeit-patent", "summary": "标注失效专利号", "source": "inspection",
                                     "received_on": "2026-11-02"}, [{"name": "某五金店", "role": "respondent"}])  # fmt: skip
    cases.add_event(admin, case.id, "verification", "2026-11-03")
    cases.add_event(admin, case.id, "filed", "2026-11-05")
    cases.add_event(admin, case.id, "investigation", "2026-11-06")
    cases.add_event(admin, case.id, "suspended", "2026-11-10")
    cases.add_event(admin, case.id, "resumed", "2026-11-20")
    clock, warnings = _clock(case.id, "penalty_decision", date(2026, 11, 27))
    assert clock.due == date(2027, 2, 13) and warnings == []  # 5 Nov + 90 days + 10 suspended days
    # A working-day limit of 40 days from November runs into 2027, which the holiday package does not know.
    rules = copy.deepcopy(settings.get("cases.deadline_rules"))
    next(r for r in rules if r["key"] == "penalty_decision").update(unit="workdays", length=40)
    settings.set_value(admin, "cases.deadline_rules", rules)
    _, warnings = _clock(case.id, "penalty_decision", date(2026, 11, 27))
    assert warnings and "2027年的法定节假日和调休安排尚未录入" in warnings[0]
    workdays.set_day(admin, date(2027, 1, 1), False, "元旦")
    _, warnings = _clock(case.id, "penalty_decision", date(2026, 11, 27))
    assert warnings == [] and CalendarDay.select().count() == 1


def test_patent_dispute_of_a_listed_enterprise_is_important_and_only_the_city_clears_it(demo_users):
    admin, officer = demo_users["admin"], demo_users["dongsheng"]
    ent = _listed()
    case = cases.create_case(officer, {"type": "patent-dispute", "summary": "专利侵权纠纷处理请求"},
                             [{"uscc": ent.uscc, "role": "complainant"}])  # fmt: skip
    assert case.important and "重要案件" in case.important_note and case.number.startswith("东胜市监知〔")
    with pytest.raises(PermissionDenied):
        cases.clear_important(officer, case.id, "不重要")
    with pytest.raises(ValidationError, match="理由"):
        cases.clear_important(admin, case.id, "")
    assert not cases.clear_important(admin, case.id, "请求人已撤回主要请求").important
    plain = cases.create_case(officer, {"type": "patent-dispute", "summary": "非名录企业请求"},
                              [{"name": "某公司", "role": "complainant"}])  # fmt: skip
    assert not plain.important


def test_counterfeit_patent_report_to_the_city(demo_users, tmp_path):
    admin, officer = demo_users["admin"], demo_users["dongsheng"]
    ent = _listed()
    case = cases.create_case(officer, {"type": "counterfeit-patent", "summary": "冒用重点企业专利号", "source": "inspection"},
                             [{"uscc": ent.uscc, "role": "rights_holder"}, {"name": "某商店", "role": "respondent"}])  # fmt: skip
    report = cases.report_of(case)
    assert report is not None and ent.name in report.note
    assert [r.case_id for r in cases.pending_reports(admin)] == [case.id]
    assert [r.case_id for r in cases.pending_reports(officer)] == [case.id]
    with pytest.raises(PermissionDenied):
        cases.acknowledge_report(officer, case.id)
    cases.acknowledge_report(admin, case.id, "已阅，请依法查处")
    assert cases.pending_reports(admin) == []
    city_case = cases.create_case(admin, {"type": "counterfeit-patent", "summary": "市局查处"},
                                  [{"uscc": ent.uscc, "role": "rights_holder"}])  # fmt: skip
    assert cases.report_of(city_case) is None  # the city does not report to itself


def test_flow_and_scoping(demo_users):
    officer, other = demo_users["dongsheng"], demo_users["dalate"]
    case = cases.create_case(
        officer, {"type": "trademark", "summary": "商标侵权"}, [{"name": "甲公司", "role": "complainant"}]
    )
    with pytest.raises(DomainError, match="下一步只能是：核查、不予立案"):
        cases.add_event(officer, case.id, "decision", "2026-03-01")
    with pytest.raises(Exception, match="没有编号"):
        cases.get(other, case.id)
    with pytest.raises(PermissionDenied):
        cases.create_case(other, {"type": "trademark", "summary": "x", "handling_district": "东胜区"},
                          [{"name": "甲", "role": "complainant"}])  # fmt: skip
    assert cases.list_cases(other) == [] and len(cases.list_cases(demo_users["shenhe"])) == 1
    with pytest.raises(PermissionDenied):
        cases.add_event(demo_users["chakan"], case.id, "verification")


def test_the_report_to_the_city_prints(demo_users, tmp_path):
    from pypdf import PdfReader

    from app.services.cases import printing as case_print

    admin, officer = demo_users["admin"], demo_users["dongsheng"]
    ent = _listed()
    case = cases.create_case(officer, {"type": "counterfeit-patent", "summary": "冒用专利号", "source": "inspection"},
                             [{"uscc": ent.uscc, "role": "rights_holder"}])  # fmt: skip
    cases.acknowledge_report(admin, case.id, "请依法查处")
    out = tmp_path / "report.pdf"
    case_print.print_case(officer, case.id, out, "report")
    text = "".join(p.extract_text() for p in PdfReader(out).pages).replace("\n", "")
    assert case.number in text and ent.name in text and "已于" in text and "签收" in text


def test_dashboard_counts_overdue_clocks_reports_and_followups(demo_users):
    from app.services.dashboard import figures as statistics
    from app.services.liaison import visits

    admin, officer = demo_users["admin"], demo_users["dongsheng"]
    ent = _listed()
    cases.create_case(officer, {"type": "counterfeit-patent", "summary": "冒用专利号", "source": "complaint",
                                "received_on": "2026-03-02"}, [{"uscc": ent.uscc, "role": "rights_holder"}])  # fmt: skip
    visits.add_followup(officer, ent.id, visits.NewFollowUp("补充证据", "2026-03-05"))
    figures = statistics.dashboard(admin, 2026, today=date(2026, 3, 20))
    assert figures["pending_reports"] and figures["followups_overdue"]
    assert any(d["state"] == "overdue" for d in figures["case_deadlines"])
    assert {"1 件案件有办理时限已超期", "1 项跟进事项已逾期", "1 件假冒专利案件上报待市局签收"} <= set(
        figures["warnings"]
    )
    assert statistics.dashboard(demo_users["dalate"], 2026, today=date(2026, 3, 20))["pending_reports"] == []


def test_case_statistics(demo_users):
    from app.services.cases import stats as case_stats

    admin, officer = demo_users["admin"], demo_users["dongsheng"]
    ent = _listed()
    first = cases.create_case(officer, {"type": "trademark", "summary": "仿冒", "received_on": "2026-03-02"},
                              [{"uscc": ent.uscc, "role": "complainant"}])  # fmt: skip
    cases.create_case(admin, {"type": "patent-dispute", "summary": "纠纷", "received_on": "2026-03-10"},
                      [{"uscc": ent.uscc, "role": "complainant"}])  # fmt: skip
    for kind, day in (("verification", "2026-03-03"), ("dismissed", "2026-03-05"), ("closed", "2026-03-12")):
        cases.add_event(officer, first.id, kind, day)
    cases.set_outcome(officer, first.id, "dismissed", "证据不足")
    figures = case_stats.case_statistics(admin, 2026)
    assert (figures["total"], figures["closed"], figures["important"]) == (2, 1, 1)
    assert figures["by_type"] == {"商标侵权": 1, "专利侵权纠纷（行政裁决）": 1}
    assert figures["by_handling"] == {"东胜区": 1, "市局": 1}
    assert figures["average_days_to_close"] == 10 and figures["listed_enterprises_served"] == 1
    assert figures["by_outcome"] == {"不予立案/驳回": 1}
    assert case_stats.case_statistics(officer)["total"] == 1


def test_consulting_an_expert_from_a_case_adds_to_its_timeline_and_checks_every_party(demo_users):
    from app.services.liaison import experts

    admin = demo_users["admin"]
    ent = _listed()
    case = cases.create_case(admin, {"type": "foreign", "summary": "海外展会被诉侵权"},
                             [{"uscc": ent.uscc, "role": "respondent"}, {"name": "Acme GmbH", "role": "complainant"}])  # fmt: skip
    conflicted = experts.save_expert(
        admin, {"name": "甲律师", "field": "foreign", "conflicts": "曾代理 Acme GmbH"}
    )
    with pytest.raises(ValidationError, match="Acme GmbH"):
        experts.record_consultation(admin, conflicted.id, "应诉策略", case_uuid=case.uuid)
    free = experts.save_expert(admin, {"name": "乙教授", "field": "foreign"})
    experts.record_consultation(admin, free.id, "应诉策略", case_uuid=case.uuid, consulted_on="2026-05-01")
    kinds = [e.kind for e in cases.get(admin, case.id).events]
    assert kinds.count("consultation") == 1


def test_penalty_amount_in_yuan_and_bad_amount_is_a_validation_error(demo_users):
    admin = demo_users["admin"]
    case = cases.create_case(
        admin, {"type": "trademark", "summary": "x"}, [{"name": "甲", "role": "complainant"}]
    )
    assert str(cases.set_outcome(admin, case.id, "penalty", "罚款", "12,000元").penalty_amount) == "12000.00"
    with pytest.raises(ValidationError, match="罚没金额"):
        cases.set_outcome(admin, case.id, "penalty", "罚款", "很多")
