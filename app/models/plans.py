"""落实工作责任 (notice §3(三)): who answers for the work in a district each year, and the district's yearly work
plan (工作实施方案) carried out as projects and checklist tasks (项目化推进，清单式管理)."""

from peewee import CharField, DateField, ForeignKeyField, IntegerField, TextField

from app.models.accounts import User
from app.models.base import BaseModel
from app.models.reference import District

DUTY_ROLES = {"leader": "分管领导", "officer": "联络人"}
TASK_STATUSES = {"open": "未开始", "in_progress": "进行中", "done": "已完成"}
OPEN_TASK_STATUSES = ("open", "in_progress")
EVIDENCE_KINDS = {"visit": "走访", "event": "活动", "case": "案件"}


class Responsibility(BaseModel):
    """One person answering for the district's key-enterprise work in a year, with their duties."""

    district = ForeignKeyField(District, backref="responsibilities", on_delete="RESTRICT")
    year = IntegerField()
    role = CharField(max_length=10)
    name = CharField(max_length=50)
    post = CharField(max_length=100, default="")
    phone = CharField(max_length=30, default="")
    duties = TextField(default="")
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("district", "year"), False),)


class WorkPlan(BaseModel):
    """A district's work plan for one year, with its numeric goals."""

    district = ForeignKeyField(District, backref="work_plans", on_delete="RESTRICT")
    year = IntegerField()
    title = CharField(max_length=200)
    goal_recommend = IntegerField(default=0)  # enterprises to recommend to the list
    goal_visits = IntegerField(default=0)
    goal_trainings = IntegerField(default=0)
    notes = TextField(default="")
    created_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")

    class Meta:
        indexes = ((("district", "year"), True),)


class PlanProject(BaseModel):
    plan = ForeignKeyField(WorkPlan, backref="projects", on_delete="RESTRICT")
    position = IntegerField(default=0)
    title = CharField(max_length=200)
    description = TextField(default="")


class PlanTask(BaseModel):
    """A checklist item: owner as the district names them, due date, status, and what fulfilled it."""

    project = ForeignKeyField(PlanProject, backref="tasks", on_delete="RESTRICT")
    position = IntegerField(default=0)
    title = CharField(max_length=300)
    owner = CharField(max_length=50, default="")
    due_on = DateField(null=True, index=True)
    status = CharField(max_length=12, default="open", index=True)
    done_on = DateField(null=True)
    evidence_kind = CharField(max_length=10, default="")  # visit / event / case, or "" for none
    evidence_uuid = CharField(max_length=36, default="")  # the record's UUID: stable across installations
    note = TextField(default="")
