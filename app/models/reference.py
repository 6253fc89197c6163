"""Reference data tables: districts (旗区) of Ordos."""

from peewee import BooleanField, CharField, IntegerField

from app.models.base import BaseModel


class District(BaseModel):
    code = CharField(max_length=12, unique=True)
    name = CharField(max_length=50)
    short_name = CharField(max_length=20)
    sort_order = IntegerField(default=0)
    active = BooleanField(default=True)

    def __str__(self) -> str:
        return self.name
