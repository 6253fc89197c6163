"""Application rounds and application forms (申报表) with their revisions."""

from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.models.accounts import User
from app.models.base import BaseModel
from app.models.enterprises import Enterprise

APPLICATION_SOURCES = {
    "voluntary": "企业自愿申报",
    "recommended": "旗区局推荐",
    "direct": "已申报自治区名录（直接纳入）",
}
APPLICATION_STATUSES = {
    "draft": "草稿",
    "submitted": "已提交",
    "recommended": "已推荐",
    "under_review": "审核中",
    "approved": "已批准",
    "rejected": "未通过",
    "returned": "退回修改",
}


class Round(BaseModel):
    """One year's call for applications, with its nomination deadline and per-district quota."""

    year = IntegerField(unique=True)
    deadline = DateField()
    # No defaults here: a round takes them from the settings round.quota_min/max when it is created (round_for).
    quota_min = IntegerField()
    quota_max = IntegerField()
    note = TextField(default="")


class Application(BaseModel):
    enterprise = ForeignKeyField(Enterprise, backref="applications", on_delete="RESTRICT")
    round = ForeignKeyField(Round, backref="applications", on_delete="RESTRICT")
    revision = IntegerField(default=1)
    # A correction of a submitted form is a new revision pointing at the one it replaces.
    previous = ForeignKeyField("self", null=True, backref="corrections", on_delete="RESTRICT")
    superseded = BooleanField(default=False, index=True)
    source = CharField(max_length=20, default="voluntary")
    status = CharField(max_length=20, default="draft", index=True)
    form = TextField()  # ApplicationForm as JSON (app.services.applications.form_data)
    created_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    submitted_at = DateTimeField(null=True)
    submitted_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")

    class Meta:
        indexes = ((("enterprise", "round", "revision"), True),)
