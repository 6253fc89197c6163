"""The base model: every record carries a UUID stable across installations and a row version.

Local integer ids never leave an installation; offline exchange between district and city installations
matches records by `uuid` and resolves conflicts with `row_version` / `updated_at`.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from peewee import CharField, DateTimeField, IntegerField, Model

from app.models.db import database


def new_uuid() -> str:
    return str(uuid.uuid4())


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


class BaseModel(Model):
    uuid = CharField(max_length=36, unique=True, default=new_uuid)
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
    row_version = IntegerField(default=1)

    class Meta:
        database = database
        legacy_table_names = False

    def save(self, *args, **kwargs):
        if self._pk is not None and not kwargs.get("force_insert"):
            self.updated_at = now()
            self.row_version = (self.row_version or 0) + 1
        return super().save(*args, **kwargs)
