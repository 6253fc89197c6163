"""Disputes and cases (纠纷案件): parties, rights concerned, the timeline, reports to the city, the work calendar."""

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from app.models.accounts import User
from app.models.base import BaseModel
from app.models.db import database
from app.models.enterprises import Enterprise
from app.models.reference import District

CASE_TYPES = {
    "trademark": "商标侵权",
    "patent-dispute": "专利侵权纠纷（行政裁决）",
    "counterfeit-patent": "假冒专利",
    "patent-mediation": "其他专利纠纷（调解）",
    "foreign": "涉外知识产权纠纷",
    "other": "其他",
}
CASE_SOURCES = {
    "complaint": "企业投诉举报",
    "district_report": "旗区上报",
    "inspection": "执法检查",
    "customs": "海关移送",
    "trade_show": "展会",
    "transferred": "其他部门移送",
}
CASE_CHANNELS = {
    "self_regulation": "行业自律",
    "mediation": "调解",
    "arbitration": "仲裁",
    "administrative_ruling": "行政裁决",
    "court": "司法诉讼",
    "penalty": "行政处罚",
}
PARTY_ROLES = {
    "complainant": "投诉人/请求人",
    "respondent": "被投诉人/被请求人",
    "rights_holder": "权利人",
    "other": "其他",
}
CASE_OUTCOMES = {
    "mediated": "调解结案",
    "ruling": "作出裁决",
    "penalty": "作出行政处罚",
    "transferred_police": "移送公安机关",
    "withdrawn": "撤回",
    "dismissed": "不予立案/驳回",
}


class Case(BaseModel):
    number = CharField(max_length=60, unique=True)
    year = IntegerField()
    sequence = IntegerField()
    type = CharField(max_length=24, index=True)
    summary = TextField()
    source = CharField(max_length=20, default="complaint")
    handling_district = ForeignKeyField(
        District, null=True, backref="cases", on_delete="RESTRICT"
    )  # None: city
    officers = TextField(default="")
    channel = CharField(max_length=24, default="")
    important = BooleanField(default=False, index=True)
    important_note = TextField(default="")  # why it was flagged, or why a city role cleared the flag
    status = CharField(max_length=24, index=True)
    received_on = DateField()
    closed_on = DateField(null=True)
    outcome = CharField(max_length=24, default="")
    outcome_note = TextField(default="")
    penalty_amount = DecimalField(max_digits=14, decimal_places=2, null=True)
    created_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")

    class Meta:
        indexes = ((("year", "handling_district", "sequence"), False),)


class CaseParty(BaseModel):
    case = ForeignKeyField(Case, backref="parties", on_delete="CASCADE")
    enterprise = ForeignKeyField(Enterprise, null=True, backref="case_parties", on_delete="RESTRICT")
    name = CharField(max_length=200)
    id_code = CharField(max_length=30, default="")  # USCC or identity number
    address = CharField(max_length=300, default="")
    role = CharField(max_length=20)


class CaseRight(BaseModel):
    case = ForeignKeyField(Case, backref="rights", on_delete="CASCADE")
    kind = CharField(max_length=20)  # patent | trademark | other
    number = CharField(max_length=60)
    title = CharField(max_length=200, default="")


class CaseEvent(BaseModel):
    """One line of the timeline: a status change, a time-limit event (filed, served…), or a note."""

    case = ForeignKeyField(Case, backref="events", on_delete="CASCADE")
    happened_on = DateField(index=True)
    kind = CharField(max_length=30)
    note = TextField(default="")
    actor = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")


class CityReport(BaseModel):
    """A district's report to the city of a counterfeit-patent case involving a key enterprise (上报)."""

    case = ForeignKeyField(Case, backref="city_reports", unique=True, on_delete="CASCADE")
    reported_on = DateField()
    reported_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    acknowledged_on = DateField(null=True)
    acknowledged_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    note = TextField(default="")


class CalendarDay(BaseModel):
    """An entry of the editable work calendar: a holiday or a make-up working day (调休) the package lacks."""

    day = DateField(unique=True)
    workday = BooleanField()
    note = CharField(max_length=100, default="")


class CaseClockState(Model):
    """Whether a case's stored clocks (CaseClock) are current: derived data, rebuilt from the timeline.

    Triggers (CLOCK_TRIGGERS) mark a case stale whenever a row of its timeline, its type or its source
    changes, whoever writes it; `live` marks a case whose suspension is still open, whose suspendable
    clocks move with every day and so are computed when read.
    """

    case = ForeignKeyField(Case, primary_key=True, backref="+", on_delete="CASCADE")
    stale = BooleanField(default=True, index=True)
    live = BooleanField(default=False, index=True)

    class Meta:
        database = database
        table_name = "case_clock_state"


class CaseClock(Model):
    """One stored time limit of a case, with the days its state turns due-soon and overdue (derived data)."""

    case = ForeignKeyField(Case, backref="+", on_delete="CASCADE")
    position = IntegerField()  # the rule's place in the rules: clocks keep the order compute_clocks gives
    key = CharField(max_length=60)
    label = CharField(max_length=200)
    start = DateField()
    due = DateField(index=True)
    unit = CharField(max_length=20)
    met_on = DateField(null=True)
    soon_on = DateField()  # first day the clock is "due soon"
    overdue_on = DateField()  # first day it is overdue (or, for a window, elapsed)
    window = BooleanField(default=False)

    class Meta:
        database = database
        table_name = "case_clock"


class CaseClockBasis(Model):
    """The deadline rules and work calendar the stored clocks were computed with (one row, a fingerprint)."""

    fingerprint = CharField(max_length=64)

    class Meta:
        database = database
        table_name = "case_clock_basis"


# Mark a case's stored clocks stale whenever its timeline, type or source changes, by any writer.
CLOCK_TRIGGERS = (
    'CREATE TRIGGER IF NOT EXISTS "case_clock_new_case" AFTER INSERT ON "case" BEGIN '
    'INSERT OR REPLACE INTO "case_clock_state" ("case_id", "stale", "live") VALUES (NEW."id", 1, 0); END',
    'CREATE TRIGGER IF NOT EXISTS "case_clock_case_changed" AFTER UPDATE OF "type", "source" ON "case" '
    'WHEN OLD."type" IS NOT NEW."type" OR OLD."source" IS NOT NEW."source" BEGIN '
    'UPDATE "case_clock_state" SET "stale" = 1 WHERE "case_id" = NEW."id"; END',
    'CREATE TRIGGER IF NOT EXISTS "case_clock_event_added" AFTER INSERT ON "case_event" BEGIN '
    'UPDATE "case_clock_state" SET "stale" = 1 WHERE "case_id" = NEW."case_id"; END',
    'CREATE TRIGGER IF NOT EXISTS "case_clock_event_changed" AFTER UPDATE OF "case_id", "happened_on", "kind" '
    'ON "case_event" BEGIN '
    'UPDATE "case_clock_state" SET "stale" = 1 WHERE "case_id" IN (OLD."case_id", NEW."case_id"); END',
    'CREATE TRIGGER IF NOT EXISTS "case_clock_event_deleted" AFTER DELETE ON "case_event" BEGIN '
    'UPDATE "case_clock_state" SET "stale" = 1 WHERE "case_id" = OLD."case_id"; END',
)
