"""The audit log: one row per write, with who, when, what, and the values before and after.

The entries form a hash chain: `prev_hash` is the previous entry's `entry_hash` (GENESIS for the first) and
`entry_hash` is SHA-256 over the entry's CHAIN_COLUMNS, as stored, in canonical JSON. Editing or deleting
an entry breaks the chain at the next entry (app.services.system.audit_chain checks it). The format is
part of the schema: changing CHAIN_COLUMNS or `chain_hash` needs a migration step that re-chains the log.
"""

import hashlib
import json
from collections.abc import Sequence

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.models.accounts import User
from app.models.base import BaseModel, now

GENESIS = "0" * 64
# The columns an entry's hash covers, in this order; `prev_hash` links it to the entry before.
CHAIN_COLUMNS = (
    "id", "uuid", "at", "user_login", "action", "entity", "entity_id", "entity_uuid",
    "subject_uuid", "before", "after", "prev_hash",
)  # fmt: skip


def chain_hash(values: Sequence) -> str:
    """The hash of one entry from its CHAIN_COLUMNS values as SQLite stores them (text, integers, NULL).

    PostgreSQL hands `at` back as a datetime: `str` spells it as SQLite stores it (ISO with a space)."""
    text = json.dumps(list(values), ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
    # The hash chain (schema v8). NULL only in a row written around the program: verification reports it.
    prev_hash = CharField(max_length=64, null=True)
    entry_hash = CharField(max_length=64, null=True)

    class Meta:
        indexes = ((("entity", "entity_id"), False), (("action", "at"), False))
