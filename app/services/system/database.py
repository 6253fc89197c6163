"""Opening and initialising a register database: schema, reference data, the first administrator."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.models import User
from app.models import db as dbmod
from app.models.db import database
from app.models.migrations import SchemaReport, open_database
from app.services.accounts import users as accounts
from app.services.core import reference
from app.services.core.errors import DomainError
from app.services.system import audit_chain


@dataclass
class InitResult:
    admin: User
    demo_accounts: dict[str, str] = field(default_factory=dict)  # login → password


def open_register(path: Path | str) -> SchemaReport:
    """Open an existing or new database file, migrate it, and refresh the reference data."""
    report = open_database(path)
    with database.atomic():
        reference.seed_districts()
    audit_chain.check_on_open()
    return report


def release_connection() -> None:
    """Close this thread's database connection (background workers call it when they finish), remembering
    the audit trail's head first (app.services.system.audit_chain)."""
    audit_chain.remember_head()
    dbmod.close()


def is_initialised() -> bool:
    return User.select().exists()


def initialise(
    path: Path | str, admin_password: str, *, demo: bool = False, activity: bool = False
) -> InitResult:
    """Create the admin account of a new database, optionally with demo data and demo accounts.

    `activity` (with `demo`) adds a decided round, liaison work, events, experts and cases on top.
    """
    open_register(path)
    if is_initialised():
        raise DomainError(f"数据库 {path} 已经初始化过，不能重复初始化")
    admin = accounts.create_first_admin(admin_password)
    result = InitResult(admin)
    if demo:
        from app.services.system import demo as demo_data

        result.demo_accounts = demo_data.populate(admin)
        if activity:
            from app.services.system.demo_activity import populate_activity

            populate_activity(admin)
    return result
