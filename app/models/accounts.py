"""Login accounts. Roles and what they may do are defined in app.services.core.permissions."""

from peewee import SQL, BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField

from app.models.base import BaseModel
from app.models.postgres import BoolDefault
from app.models.reference import District


class User(BaseModel):
    login = CharField(max_length=50, unique=True)
    display_name = CharField(max_length=50)
    role = CharField(max_length=20)
    # None for city-level accounts; district officers and district viewers are bound to one district.
    district = ForeignKeyField(District, null=True, backref="users", on_delete="RESTRICT")
    password_hash = CharField(max_length=255)
    active = BooleanField(default=True)
    last_login_at = DateTimeField(null=True)
    # v8 (added with ALTER TABLE, hence the SQL defaults): sign-in lockout, forced password change, phone.
    failed_logins = IntegerField(default=0, constraints=[SQL("DEFAULT 0")])
    locked_until = DateTimeField(null=True)
    must_change_password = BooleanField(default=False, constraints=[BoolDefault(False)])
    phone = CharField(max_length=30, default="", constraints=[SQL("DEFAULT ''")])

    def __str__(self) -> str:
        return f"{self.display_name}（{self.login}）"
