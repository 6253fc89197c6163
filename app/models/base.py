"""The base model: every record carries a UUID stable across installations and a row version.

Local integer ids never leave an installation; offline exchange between district and city installations
matches records by `uuid` (and keeps its own versions; `row_version` is local and never exchanged).

Optimistic locking (issue 17): saving a loaded record is `UPDATE … SET …, row_version = row_version + 1
WHERE id = ? AND row_version = <as loaded>`. When that matches no row, someone else saved or deleted the
record since it was read (on PostgreSQL another client committed between our read and write) and the save
raises ConcurrentEdit instead of overwriting their change. Bulk `Model.update()`s of exchangeable records
bump `row_version` themselves.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from peewee import CharField, DateTimeField, IntegerField, Model

from app.models.db import database
from app.services.core.errors import ConcurrentEdit


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

    def save(self, force_insert=False, only=None):
        if self._pk is None or force_insert:
            return super().save(force_insert=force_insert, only=only)
        loaded = self.__data__.get("row_version")
        self.updated_at = now()
        if only is not None:
            only = [*only, type(self).updated_at, type(self).row_version]
        if loaded is None:  # a record read without its version: bump it, unchecked
            self.row_version = type(self).row_version + 1
            rows = super().save(only=only)
            self.__data__.pop("row_version", None)
            return rows
        self.row_version = loaded + 1
        self._loaded_version = loaded
        try:
            rows = super().save(only=only)
        finally:
            del self._loaded_version
        if not rows:
            self.row_version = loaded
            raise ConcurrentEdit.about(self)
        return rows

    def _pk_expr(self):
        expr = super()._pk_expr()
        loaded = getattr(self, "_loaded_version", None)
        return expr if loaded is None else expr & (type(self).row_version == loaded)
