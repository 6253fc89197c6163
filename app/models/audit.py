"""The audit log: one row per write, with who, when, what, and the values before and after."""

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.models.accounts import User
from app.models.base import BaseModel, now


class AuditLog(BaseModel):
    at = DateTimeField(default=now, index=True)
    user = ForeignKeyField(User, null=True, backref="audit_entries", on_delete="SET NULL")
    user_login = CharField(max_length=50)
    action = CharField(max_length=40)
    entity = CharField(max_length=40)
    entity_id = IntegerField(null=True)
    entity_uuid = CharField(max_length=36, null=True, index=True)
    # The record a person would look for this change under, e.g. the enterprise a contact belongs to.
    subject_uuid = CharField(max_length=36, null=True, index=True)
    before = TextField(null=True)
    after = TextField(null=True)

    class Meta:
        indexes = ((("entity", "entity_id"), False), (("action", "at"), False))
