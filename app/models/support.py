"""扶持台账 (notice §3(一)): the policy, project, funding and service support each enterprise received."""

from peewee import BigIntegerField, CharField, DateField, ForeignKeyField, TextField

from app.models.accounts import User
from app.models.base import BaseModel
from app.models.enterprises import Enterprise

SUPPORT_KINDS = {"policy": "政策", "project": "项目", "funding": "资金", "service": "服务"}


class SupportEntry(BaseModel):
    """One piece of support to one enterprise; it belongs to the enterprise's district."""

    enterprise = ForeignKeyField(Enterprise, backref="support_entries", on_delete="RESTRICT")
    kind = CharField(max_length=10, index=True)
    granted_on = DateField(index=True)
    granting_body = CharField(max_length=200)
    programme = CharField(max_length=300)
    # Yuan in whole fen: an integer sums exactly in SQL, where a DECIMAL column would be a REAL in SQLite.
    amount_fen = BigIntegerField(null=True)
    note = TextField(default="")
    recorded_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
