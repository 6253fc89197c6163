"""The audit chain stays one chain when two clients write at once: on PostgreSQL writers do not exclude each
other, so `audit._chain` takes an advisory lock before reading the head; every write succeeds and the chain
verifies. (On SQLite the file's write lock orders writers; tests/services/system cover it.)"""

import random
import threading

import pytest

from app.models import AuditLog
from app.models import db as dbmod
from app.services.accounts import users
from app.services.core.permissions import Role
from app.services.enterprises import register as enterprises
from app.services.system import audit_chain
from app.services.system import database as setup
from app.services.system.demo import make_uscc
from tests.conftest import ADMIN_PASSWORD
from tests.helpers import pg as test_pg

pytestmark = pytest.mark.postgres
WRITES = 15


def test_two_writers_on_postgres_leave_a_valid_chain():
    url = test_pg.new_database("chain")
    admin = setup.initialise(url, ADMIN_PASSWORD).admin
    other = users.create_user(admin, "wangfang", "王芳", Role.CITY_ADMIN, "Wangfang-pass-123")
    before = AuditLog.select().count()
    errors, start = [], threading.Barrier(2)

    def writer(actor, seed):
        rng = random.Random(seed)
        try:
            start.wait()
            for n in range(WRITES):
                data = {"name": f"{actor.login}企业{n}号", "uscc": make_uscc(rng, "150602"),
                        "kind": "enterprise", "district": "150602"}  # fmt: skip
                enterprises.create(actor, data)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            dbmod.database.close()

    threads = [threading.Thread(target=writer, args=args) for args in ((admin, 1), (other, 2))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        assert AuditLog.select().count() == before + 2 * WRITES
        report = audit_chain.verify_chain()
        assert report.ok and report.checked == before + 2 * WRITES
    finally:
        dbmod.close()
