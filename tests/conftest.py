"""One setup for every test: offscreen Qt before any QApplication, and real temporary SQLite databases."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from app.models import db as dbmod  # noqa: E402
from app.services.accounts import users as accounts
from app.services.system import database as setup

ADMIN_PASSWORD = "adminpass123"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep QSettings and platformdirs of the tests away from the real user's folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    yield
    dbmod.close()


@pytest.fixture
def empty_db(tmp_path):
    """A new database with the admin account only; yields (path, admin)."""
    path = tmp_path / "register.db"
    result = setup.initialise(path, ADMIN_PASSWORD)
    return path, result.admin


@pytest.fixture
def demo_db(tmp_path):
    """A demo database; yields (path, InitResult) — InitResult.demo_accounts has the demo passwords."""
    path = tmp_path / "demo.db"
    return path, setup.initialise(path, ADMIN_PASSWORD, demo=True)


@pytest.fixture
def demo_users(demo_db):
    """Logged-in users of the demo database, by login."""
    _, result = demo_db
    users = {"admin": result.admin}
    for login, password in result.demo_accounts.items():
        users[login] = accounts.login(login, password)
    return users


@pytest.fixture
def cli_db(tmp_path, monkeypatch, capsys):
    """A demo database made by `init --demo` through the CLI; yields (path, demo passwords by login)."""
    from app.cli import main

    monkeypatch.setenv("IPREG_PASSWORD", ADMIN_PASSWORD)
    path = tmp_path / "cli.db"
    assert main(["--db", str(path), "init", "--demo"]) == 0
    out = capsys.readouterr().out
    passwords = dict(line.strip().split(" / ") for line in out.splitlines() if line.startswith("  "))
    assert "dongsheng" in passwords
    return path, passwords
