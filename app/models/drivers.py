"""Peewee without its PostgreSQL and MySQL drivers until a server database is opened.

Importing peewee imports every database driver it finds installed; psycopg alone (with its binary libpq and
asyncio) costs more than all of Qt at start-up, and a register on a SQLite file never needs it. So peewee is
imported here with the drivers hidden, and `PostgresqlDatabase.init` fills in what peewee would have found at
import (the driver module, its transaction states and JSON types) the first time a server database is set up.
Peewee is pinned below 5 (pyproject.toml); tests/models/test_drivers.py checks the names this relies on.
"""

from __future__ import annotations

import importlib
import sys

DEFERRED = ("psycopg", "psycopg2", "psycopg2cffi", "pymysql", "MySQLdb")


def import_peewee():
    """The peewee module, imported now without the server drivers unless something imported it already."""
    if "peewee" in sys.modules:
        return sys.modules["peewee"]
    hidden = [name for name in DEFERRED if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # an import of it raises ImportError: peewee takes it as "not installed"
    try:
        import peewee
    finally:
        for name in hidden:
            if sys.modules.get(name) is None:
                del sys.modules[name]
    _load_psycopg_on_first_use(peewee)
    return peewee


def load_psycopg(peewee) -> None:
    """What `import peewee` sets up when psycopg 3 is installed; an ImportError if it is not."""
    if peewee.psycopg is not None:
        return
    # By name: psycopg is the optional PostgreSQL extra, not a dependency of every installation.
    psycopg = importlib.import_module("psycopg")
    TransactionStatus = importlib.import_module("psycopg.pq").TransactionStatus  # noqa: N806 (peewee's name)
    json = importlib.import_module("psycopg.types.json")

    peewee.TransactionStatus, peewee.Json_pg3, peewee.Jsonb_pg3 = TransactionStatus, json.Json, json.Jsonb
    adapter = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN
    peewee.psycopg = psycopg  # last: the sign that the rest is done


def _load_psycopg_on_first_use(peewee) -> None:
    database = peewee.PostgresqlDatabase
    if peewee.psycopg is not None or getattr(database.init, "loads_driver", False):
        return
    original = database.init

    def init(self, *args, **kwargs):
        try:
            load_psycopg(peewee)
        except ImportError:
            pass  # peewee's own check_driver then says "psycopg postgres driver not found"
        return original(self, *args, **kwargs)

    init.loads_driver = True
    database.init = init


import_peewee()  # on import of this module, which app/models/__init__.py imports before any model
