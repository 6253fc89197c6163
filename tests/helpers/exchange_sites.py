"""Installations for the exchange tests: the city and two districts, each its own SQLite file, all paired with
the city. Built once per run as templates; every test copies the files. `Site.use()` switches the one
database connection to that installation's file (as running the program on that office's PC would)."""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.models import User
from app.services.accounts import users as accounts
from app.services.enterprises import records, register
from app.services.exchange import pairing
from app.services.system import database as setup
from app.services.system.demo import make_uscc

PASSWORD = "adminpass123"
DONGSHENG, DALATE = "150602", "150621"
SCOPES = {"city": "city", "dongsheng": DONGSHENG, "dalate": DALATE}


@dataclass
class Site:
    name: str
    path: Path

    def use(self) -> User:
        """Open this installation's file; its administrator."""
        setup.open_register(self.path)
        return accounts.get_user("admin")


def _build(folder: Path) -> dict[str, Path]:
    paths = {name: folder / f"{name}.db" for name in SCOPES}
    fingerprints = {}
    for name, scope in SCOPES.items():
        setup.initialise(paths[name], PASSWORD, scope=scope)
        fingerprints[name] = pairing.export_file(accounts.get_user("admin"), folder / f"{name}.pair").fingerprint
    for district in ("dongsheng", "dalate"):
        for here, there in (("city", district), (district, "city")):
            setup.open_register(paths[here])
            pairing.import_file(accounts.get_user("admin"), folder / f"{there}.pair", fingerprints[there])
    setup.release_connection()
    return paths


@pytest.fixture(scope="session")
def sites_template(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exchange-sites")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(folder / "home"))
        return _build(folder)


@pytest.fixture
def sites(tmp_path, sites_template) -> dict[str, Site]:
    """city, dongsheng and dalate, paired city ↔ each district; no connection open."""
    out = {}
    for name, template in sites_template.items():
        shutil.copyfile(template, tmp_path / template.name)
        out[name] = Site(name, tmp_path / template.name)
    return out


_rng = random.Random(16)


def new_enterprise(actor: User, district: str, name: str, **extra):
    values = {"name": name, "uscc": make_uscc(_rng, district), "kind": "enterprise", "district": district, **extra}
    return register.create(actor, values).enterprise


def new_contact(actor: User, enterprise_id: int, name: str, **extra):
    return records.save_contact(actor, enterprise_id, {"name": name, **extra})


TABLES = ("enterprise", "contact", "exchange_peer", "exchange_change", "exchange_version", "exchange_conflict",
          "audit_log")  # fmt: skip


def dump(site: Site) -> dict[str, list[tuple]]:
    """Every row of the tables an exchange may write, read through a separate connection."""
    import sqlite3

    conn = sqlite3.connect(f"file:{site.path}?mode=ro", uri=True)
    try:
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY id').fetchall() for t in TABLES}
    finally:
        conn.close()


def ship(source: Site, target: Site, folder: Path, name: str = "p.ipx"):
    """`source` sends to `target`, `target` receives; (path, ReceiveResult)."""
    from app.services.exchange import receive, send

    admin = source.use()
    path = folder / name
    send.send(admin, SCOPES[target.name], path)
    admin = target.use()
    return path, receive.receive(admin, path)


def send_only(source: Site, target: Site, path: Path) -> Path:
    from app.services.exchange import send

    send.send(source.use(), SCOPES[target.name], path)
    return path
