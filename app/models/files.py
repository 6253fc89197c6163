"""Stored files. Bytes live in a content-addressed folder beside the database; rows describe them."""

from peewee import BigIntegerField, CharField, ForeignKeyField

from app.models.accounts import User
from app.models.base import BaseModel


class Attachment(BaseModel):
    # What the file belongs to, by the owner's table and UUID (stable across installations).
    entity = CharField(max_length=40, index=True)
    entity_uuid = CharField(max_length=36, index=True)
    purpose = CharField(max_length=40, default="other")
    original_name = CharField(max_length=255)
    sha256 = CharField(max_length=64, index=True)
    size = BigIntegerField()
    mime = CharField(max_length=100)
    created_by = ForeignKeyField(User, null=True, backref="attachments", on_delete="SET NULL")
