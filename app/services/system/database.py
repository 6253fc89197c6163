"""Opening and initialising a register database: schema, reference data, the first administrator.

Before anything writes to a file (and merely connecting does: it switches the journal to WAL), the file
is read through a read-only connection and refused, with a Chinese message saying what to do, unless it
is a register of ours, a new file, or (only when the user asked to initialise) an empty one.

A `postgresql://` URL opens a register on a server (LAN mode, app.models.postgres): the server keeps the
data, so the file checks and the tidying of the folder beside the file do not apply; a database holding
another program's tables is refused by the schema check instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from peewee import DatabaseError

from app.models import User
from app.models import db as dbmod
from app.models import postgres as pg
from app.models.db import database
from app.models.migrations import SchemaReport, open_database
from app.services.accounts import users as accounts
from app.services.cases import clock_store
from app.services.core import installation, reference
from app.services.core.errors import DatabaseUnusable, DomainError
from app.services.enterprises import search as register_search
from app.services.system import audit_chain, file_checks


@dataclass
class InitResult:
    admin: User
    demo_accounts: dict[str, str] = field(default_factory=dict)  # login → password


def open_register(path: Path | str, *, create: bool = True, adopt_empty: bool = False) -> SchemaReport:
    """Open a register (or a new file, if `create`), migrate it, and refresh the reference data.

    `adopt_empty` lets a zero-byte or table-less SQLite file become a new register: only for `init`, as such
    a file is as likely a register that lost its content as a new one. Raises DatabaseUnusable otherwise.
    """
    on_server = pg.is_url(path)
    path = str(path) if on_server else Path(path)
    dbmod.close()
    if not on_server:
        file_checks.check_before_open(path, create=create, adopt_empty=adopt_empty)
    try:
        report = open_database(path)
        dbmod.stamp_application_id()
        # Deferred: the districts are nearly always up to date, and merely opening must not queue for the
        # write lock behind another window's long import.
        with database.atomic("DEFERRED"):
            reference.seed_districts()
    except DomainError:
        dbmod.close()
        raise
    except (DatabaseError, dbmod.DatabaseFileError, OSError) as exc:
        dbmod.close()
        shown = pg.shown_url(path) if on_server else path
        raise DatabaseUnusable(f"无法打开数据库 {shown}：{file_checks.describe(exc)}") from exc
    if not on_server:
        file_checks.tidy_folder(path)
    register_search.check_index()
    if report.from_version < 8:
        from app.services.system import demo as demo_data

        demo_data.retire_stored_passwords()
    audit_chain.check_on_open()
    # Upkeep of derived rows belongs to opening, not to the first read: case clocks left stale by another
    # program, an upgrade or a calendar package update are brought up to date here (a busy register: later).
    clock_store.refresh_quietly()
    return report


def release_connection() -> None:
    """Close this thread's database connection (background workers call it when they finish), remembering
    the audit trail's head first (app.services.system.audit_chain)."""
    audit_chain.remember_head()
    dbmod.close()


def is_initialised() -> bool:
    return User.select().exists()


def initialise(
    path: Path | str,
    admin_password: str,
    *,
    demo: bool = False,
    activity: bool = False,
    scope: str = installation.CITY,
    body: str | None = None,
    admin_name: str = "系统管理员",
    admin_login: str = "admin",
) -> InitResult:
    """Name the installation and create its administrator, optionally with demo data and demo accounts.

    `scope` is the city (default) or a district code; `body` the issuing body (default: the usual bureau name).
    `activity` (with `demo`) adds a decided round, liaison work, events, experts and cases on top (the city's
    installation only: a district bureau cannot decide a round). On a district bureau's installation the
    administrator is that district's administrator (app.services.accounts.users.admin_role).
    """
    open_register(path, adopt_empty=True)
    if is_initialised():
        raise DomainError(f"数据库 {path} 已经初始化过，不能重复初始化")
    with database.atomic():
        installation.configure(scope, body, demo=demo)
        admin = accounts.create_first_admin(admin_password, admin_name, admin_login)
    result = InitResult(admin)
    if demo:
        from app.services.system import demo as demo_data

        result.demo_accounts = demo_data.populate(admin)
        if activity and installation.current().is_city:  # the activity includes the city's review of a round
            from app.services.system.demo_activity import populate_activity

            populate_activity(admin)
        register_search.refresh_index()  # the demo register is searched by pinyin from its first keystroke
    return result
