"""Installations for the exchange tests (benchmarks/exchange_work.py): the city and two districts, all paired with
the city. Built once per run as templates; every test copies the files. `Site.use()` switches the one
database connection to that installation's file (as running the program on that office's PC would)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks.exchange_work import (  # noqa: F401
    DALATE,
    DISTRICT_CODES,
    DONGSHENG,
    PASSWORD,
    SCOPES,
    Site,
    build,
    new_contact,
    new_enterprise,
    ship,
)


def _build(folder: Path) -> dict[str, Path]:
    return build(folder)


@pytest.fixture(scope="session")
def sites_template(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exchange-sites")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(folder / "home"))
        return _build(folder)


@pytest.fixture(scope="session")
def ten_sites_template(tmp_path_factory) -> dict[str, Path]:
    """The city and all ten districts, each paired with the city."""
    folder = tmp_path_factory.mktemp("exchange-ten")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(folder / "home"))
        return build(folder, tuple(DISTRICT_CODES))


@pytest.fixture
def sites(tmp_path, sites_template) -> dict[str, Site]:
    """city, dongsheng and dalate, paired city ↔ each district; no connection open."""
    out = {}
    for name, template in sites_template.items():
        shutil.copyfile(template, tmp_path / template.name)
        out[name] = Site(name, tmp_path / template.name)
    return out


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


def send_only(source: Site, target: Site, path: Path) -> Path:
    from app.services.exchange import send

    send.send(source.use(), SCOPES[target.name], path)
    return path
