"""The protection list: reviews (recommendations, decisions, re-examinations), list entries, publications."""

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.models.accounts import User
from app.models.applications import Application, Round
from app.models.base import BaseModel, now
from app.models.enterprises import Enterprise

ENTRY_STATUSES = {"listed": "在册", "renewed": "复核保留", "suspended": "暂停", "removed": "移出"}
ACTIVE_ENTRY_STATUSES = ("listed", "renewed")


class ListEntry(BaseModel):
    """One enterprise's place on the protection list, from approval until removal."""

    enterprise = ForeignKeyField(Enterprise, backref="list_entries", on_delete="RESTRICT")
    application = ForeignKeyField(Application, null=True, backref="list_entries", on_delete="RESTRICT")
    round = ForeignKeyField(Round, null=True, backref="list_entries", on_delete="RESTRICT")
    listed_on = DateField()
    basis = TextField(default="[]")  # JSON list of criterion keys met at approval
    next_review_on = DateField(index=True)
    status = CharField(max_length=12, default="listed", index=True)
    status_reason = TextField(default="")


REVIEW_KINDS = {"recommendation": "旗区局推荐", "decision": "市局审核", "re_examination": "复核"}


class Review(BaseModel):
    """An opinion with its outcome, as written in one of the form's opinion boxes (and stamped on paper)."""

    kind = CharField(max_length=20)
    application = ForeignKeyField(Application, null=True, backref="reviews", on_delete="RESTRICT")
    entry = ForeignKeyField(ListEntry, null=True, backref="reviews", on_delete="RESTRICT")
    outcome = CharField(max_length=20)
    opinion = TextField()
    decided_on = DateField()
    decided_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    override_reason = TextField(default="")  # a late recommendation let through by a city administrator


class Publication(BaseModel):
    """What was published (公示) when, by whom, with the hashes of the files, to prove it later."""

    published_at = DateTimeField(default=now)
    published_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    title = CharField(max_length=200)
    entry_uuids = TextField()  # JSON list
    entry_count = IntegerField()
    xlsx_name = CharField(max_length=255, default="")
    xlsx_sha256 = CharField(max_length=64, default="")
    pdf_name = CharField(max_length=255, default="")
    pdf_sha256 = CharField(max_length=64, default="")
