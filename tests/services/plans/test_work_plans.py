"""Work plans on a real database: two projects, five tasks, one fulfilled by a recorded visit and one overdue,
rolled up to the right percentages on the city dashboard; district scoping; the audit trail."""

from datetime import date

import pytest

from app.models import AuditLog, Enterprise, PlanTask
from app.services.core.errors import NotFound, PermissionDenied, ValidationError
from app.services.dashboard import figures
from app.services.liaison import visits
from app.services.plans import progress
from app.services.plans import work_plans as plans
from app.services.plans.work_plans import Evidence

TODAY = date(2026, 6, 1)


def _enterprise(code: str) -> Enterprise:
    district = Enterprise.district.rel_model
    return Enterprise.select().join(district).where(district.code == code).first()


def _plan(officer):
    """东胜区 2026: 宣传 (three tasks) and 走访 (two); the first done by a visit, the second overdue, the fourth done."""
    plan = plans.create_plan(officer, "150602", 2026, {"title": "东胜区2026年知识产权重点企业保护工作实施方案",
                                                       "goal_recommend": 6, "goal_visits": "20", "goal_trainings": 2})  # fmt: skip
    first = plans.add_project(officer, plan.id, {"title": "重点企业走访全覆盖"})
    second = plans.add_project(officer, plan.id, {"title": "风险防范培训"})
    tasks = [
        plans.add_task(officer, first.id, {"title": "走访鄂尔多斯某企业", "owner": "王磊", "due_on": "2026-04-30"}),
        plans.add_task(officer, first.id, {"title": "建立企业问题清单", "owner": "李娜", "due_on": "2026-03-01"}),
        plans.add_task(officer, first.id, {"title": "年底回访", "owner": "王磊", "due_on": "2026-12-15"}),
        plans.add_task(officer, second.id, {"title": "上半年培训", "owner": "赵敏", "due_on": "2026-05-30"}),
        plans.add_task(officer, second.id, {"title": "下半年培训", "owner": "赵敏"}),
    ]
    visit = visits.record_visit(officer, _enterprise("150602").id, {"visited_on": "2026-04-20", "topics": "专利布局"})
    plans.set_task_status(officer, tasks[0].id, "done", Evidence.parse(f"visit:{visit.id}"), on=date(2026, 4, 20))
    plans.set_task_status(officer, tasks[3].id, "done", on=date(2026, 5, 28))
    return plan, tasks, visit


def test_a_plan_rolls_up_task_project_plan_district_city_on_the_dashboard(demo_users):
    officer, admin = demo_users["dongsheng"], demo_users["admin"]
    plan, tasks, visit = _plan(officer)
    city = progress.rollup(admin, 2026, TODAY)
    dongsheng = city.districts["东胜区"]
    assert [(p.title, p.progress.percent) for p in dongsheng.projects] == [
        ("重点企业走访全覆盖", 33.3), ("风险防范培训", 50.0)]  # fmt: skip
    assert (dongsheng.progress.total, dongsheng.progress.done, dongsheng.progress.overdue) == (5, 2, 1)
    assert dongsheng.progress.percent == 40.0 and city.districts["达拉特旗"] is None
    assert city.progress.percent == 40.0

    board = figures.dashboard(admin, 2026, TODAY)
    rows = {d["district"]: d for d in board["plan_progress"]["districts"]}
    assert rows["东胜区"]["percent"] == 40.0 and rows["东胜区"]["overdue"] == 1 and rows["达拉特旗"]["total"] == 0
    assert [t["task_id"] for t in board["plan_tasks_overdue"]] == [tasks[1].id]
    assert board["plan_tasks_overdue"][0]["days_left"] == (date(2026, 3, 1) - TODAY).days
    assert "1 项工作方案任务已逾期" in board["warnings"]

    shown = plans.plan_dict(plans.get_plan(admin, plan.id), TODAY)
    first = shown["projects"][0]["tasks"][0]
    assert first["evidence"] == f"走访 #{visit.id}" and first["done_on"] == "2026-04-20"
    assert PlanTask.get_by_id(tasks[0].id).evidence_uuid == visit.uuid
    assert shown["goal_visits"] == 20 and shown["projects"][0]["tasks"][1]["overdue"]


def test_district_scoping_holds(demo_users):
    officer, other, admin = demo_users["dongsheng"], demo_users["dalate"], demo_users["admin"]
    plan, tasks, _ = _plan(officer)
    with pytest.raises(NotFound):
        plans.get_plan(other, plan.id)
    with pytest.raises(NotFound):
        plans.set_task_status(other, tasks[2].id, "done")
    with pytest.raises(PermissionDenied):
        plans.create_plan(other, "150602", 2027, {"title": "越权方案"})
    assert plans.plans(other) == [] and [p.id for p in plans.plans(admin)] == [plan.id]
    assert list(progress.rollup(other, 2026, TODAY).districts) == ["达拉特旗"]
    assert progress.overdue_tasks(other, TODAY) == []
    # The evidence must be a record the officer may see: another district's visit is as good as missing.
    foreign = visits.record_visit(other, _enterprise("150621").id, {"visited_on": "2026-04-21", "notes": "走访"})
    with pytest.raises(NotFound):
        plans.set_task_status(officer, tasks[2].id, "done", Evidence("visit", foreign.id))
    # The city may write any district's plan.
    plans.add_task(admin, plans.projects_of(plan)[0].id, {"title": "市局督导", "owner": "市局"})


def test_input_is_checked_field_by_field(demo_users):
    officer = demo_users["dongsheng"]
    with pytest.raises(ValidationError, match="方案名称：必填"):
        plans.create_plan(officer, "150602", 2026, {"title": " "})
    with pytest.raises(ValidationError, match="走访目标（次）"):
        plans.create_plan(officer, "150602", 2026, {"title": "方案", "goal_visits": "-3"})
    plan = plans.create_plan(officer, "150602", 2026, {"title": "方案"})
    with pytest.raises(ValidationError, match="已有 2026 年"):
        plans.create_plan(officer, "150602", 2026, {"title": "第二份"})
    project = plans.add_project(officer, plan.id, {"title": "项目"})
    with pytest.raises(ValidationError, match="完成期限"):
        plans.add_task(officer, project.id, {"title": "任务", "due_on": "2026-02-30"})
    task = plans.add_task(officer, project.id, {"title": "任务"})
    with pytest.raises(ValidationError, match="完成依据"):
        Evidence.parse("meeting:3")
    with pytest.raises(ValidationError, match="只有已完成"):
        plans.set_task_status(officer, task.id, "in_progress", Evidence("visit", 1))


def test_every_write_names_the_plan(demo_users):
    officer = demo_users["dongsheng"]
    plan, tasks, _ = _plan(officer)
    actions = [e.action for e in AuditLog.select().where(AuditLog.subject_uuid == plan.uuid)]
    assert actions.count("plan.task.create") == 5 and actions.count("plan.task.update") == 2
    assert actions.count("plan.project.create") == 2 and actions[0] == "plan.create"
    plans.update_plan(officer, plan.id, {"goal_trainings": 4})
    assert AuditLog.select().where(AuditLog.action == "plan.update").count() == 1


def test_last_years_overdue_tasks_stay_on_the_list_but_out_of_this_years_progress(demo_users):
    officer, admin = demo_users["dongsheng"], demo_users["admin"]
    old = plans.create_plan(officer, "150602", 2025, {"title": "2025年方案"})
    project = plans.add_project(officer, old.id, {"title": "遗留项目"})
    late = plans.add_task(officer, project.id, {"title": "未完成的回访", "due_on": "2025-12-31"})
    city, overdue = progress.read(admin, 2026, TODAY)
    assert city.districts["东胜区"] is None and city.progress.total == 0
    assert [(t["task_id"], t["year"]) for t in overdue] == [(late.id, 2025)]
    assert progress.rollup(admin, 2025, TODAY).districts["东胜区"].progress.overdue == 1
