"""Optimistic locking with two real connections (two threads: peewee gives each its own connection to the same
SQLite file or PostgreSQL database): a record loaded, then saved by someone else, then saved again is refused
with a ConcurrentEdit naming who saved it, and their change is kept (no lost update).

On PostgreSQL the race also happens inside one transaction: the row is read, another client commits, the
version-checked UPDATE matches nothing (READ COMMITTED re-reads the row) and the save is refused.
"""

import threading

import pytest

from app.models import AuditLog, Enterprise
from app.models import db as dbmod
from app.services.accounts import users
from app.services.core.errors import ConcurrentEdit
from app.services.core.permissions import Role
from app.services.enterprises import register as enterprises
from app.services.system import database as setup
from tests.conftest import ADMIN_PASSWORD
from tests.helpers import pg as test_pg

VALID = "91110108551385082Q"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def register(request, tmp_path):
    """A new register on each engine with two city administrators; (admin, 王芳) and the enterprise's id."""
    location = test_pg.new_database("edit") if request.param == "postgres" else tmp_path / "edit.db"
    admin = setup.initialise(location, ADMIN_PASSWORD).admin
    other = users.create_user(admin, "wangfang", "王芳", Role.CITY_ADMIN, "Wangfang-pass-123")
    data = {"name": "鄂尔多斯市测试科技有限公司", "uscc": VALID, "kind": "enterprise", "district": "150621"}
    enterprise = enterprises.create(admin, data).enterprise
    yield request.param, admin, other, enterprise.id
    dbmod.close()


def _in_other_connection(work) -> None:
    """Run `work` on another thread: its own connection, committed before this returns."""
    errors = []

    def run():
        try:
            work()
        except Exception as exc:  # noqa: BLE001 - re-raised below on the test's thread
            errors.append(exc)
        finally:
            dbmod.database.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


def test_a_save_over_someone_elses_save_is_refused_and_names_them(register):
    _, admin, other, enterprise_id = register
    mine = Enterprise.get_by_id(enterprise_id)  # loaded here, at version 1
    _in_other_connection(lambda: enterprises.update(other, enterprise_id, {"legal_representative": "王芳填的"}))

    mine.legal_representative = "管理员填的"
    with pytest.raises(ConcurrentEdit, match=r"已被 王芳（wangfang）于 \d{4}-\d\d-\d\d \d\d:\d\d 修改.*重新载入"):
        mine.save()
    stored = Enterprise.get_by_id(enterprise_id)
    assert stored.legal_representative == "王芳填的" and stored.row_version == 2
    assert mine.row_version == 1  # still as loaded: the refused save changed nothing


def test_a_form_loaded_before_someone_elses_save_is_refused_by_the_service(register):
    _, admin, other, enterprise_id = register
    loaded = enterprises.get(admin, enterprise_id).row_version
    _in_other_connection(lambda: enterprises.update(other, enterprise_id, {"legal_representative": "王芳填的"}))

    with pytest.raises(ConcurrentEdit, match="该企业信息在您打开之后已被 王芳（wangfang）"):
        enterprises.update(admin, enterprise_id, {"legal_representative": "管理员填的"}, expected_version=loaded)
    assert Enterprise.get_by_id(enterprise_id).legal_representative == "王芳填的"
    updates = AuditLog.select().where(AuditLog.action == "enterprise.update")
    assert [entry.user_login for entry in updates] == ["wangfang"]  # the refused save wrote no entry
    saved = enterprises.update(admin, enterprise_id, {"legal_representative": "管理员填的"},
                               expected_version=loaded + 1).enterprise  # fmt: skip
    assert saved.row_version == loaded + 2


def test_saving_a_record_someone_deleted_says_so(register):
    _, admin, other, enterprise_id = register
    mine = Enterprise.get_by_id(enterprise_id)
    _in_other_connection(lambda: Enterprise.delete().where(Enterprise.id == enterprise_id).execute())
    mine.legal_representative = "管理员填的"
    with pytest.raises(ConcurrentEdit, match="删除"):
        mine.save()


@pytest.mark.parametrize("register", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)
def test_on_postgres_a_commit_between_read_and_write_in_one_transaction_is_caught(register):
    _, admin, other, enterprise_id = register
    with pytest.raises(ConcurrentEdit, match="王芳"):
        with dbmod.database.atomic():
            mine = Enterprise.get_by_id(enterprise_id)
            _in_other_connection(
                lambda: enterprises.update(other, enterprise_id, {"legal_representative": "王芳填的"})
            )
            mine.legal_representative = "管理员填的"
            mine.save()
    assert Enterprise.get_by_id(enterprise_id).legal_representative == "王芳填的"
