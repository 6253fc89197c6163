"""Liaison work (专人联络、走访调研、清单式管理): assigned officers, visits, follow-up items; outreach and training
events, the expert think tank (知识产权智库) and consultations."""

from peewee import BooleanField, CharField, DateField, ForeignKeyField, IntegerField, TextField

from app.models.accounts import User
from app.models.base import BaseModel
from app.models.enterprises import Enterprise
from app.models.reference import District

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


EVENT_KINDS = {
    "policy_outreach": "送政策进企业",
    "risk_training": "知识产权风险防范培训",
    "management_guidance": "知识产权管理制度建设指导",
    "other": "其他",
}
EXPERT_FIELDS = {
    "patent": "专利",
    "trademark": "商标",
    "copyright": "著作权",
    "trade_secret": "商业秘密",
    "foreign": "涉外知识产权",
    "litigation": "诉讼与仲裁",
    "other": "其他",
}


class Event(BaseModel):
    kind = CharField(max_length=30)
    held_on = DateField(index=True)
    place = CharField(max_length=200, default="")
    organiser = CharField(max_length=100, default="")
    district = ForeignKeyField(District, null=True, backref="events", on_delete="RESTRICT")  # None: city-wide
    topic = CharField(max_length=300)
    head_count = IntegerField(default=0)
    feedback = TextField(default="")
    recorded_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")


class EventAttendance(BaseModel):
    event = ForeignKeyField(Event, backref="attendance", on_delete="CASCADE")
    enterprise = ForeignKeyField(Enterprise, backref="events_attended", on_delete="RESTRICT")
    people = IntegerField(default=1)

    class Meta:
        indexes = ((("event", "enterprise"), True),)


class Expert(BaseModel):
    name = CharField(max_length=50)
    field = CharField(max_length=20)
    organisation = CharField(max_length=200, default="")
    title = CharField(max_length=100, default="")
    phone = CharField(max_length=30, default="")
    email = CharField(max_length=100, default="")
    conflicts = TextField(
        default=""
    )  # conflicts of interest: enterprises or parties the expert must not advise on
    active = BooleanField(default=True)


class Consultation(BaseModel):
    expert = ForeignKeyField(Expert, backref="consultations", on_delete="RESTRICT")
    enterprise = ForeignKeyField(Enterprise, null=True, backref="consultations", on_delete="RESTRICT")
    case_uuid = CharField(max_length=36, null=True, index=True)  # set once cases exist
    consulted_on = DateField()
    question = TextField()
    advice = TextField(default="")
    recorded_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
