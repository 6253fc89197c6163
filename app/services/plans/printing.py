"""Printing a work plan and a district's 责任分工表 from the register (PDF, with the missing-character report)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import BinaryIO

from app.models import User
from app.models.plans import DUTY_ROLES, TASK_STATUSES
from app.services.io.fonts import configured_fonts
from app.services.io.page_layout import RenderReport
from app.services.plans import progress, responsibilities, work_plans
from app.services.plans.duty_pdf import DutyLine, render_duties
from app.services.plans.plan_pdf import PlanDocument, PlanProjectPart, PlanTaskLine, render_plan

GOALS = (("goal_recommend", "推荐重点企业", "家"), ("goal_visits", "走访企业", "次"),
         ("goal_trainings", "开展知识产权培训", "场"))  # fmt: skip


def plan_document(actor: User, plan_id: int, today: date | None = None) -> PlanDocument:
    today = today or date.today()
    plan = work_plans.get_plan(actor, plan_id)
    parts = [
        PlanProjectPart(project.title, project.description, [
            PlanTaskLine(t.title, t.owner, t.due_on, TASK_STATUSES[t.status], work_plans.evidence_label(t),
                         work_plans.is_overdue(t, today))
            for t in work_plans.tasks_of(project)])
        for project in work_plans.projects_of(plan)
    ]  # fmt: skip
    rolled = progress.rollup(actor, plan.year, today).districts[plan.district.name].progress
    return PlanDocument(plan.district.name, plan.year, plan.title,
                        [(what, getattr(plan, key), unit) for key, what, unit in GOALS], plan.notes, parts, today,
                        rolled.done, rolled.total, rolled.percent)  # fmt: skip


def print_plan(actor: User, plan_id: int, out: str | Path | BinaryIO, today: date | None = None) -> RenderReport:
    return render_plan(plan_document(actor, plan_id, today), out, configured_fonts())


def print_duties(actor: User, district: str, year: int, out: str | Path | BinaryIO) -> RenderReport:
    rows = responsibilities.duties_of(actor, district, year)
    name = responsibilities.district_of(district).name
    lines = [DutyLine(DUTY_ROLES[r.role], r.name, r.post, r.phone, r.duties)
             for r in sorted(rows, key=lambda r: (r.role != "leader", r.position))]  # fmt: skip
    return render_duties(name, year, lines, out, configured_fonts())
