"""Progress of the work plans, rolled up task → project → plan → district → city, as plain dataclasses.

A task counts as done or not; a project's, plan's, district's and the city's share is done tasks over all
tasks below it (so a project of ten tasks weighs more than one of two), and overdue tasks are counted on the way
up. Read in one query over the districts the actor may see, LEFT JOINed down to the tasks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from peewee import JOIN

from app.models import District, PlanProject, PlanTask, User, WorkPlan
from app.models.plans import OPEN_TASK_STATUSES
from app.services.core.permissions import require_active, within_districts


@dataclass
class Progress:
    total: int = 0
    done: int = 0
    overdue: int = 0

    @property
    def percent(self) -> float:
        """Done over total, in per cent to one decimal; 0 for nothing planned."""
        return round(100 * self.done / self.total, 1) if self.total else 0.0

    def add(self, done: bool, overdue: bool) -> None:
        self.total += 1
        self.done += done
        self.overdue += overdue

    def as_dict(self) -> dict:
        return {"total": self.total, "done": self.done, "overdue": self.overdue, "percent": self.percent}


@dataclass
class ProjectProgress:
    project_id: int
    title: str
    progress: Progress = field(default_factory=Progress)


@dataclass
class PlanProgress:
    plan_id: int
    district: str
    title: str
    progress: Progress = field(default_factory=Progress)
    projects: list[ProjectProgress] = field(default_factory=list)


@dataclass
class CityProgress:
    year: int
    progress: Progress = field(default_factory=Progress)
    districts: dict[str, PlanProgress | None] = field(default_factory=dict)  # None: no plan yet

    def as_dict(self) -> dict:
        return {
            "year": self.year, **self.progress.as_dict(),
            "districts": [
                {"district": name, "plan_id": p.plan_id if p else None, "title": p.title if p else None,
                 **(p.progress.as_dict() if p else Progress().as_dict()),
                 "projects": [{"project_id": j.project_id, "title": j.title, **j.progress.as_dict()}
                              for j in (p.projects if p else [])]}
                for name, p in self.districts.items()
            ],
        }  # fmt: skip


def _rows(actor: User, year: int | None):
    """Every active district the actor sees, with its plans (of `year`, or of all years), their projects and
    tasks: one LEFT JOINed query, so a district without a plan still comes back (its plan columns None)."""
    plan_on = WorkPlan.district == District.id
    if year is not None:
        plan_on &= WorkPlan.year == year
    query = (
        District.select(District.name, WorkPlan.id, WorkPlan.year, WorkPlan.title, PlanProject.id, PlanProject.title,
                        PlanTask.id, PlanTask.title, PlanTask.owner, PlanTask.status, PlanTask.due_on)
        .join(WorkPlan, JOIN.LEFT_OUTER, on=plan_on)
        .join(PlanProject, JOIN.LEFT_OUTER, on=PlanProject.plan == WorkPlan.id)
        .join(PlanTask, JOIN.LEFT_OUTER, on=PlanTask.project == PlanProject.id)
        .where(District.active)
        .order_by(District.sort_order, WorkPlan.year, PlanProject.position, PlanProject.id, PlanTask.position,
                  PlanTask.id)
    )  # fmt: skip
    return within_districts(query, actor, District.id).tuples()


def read(actor: User, year: int, today: date | None = None, overdue_all_years: bool = True):
    """(the rollup of `year`, the overdue tasks) from one query: the dashboard's statement count stays fixed."""
    require_active(actor)
    today = today or date.today()
    city = CityProgress(year)
    overdue_rows, projects = [], {}
    for row in _rows(actor, None if overdue_all_years else year):
        district, plan_id, plan_year, plan_title, project_id, project_title, task_id, *task = row
        city.districts.setdefault(district, None)
        if plan_id is None or plan_year != year and task_id is None:
            continue
        title, owner, status, due = task if task_id is not None else (None, None, None, None)
        overdue = task_id is not None and status in OPEN_TASK_STATUSES and due is not None and due < today
        if overdue:
            overdue_rows.append({"task_id": task_id, "title": title, "owner": owner, "due_on": due.isoformat(),
                                 "days_left": (due - today).days, "plan_id": plan_id, "year": plan_year,
                                 "district": district, "project": project_title})  # fmt: skip
        if plan_year != year:
            continue
        plan = city.districts[district] or PlanProgress(plan_id, district, plan_title)
        city.districts[district] = plan
        if project_id is None:
            continue
        if project_id not in projects:
            projects[project_id] = ProjectProgress(project_id, project_title)
            plan.projects.append(projects[project_id])
        if task_id is not None:
            for level in (projects[project_id].progress, plan.progress, city.progress):
                level.add(status == "done", overdue)
    overdue_rows.sort(key=lambda r: (r["due_on"], r["task_id"]))
    return city, overdue_rows


def rollup(actor: User, year: int, today: date | None = None) -> CityProgress:
    """Every district the actor sees, with its plan of `year` (None where it has none), and the sum."""
    return read(actor, year, today, overdue_all_years=False)[0]


def overdue_tasks(actor: User, today: date | None = None) -> list[dict]:
    """Open tasks past their due date that the actor may see, in plans of any year, earliest first."""
    today = today or date.today()
    return read(actor, today.year, today)[1]
