"""Peewee without psycopg until a PostgreSQL database is set up (app.models.drivers)."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import sys
import app.models
import peewee
assert "psycopg" not in sys.modules, "psycopg loaded with the models"
assert peewee.psycopg is None
try:
    database = peewee.PostgresqlDatabase("postgresql://nobody@127.0.0.1:1/none", prefer_psycopg3=True)
except peewee.ImproperlyConfigured as exc:
    print("no driver:", exc)
    sys.exit(0)
from psycopg.pq import TransactionStatus
adapter = database._adapter
assert type(adapter).__name__ == "Psycopg3Adapter", type(adapter)
assert adapter.txn_idle == TransactionStatus.IDLE and adapter.txn_inerror == TransactionStatus.INERROR
assert adapter.json_type is not None and peewee.psycopg is sys.modules["psycopg"]
print("psycopg set up")
"""


def test_psycopg_waits_for_a_postgresql_database():
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    installed = importlib.util.find_spec("psycopg") is not None
    assert done.stdout.strip() == ("psycopg set up" if installed else "no driver: psycopg postgres driver not found.")
