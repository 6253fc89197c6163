"""Domain settings stored in the database (thresholds, limits), declared with defaults in app.services.core.settings."""

from peewee import CharField, TextField

from app.models.base import BaseModel


class Setting(BaseModel):
    key = CharField(max_length=80, unique=True)
    value = TextField()  # JSON
