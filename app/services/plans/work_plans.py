"""工作实施方案: a district's plan for a year, its projects and their checklist tasks (项目化推进，清单式管理).

District officers write their own district's plan; city staff write any. A task is done with its evidence:
the visit, event or case (by id in this register) that fulfilled it, stored by the record's UUID so that the
link survives the exchange between installations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.models import Case, District, Event, PlanProject, PlanTask, User, Visit, WorkPlan
from app.models.db import database
from app.models.plans import EVIDENCE_KINDS, OPEN_TASK_STATUSES, TASK_STATUSES
from app.services.cases import handling as cases
from app.services.core import audit, dates, validation
from app.services.core.errors import NotFound, ValidationError
from app.services.core.permissions import (
    can_work_in,
    require_active,
    require_district_work,
    visible_or_not_found,
    within_districts,
)
from app.services.liaison import events, visits
from app.services.plans.responsibilities import check_year, district_of

PLAN_LABELS = {"title": "方案名称", "year": "年度", "goal_recommend": "推荐企业目标（家）",
               "goal_visits": "走访目标（次）", "goal_trainings": "培训目标（场）", "notes": "说明"}  # fmt: skip
PROJECT_LABELS = {"title": "项目名称", "description": "项目内容"}
TASK_LABELS = {"title": "任务", "owner": "责任人", "due_on": "完成期限", "status": "状态", "evidence": "完成依据",
               "note": "备注"}  # fmt: skip
GOALS = ("goal_recommend", "goal_visits", "goal_trainings")
REFUSAL = "只能编制本旗区的工作实施方案"


@dataclass(frozen=True)
class Evidence:
    """What fulfilled a task: a visit, event or case of this register, by its id."""

    kind: str
    record_id: int

    @classmethod
    def parse(cls, text: str) -> Evidence:
        """'visit:12' (or 走访:12, event/活动, case/案件)."""
        kind, _, number = str(text).replace("：", ":").partition(":")
        kind = next((k for k, label in EVIDENCE_KINDS.items() if kind.strip() in (k, label)), None)
        if kind is None or not number.strip().isdigit():
            raise ValidationError({"evidence": "应写成 visit:编号、event:编号 或 case:编号"}, TASK_LABELS)
        return cls(kind, int(number))


def _texts(data: dict, keys: tuple[str, ...], required: str, labels: dict, multiline=()) -> dict:
    values = {k: (data.get(k) or "").strip() for k in keys}
    errors = {} if values[required] else {required: "必填"}
    errors.update(validation.text_errors(values, multiline=multiline))
    if errors:
        raise ValidationError(errors, labels)
    return values


def create_plan(actor: User, district: str | District, year, data: dict) -> WorkPlan:
    """The district's plan for `year` (one per district and year)."""
    district, year = district_of(district), check_year(year)
    values = _texts(data, ("title", "notes"), "title", PLAN_LABELS, {"notes"})
    values.update(_goals(data))
    require_district_work(actor, district, REFUSAL)
    with database.atomic():
        if WorkPlan.get_or_none((WorkPlan.district == district) & (WorkPlan.year == year)) is not None:
            raise ValidationError({"year": f"{district.name}已有 {year} 年的工作实施方案"}, PLAN_LABELS)
        plan = WorkPlan.create(district=district, year=year, created_by=actor, **values)
        audit.record(actor, "plan.create", plan, None, audit.snapshot(plan))
    return plan


def _goals(data: dict) -> dict:
    goals, errors = {}, {}
    for key in GOALS:
        try:
            goals[key] = validation.clean_count(data.get(key))
        except ValueError as exc:
            errors[key] = str(exc)
    if errors:
        raise ValidationError(errors, PLAN_LABELS)
    return goals


def update_plan(actor: User, plan_id: int, data: dict) -> WorkPlan:
    """Title, goals and notes; keys not given keep their value."""
    plan = get_plan(actor, plan_id)
    merged = {k: getattr(plan, k) for k in ("title", "notes", *GOALS)} | data
    values = _texts(merged, ("title", "notes"), "title", PLAN_LABELS, {"notes"}) | _goals(merged)
    require_district_work(actor, plan.district_id, REFUSAL)
    with database.atomic():
        before = audit.snapshot(plan)
        for key, value in values.items():
            setattr(plan, key, value)
        plan.save()
        audit.record(actor, "plan.update", plan, before, audit.snapshot(plan))
    return plan


def add_project(actor: User, plan_id: int, data: dict) -> PlanProject:
    plan = get_plan(actor, plan_id)
    values = _texts(data, ("title", "description"), "title", PROJECT_LABELS, {"description"})
    require_district_work(actor, plan.district_id, REFUSAL)
    with database.atomic():
        position = plan.projects.count()
        project = PlanProject.create(plan=plan, position=position, **values)
        audit.record(actor, "plan.project.create", project, None, audit.snapshot(project), subject=plan)
    return project


def add_task(actor: User, project_id: int, data: dict) -> PlanTask:
    project = get_project(actor, project_id)
    values = _texts(data, ("title", "owner", "note"), "title", TASK_LABELS, {"note"})
    values["due_on"] = _due(data.get("due_on"))
    require_district_work(actor, project.plan.district_id, REFUSAL)
    with database.atomic():
        task = PlanTask.create(project=project, position=project.tasks.count(), **values)
        audit.record(actor, "plan.task.create", task, None, audit.snapshot(task), subject=project.plan)
    return task


def _due(raw) -> date | None:
    try:
        return dates.DUE.parse(raw)
    except ValueError as exc:
        raise ValidationError({"due_on": str(exc)}, TASK_LABELS) from exc


def set_task_status(
    actor: User, task_id: int, status: str, evidence: Evidence | None = None, on: date | None = None
) -> PlanTask:
    """Move a task along; done may name its evidence, which the actor must be able to see."""
    if status not in TASK_STATUSES:
        raise ValidationError({"status": f"应为{'、'.join(TASK_STATUSES.values())}之一"}, TASK_LABELS)
    task = get_task(actor, task_id)
    require_district_work(actor, task.project.plan.district_id, REFUSAL)
    if evidence is not None and status != "done":
        raise ValidationError({"evidence": "只有已完成的任务才填写完成依据"}, TASK_LABELS)
    evidence_uuid = _evidence_uuid(actor, evidence) if evidence else ""
    with database.atomic():
        before = audit.snapshot(task)
        task.status = status
        task.done_on = (on or date.today()) if status == "done" else None
        task.evidence_kind = evidence.kind if evidence else ""
        task.evidence_uuid = evidence_uuid
        task.save()
        audit.record(actor, "plan.task.update", task, before, audit.snapshot(task), subject=task.project.plan)
    return task


def _evidence_uuid(actor: User, evidence: Evidence) -> str:
    finders = {"visit": visits.get_visit, "event": events.get_event, "case": cases.get}
    return finders[evidence.kind](actor, evidence.record_id).uuid


def evidence_label(task: PlanTask) -> str:
    """'走访 #12 2026-05-06' for the linked record (its local id), '' when none."""
    if not task.evidence_kind:
        return ""
    model = {"visit": Visit, "event": Event, "case": Case}[task.evidence_kind]
    record = model.get_or_none(model.uuid == task.evidence_uuid)
    kind = EVIDENCE_KINDS[task.evidence_kind]
    return f"{kind}（记录不在本机）" if record is None else f"{kind} #{record.id}"


def get_plan(actor: User, plan_id: int) -> WorkPlan:
    plan = WorkPlan.get_or_none(WorkPlan.id == plan_id)
    return visible_or_not_found(actor, plan, plan.district_id if plan else None, f"没有编号为 {plan_id} 的工作方案")


def get_project(actor: User, project_id: int) -> PlanProject:
    project = PlanProject.get_or_none(PlanProject.id == project_id)
    district = project.plan.district_id if project else None
    return visible_or_not_found(actor, project, district, f"没有编号为 {project_id} 的项目")


def get_task(actor: User, task_id: int) -> PlanTask:
    task = PlanTask.get_or_none(PlanTask.id == task_id)
    district = task.project.plan.district_id if task else None
    return visible_or_not_found(actor, task, district, f"没有编号为 {task_id} 的任务")


def plan_for(actor: User, district: str | District, year: int) -> WorkPlan:
    district = district_of(district)
    plan = WorkPlan.get_or_none((WorkPlan.district == district) & (WorkPlan.year == year))
    return visible_or_not_found(actor, plan, district.id, f"{district.name}没有 {year} 年的工作实施方案")


def plans(actor: User, year: int | None = None) -> list[WorkPlan]:
    """The plans the actor sees, by year then district order."""
    require_active(actor)
    query = WorkPlan.select(WorkPlan, District).join(District)
    query = within_districts(query, actor, WorkPlan.district)
    if year:
        query = query.where(WorkPlan.year == year)
    return list(query.order_by(WorkPlan.year.desc(), District.sort_order))


def projects_of(plan: WorkPlan) -> list[PlanProject]:
    return list(plan.projects.order_by(PlanProject.position, PlanProject.id))


def tasks_of(project: PlanProject) -> list[PlanTask]:
    return list(project.tasks.order_by(PlanTask.position, PlanTask.id))


def may_write(actor: User, plan: WorkPlan) -> bool:
    return can_work_in(actor, plan.district_id)


def is_overdue(task: PlanTask, today: date) -> bool:
    return task.status in OPEN_TASK_STATUSES and task.due_on is not None and task.due_on < today


def task_dict(task: PlanTask, today: date) -> dict:
    return {"id": task.id, "uuid": task.uuid, "title": task.title, "owner": task.owner,
            "due_on": task.due_on.isoformat() if task.due_on else None, "status": task.status,
            "status_label": TASK_STATUSES[task.status], "done_on": task.done_on.isoformat() if task.done_on else None,
            "evidence": evidence_label(task), "evidence_kind": task.evidence_kind or None,
            "overdue": is_overdue(task, today), "note": task.note}  # fmt: skip


def plan_dict(plan: WorkPlan, today: date) -> dict:
    return {
        "id": plan.id, "uuid": plan.uuid, "district": plan.district.name, "district_code": plan.district.code,
        "year": plan.year, "title": plan.title, "notes": plan.notes, **{k: getattr(plan, k) for k in GOALS},
        "projects": [
            {"id": p.id, "title": p.title, "description": p.description,
             "tasks": [task_dict(t, today) for t in tasks_of(p)]}
            for p in projects_of(plan)
        ],
    }  # fmt: skip


def find_plan(actor: User, plan_id: int | None, district: str | None, year: int | None) -> WorkPlan:
    """By id, or by district and year (the CLI's two ways to name a plan)."""
    if plan_id is not None:
        return get_plan(actor, plan_id)
    if district and year:
        return plan_for(actor, district, year)
    raise NotFound("请给出方案编号，或旗区和年度")
