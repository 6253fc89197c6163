"""Liaison work (专人联络、走访调研、清单式管理): assigned officers, visits, follow-up items."""

from peewee import BooleanField, CharField, DateField, ForeignKeyField, TextField

from app.models.accounts import User
from app.models.base import BaseModel
from app.models.enterprise import Enterprise

VISIT_KINDS = {
    "routine": "日常走访",
    "policy_outreach": "送政策进企业",
    "dispute_support": "纠纷维权指导",
    "training_followup": "培训回访",
    "other": "其他",
}
FOLLOWUP_STATUSES = {"open": "待办", "in_progress": "办理中", "done": "已办结", "cannot_resolve": "无法解决"}
OPEN_FOLLOWUP_STATUSES = ("open", "in_progress")


class LiaisonAssignment(BaseModel):
    """A bureau officer's responsibility for an enterprise, from one date until another (history kept)."""

    enterprise = ForeignKeyField(Enterprise, backref="liaisons", on_delete="RESTRICT")
    officer = ForeignKeyField(User, backref="liaison_for", on_delete="RESTRICT")
    start_on = DateField()
    end_on = DateField(null=True, index=True)  # None: current
    note = TextField(default="")


class Visit(BaseModel):
    enterprise = ForeignKeyField(Enterprise, backref="visits", on_delete="RESTRICT")
    visited_on = DateField(index=True)
    kind = CharField(max_length=20, default="routine")
    officers = TextField(default="")  # names of the bureau's people present
    people_met = TextField(default="")
    topics = TextField(default="")
    problems = TextField(default="")
    notes = TextField(default="")
    recorded_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")


class FollowUp(BaseModel):
    """One checklist item: a problem raised with an enterprise, owned by someone, due by a date."""

    enterprise = ForeignKeyField(Enterprise, backref="followups", on_delete="RESTRICT")
    visit = ForeignKeyField(Visit, null=True, backref="followups", on_delete="RESTRICT")
    description = TextField()
    owner = ForeignKeyField(User, null=True, backref="followups", on_delete="SET NULL")
    due_on = DateField(null=True, index=True)
    status = CharField(max_length=20, default="open", index=True)
    resolution = TextField(default="")
    closed_on = DateField(null=True)
    important = BooleanField(default=False)
