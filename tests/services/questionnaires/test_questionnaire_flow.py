"""The whole questionnaire story on a real database: design, 10 enterprises answered (some through the Excel
round trip, one out-of-range row rejected with its row and column named), version 2 with the old answers
intact, results equal to figures worked out by hand, and district scoping throughout."""

import openpyxl
import pytest

from app.services.core.errors import NotFound, PermissionDenied, ValidationError
from app.services.io import error_workbook as error_report
from app.services.io import xlsx_reader as reader
from app.services.questionnaires import catalogue as questionnaires
from app.services.questionnaires import import_xlsx as questionnaire_import
from app.services.questionnaires import responses, results
from app.services.questionnaires import sheet_xlsx as questionnaire_sheet
from app.services.questionnaires.answer_checks import QuestionSpec
from app.services.questionnaires.design import Design
from tests.helpers.questionnaires import DESIGN, enterprises_of

COLUMN_OF = dict(zip(range(7), "DEFGHIJ", strict=True))  # question index → sheet column


def _raw(specs, values):
    return {s.uuid: v for s, v in zip(specs, values, strict=False) if v is not None}


def _fill(path, out, rows: dict[str, list]):
    """Type answers into the exported sheet, by USCC, as a clerk would."""
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    for row in ws.iter_rows(min_row=4):
        values = rows.get(row[0].value)
        for index, value in enumerate(values or []):
            ws[f"{COLUMN_OF[index]}{row[0].row}"] = value
    wb.save(out)
    return {r[0].value: r[0].row for r in ws.iter_rows(min_row=4)}


@pytest.fixture
def answered(survey, demo_users, tmp_path):
    """The ten answered enterprises; returns a dict of what the test needs."""
    questionnaire, specs = survey
    d, la, k = enterprises_of("150602"), enterprises_of("150621"), enterprises_of("150603")
    officer_d, officer_l, admin = demo_users["dongsheng"], demo_users["dalate"], demo_users["admin"]
    by_service = [
        (officer_d, d[0], ["培训", ["专利侵权"], 10, 5, "是", "多培训", "2024-03-01"]),
        (officer_d, d[1], ["维权", ["专利侵权", "商标假冒"], "20人", 4, False]),
        (officer_l, la[0], ["培训", ["商业秘密"], 5, "5", True]),
        (admin, k[0], ["维权", "专利侵权", 35, 4, "否"]),
        (admin, k[1], ["咨询", [], 45.0, 3, "是"]),
        (admin, k[2], ["培训", "商标假冒、商业秘密", "50", 1, "否"]),
    ]
    for actor, enterprise, values in by_service:
        responses.save_response(actor, questionnaire.id, enterprise.id, _raw(specs, values), complete=True)
    # 东胜区 fills its sheet: two rows already answered, two new ones.
    exported = tmp_path / "dongsheng.xlsx"
    assert questionnaire_sheet.export_sheet(officer_d, questionnaire.id, exported) == 4
    filled_d = tmp_path / "dongsheng_filled.xlsx"
    _fill(
        exported,
        filled_d,
        {d[2].uscc: ["培训", "商标假冒", 30, 3, "是"], d[3].uscc: ["咨询", None, 40, 4, "否"]},
    )
    plan_d = questionnaire_import.import_sheet(officer_d, questionnaire.id, filled_d)
    # 达拉特旗: two good rows and one with 150 people (allowed 0–100).
    exported_l = tmp_path / "dalate.xlsx"
    questionnaire_sheet.export_sheet(officer_l, questionnaire.id, exported_l)
    filled_l = tmp_path / "dalate_filled.xlsx"
    rows_l = _fill(exported_l, filled_l, {la[1].uscc: ["维权", "专利侵权、商业秘密", 15, 2],
                                          la[2].uscc: ["培训", None, 25, 5, "是"],
                                          la[3].uscc: ["培训", None, 150, 3]})  # fmt: skip
    plan_l = questionnaire_import.import_sheet(officer_l, questionnaire.id, filled_l)
    return {"q": questionnaire, "specs": specs, "d": d, "l": la, "k": k, "plan_d": plan_d, "plan_l": plan_l,
            "rows_l": rows_l, "filled_l": filled_l, "exported_l": exported_l}  # fmt: skip


def test_ten_enterprises_answered_and_the_bad_row_named(answered, demo_users, tmp_path):
    plan_d, plan_l = answered["plan_d"], answered["plan_l"]
    assert plan_d.summary() == {"created": 2, "updated": 0, "unchanged": 2, "rejected": 0, "blank": 0}
    assert plan_l.summary() == {"created": 2, "updated": 0, "unchanged": 1, "rejected": 1, "blank": 0}
    [error] = plan_l.errors
    assert error.row == answered["rows_l"][answered["l"][3].uscc]
    assert error.column == "F" and "知识产权人员数" in error.header
    assert error.reason == "150 超出允许范围（0–100 人）"
    assert len(responses.responses(demo_users["admin"], answered["q"].id)) == 10
    # The error workbook marks that very cell and lists it on the summary sheet.
    marked = tmp_path / "errors.xlsx"
    assert error_report.write_error_workbook(plan_l, marked) == 1
    wb = openpyxl.load_workbook(marked)
    assert "超出允许范围" in wb.worksheets[0][f"F{error.row}"].comment.text
    assert [c.value for c in wb["错误汇总"][2]][:3] == [error.row, "F", error.header]
    # Importing the same file again writes nothing new and rejects the same row.
    again = questionnaire_import.import_sheet(demo_users["dalate"], answered["q"].id, answered["filled_l"])
    assert again.summary() == {"created": 0, "updated": 0, "unchanged": 3, "rejected": 1, "blank": 0}


def test_results_match_hand_computed_figures(answered, demo_users):
    r = results.compute(demo_users["admin"], answered["q"].id)
    assert r.responses == 10
    assert r.by_district == {"东胜区": 4, "康巴什区": 3, "达拉特旗": 3}
    q1, q2, q3, q4, q5, q6, q7 = r.questions
    assert q1.counts == {"培训": 5, "维权": 3, "咨询": 2} and q1.percents == {
        "培训": 50.0,
        "维权": 30.0,
        "咨询": 20.0,
    }
    assert q2.answered == 7
    assert q2.counts == {"专利侵权": 4, "商标假冒": 3, "商业秘密": 3}
    assert q2.percents == {"专利侵权": 57.1, "商标假冒": 42.9, "商业秘密": 42.9}
    assert (q3.answered, q3.mean, q3.minimum, q3.maximum) == (10, 27.5, 5, 50)
    assert q4.counts == {"1": 1, "2": 1, "3": 2, "4": 3, "5": 3} and q4.mean == 3.6
    assert q5.answered == 9 and q5.counts == {"是": 5, "否": 4} and q5.percents == {"是": 55.6, "否": 44.4}
    assert q6.texts == [(answered["d"][0].name, "多培训")]
    assert (q7.earliest, q7.latest) == ("2024-03-01", "2024-03-01")
    assert q3.by_district["东胜区"].mean == 25 and q3.by_district["达拉特旗"].mean == 15
    assert q3.by_district["康巴什区"].mean == 43.33
    assert q1.by_district["东胜区"].counts == {"培训": 2, "维权": 1, "咨询": 1}
    assert sum(g.responses for g in q1.by_industry.values()) == 10


def test_district_scoping_holds(answered, demo_users, tmp_path):
    q = answered["q"]
    officer_d = demo_users["dongsheng"]
    mine = results.compute(officer_d, q.id)
    assert mine.responses == 4 and mine.questions[2].mean == 25
    assert mine.by_district == {"东胜区": 4}
    assert results.compute(demo_users["chakan"], q.id).responses == 10  # a city-wide viewer reads everything
    with pytest.raises(NotFound):  # another district's enterprise is "not found", never "forbidden"
        responses.save_response(officer_d, q.id, answered["l"][3].id, {}, complete=False)
    with pytest.raises(PermissionDenied):
        responses.save_response(demo_users["chakan"], q.id, answered["d"][0].id, {}, complete=False)
    with pytest.raises(PermissionDenied):
        questionnaires.create(officer_d, DESIGN)
    [summary] = [s for s in questionnaires.list_questionnaires(officer_d) if s.id == q.id]
    assert (summary.complete, summary.drafts) == (4, 0)
    # A 达拉特旗 row smuggled into 东胜区's import is refused, naming the USCC column, exactly as a code
    # nobody registered: the refusal does not confirm that the enterprise exists (finding 8).
    plan = questionnaire_import.plan_import(officer_d, q.id, answered["filled_l"])
    assert plan.count("rejected") == 4 and plan.count("unchanged") == 0
    reasons = [e.reason for e in plan.errors if e.column == "A"]
    assert len(reasons) == 4 and all(r.startswith("系统中没有统一社会信用代码为 ") for r in reasons)


def test_version_two_keeps_old_answers(answered, demo_users, tmp_path):
    admin, q, specs = demo_users["admin"], answered["q"], answered["specs"]
    before = {r.enterprise_id: responses.answers_of(r) for r in responses.responses(admin, q.id)}
    figures = results.compute(admin, q.id).to_dict()
    design = questionnaires.design_of(q)
    design.questions.append(QuestionSpec("text", "新增：其他意见"))
    outcome = questionnaires.update(admin, q.id, design)
    v2 = outcome.questionnaire
    assert outcome.new_version and v2.version == 2 and v2.family == q.family
    assert len(questionnaires.specs_of(v2)) == 8 and questionnaires.response_count(v2) == 0
    old = questionnaires.get(admin, q.id)
    assert not old.active and len(questionnaires.specs_of(old)) == 7
    assert {r.enterprise_id: responses.answers_of(r) for r in responses.responses(admin, q.id)} == before
    after = results.compute(admin, q.id).to_dict()
    assert {k: v for k, v in after.items() if k != "computed_at"} == {
        k: v for k, v in figures.items() if k != "computed_at"
    }
    # No new answers on version 1; existing ones may still be corrected there.
    with pytest.raises(ValidationError, match="第1版已停止填报.*请填写第2版"):
        responses.save_response(admin, q.id, answered["l"][3].id, {}, complete=False)
    d0 = answered["d"][0]
    raw = {**before[d0.id], specs[2].uuid: 11}
    assert (
        responses.answers_of(responses.save_response(admin, q.id, d0.id, raw, complete=True))[specs[2].uuid]
        == 11
    )
    # A sheet exported from version 1 is not taken into version 2.
    with pytest.raises(reader.WorkbookError, match="第1版"):
        questionnaire_import.plan_import(demo_users["dalate"], v2.id, answered["exported_l"])
    # Only the newest version may be edited; an unchanged design saves nothing.
    with pytest.raises(ValidationError, match="只能修改最新版本"):
        questionnaires.update(admin, q.id, design)
    assert questionnaires.update(admin, v2.id, questionnaires.design_of(v2)).questionnaire.id == v2.id
    versions = questionnaires.list_questionnaires(admin, include_old=True)
    assert [(s.version, s.active) for s in versions if s.family == q.family] == [(2, True), (1, False)]
    assert [s.version for s in questionnaires.list_questionnaires(admin) if s.family == q.family] == [2]


def test_unanswered_questionnaire_is_edited_in_place(survey, demo_users):
    questionnaire, specs = survey
    design = questionnaires.design_of(questionnaire)
    design.questions[0].options.append("其他")
    design.questions.pop()
    outcome = questionnaires.update(demo_users["shenhe"], questionnaire.id, design)
    assert not outcome.new_version and outcome.questionnaire.id == questionnaire.id
    new_specs = questionnaires.specs_of(outcome.questionnaire)
    assert [s.uuid for s in new_specs] == [s.uuid for s in specs[:-1]]
    assert new_specs[0].options == ["培训", "维权", "咨询", "其他"]


def test_drafts_then_complete(survey, demo_users):
    questionnaire, specs = survey
    enterprise = enterprises_of("150602")[0]
    officer = demo_users["dongsheng"]
    draft = responses.save_response(officer, questionnaire.id, enterprise.id, {specs[0].uuid: "培训"})
    assert draft.status == "draft" and draft.completed_at is None
    with pytest.raises(ValidationError) as caught:
        responses.save_response(
            officer, questionnaire.id, enterprise.id, {specs[0].uuid: "培训"}, complete=True
        )
    assert set(caught.value.errors) == {specs[2].uuid, specs[3].uuid}
    assert "第3题：必答题，请填写" in str(caught.value)
    raw = {specs[0].uuid: "培训", specs[2].uuid: 3, specs[3].uuid: 4}
    done = responses.save_response(officer, questionnaire.id, enterprise.id, raw, complete=True)
    assert done.id == draft.id and done.status == "complete" and done.completed_at is not None
    assert results.compute(officer, questionnaire.id).responses == 1
    assert results.compute(officer, questionnaire.id, include_drafts=True).responses == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: setattr(d, "title", " "), "问卷标题不能为空"),
        (
            lambda d: d.questions[0].options.__setitem__(slice(None), ["唯一"]),
            "第1题：选择题至少需要两个选项",
        ),
        (lambda d: d.questions[1].options.append("专利、商标"), "第2题：选项“专利、商标”"),
        (lambda d: setattr(d.questions[2], "min_value", "200"), "第3题：最小值不能大于最大值"),
        (lambda d: setattr(d.questions[2], "max_value", "很多"), "第3题：最大值“很多”不是数字"),
        (lambda d: d.questions.clear(), "问卷至少需要一道题"),
    ],
)
def test_bad_designs_are_refused(demo_users, change, message):
    design = Design.from_dict(DESIGN.to_dict())
    change(design)
    with pytest.raises(ValidationError, match=message):
        questionnaires.create(demo_users["admin"], design)


def test_builtin_survey_installs_once(demo_users):
    admin = demo_users["admin"]
    installed = questionnaires.install_builtin(admin)
    kinds = {s.kind for s in questionnaires.specs_of(installed)}
    assert kinds == {"single", "multiple", "text", "number", "date", "rating", "yes_no"}
    needs = next(s for s in questionnaires.specs_of(installed) if s.kind == "multiple" and s.required)
    assert "维权援助与法律援助" in needs.options and "专家智库咨询" in needs.options
    assert questionnaires.install_builtin(admin) is None
    with pytest.raises(PermissionDenied):
        questionnaires.install_builtin(demo_users["dongsheng"])
