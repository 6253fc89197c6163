"""One setup for every test: offscreen Qt before any QApplication, and real temporary SQLite databases.

The demo databases are built once per run (building one hashes passwords with scrypt and seeds forty
enterprises through the services) and every test gets its own private copy of the file.
"""

import contextlib
import io
import os
import shutil
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from app.models import db as dbmod  # noqa: E402
from app.services.accounts import users as accounts  # noqa: E402
from app.services.system import database as setup  # noqa: E402
from tests import hypothesis_profiles  # noqa: E402
from tests.helpers.cli import printed_demo_accounts  # noqa: E402

ADMIN_PASSWORD = "adminpass123"

# Locally examples stay random (new ones every run); CI (CI=true) gets Hypothesis's own "ci" profile, which is
# derandomised too, so a CI run is repeatable. HYPOTHESIS_PROFILE picks one by hand (every profile is registered
# in tests/hypothesis_profiles.py, before any test module is imported).
hypothesis_profiles.load()


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep QSettings and platformdirs of the tests away from the real user's folders."""
    _point_user_dirs(monkeypatch, tmp_path_factory.mktemp("home"))
    yield
    dbmod.close()


def _point_user_dirs(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))


@pytest.fixture
def today() -> date:
    """The day the test runs on. Fixtures that build dates from "today" take it from here, so a run on an
    awkward day (29 February) can be reproduced by overriding this fixture."""
    return date.today()


def _closed_file(path: Path) -> Path:
    """Close the connection so the whole database is in the main file (WAL checkpointed) and can be copied."""
    dbmod.close()
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0, "the template's WAL was not checkpointed"
    return path


def _copy_of(template: Path, target: Path) -> Path:
    shutil.copyfile(template, target)
    setup.open_register(target)
    return target


@contextlib.contextmanager
def _template_in(tmp_path_factory, name: str):
    """A folder for a template database, with the user's folders pointed inside it while it is built."""
    folder = tmp_path_factory.mktemp(f"template-{name}")
    with pytest.MonkeyPatch.context() as mp:
        _point_user_dirs(mp, folder / "home")
        yield folder, mp


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory) -> Path:
    """A new database with the admin account only, built once; tests copy the file, never open it."""
    with _template_in(tmp_path_factory, "empty") as (folder, _):
        setup.initialise(folder / "register.db", ADMIN_PASSWORD)
        return _closed_file(folder / "register.db")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The demo database, built once; (file, demo passwords by login). Every demo account has logged in once,
    as the `demo_users` fixture always did."""
    with _template_in(tmp_path_factory, "demo") as (folder, _):
        result = setup.initialise(folder / "demo.db", ADMIN_PASSWORD, demo=True)
        for login, password in result.demo_accounts.items():
            accounts.login(login, password)
        return _closed_file(folder / "demo.db"), dict(result.demo_accounts)


@pytest.fixture(scope="session")
def cli_template(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A demo database made once by `init --demo` through the CLI; (file, passwords printed by the CLI)."""
    from app.cli import main

    out = io.StringIO()
    with _template_in(tmp_path_factory, "cli") as (folder, mp), contextlib.redirect_stdout(out):
        mp.setenv("IPREG_PASSWORD", ADMIN_PASSWORD)
        assert main(["--db", str(folder / "cli.db"), "init", "--demo"]) == 0
    passwords = printed_demo_accounts(out.getvalue())
    assert "dongsheng" in passwords
    return _closed_file(folder / "cli.db"), passwords


@pytest.fixture
def empty_db(tmp_path, empty_template):
    """A new database with the admin account only; yields (path, admin)."""
    path = _copy_of(empty_template, tmp_path / "register.db")
    return path, accounts.get_user("admin")


@pytest.fixture
def demo_db(tmp_path, demo_template):
    """A demo database; yields (path, InitResult) — InitResult.demo_accounts has the demo passwords."""
    template, passwords = demo_template
    path = _copy_of(template, tmp_path / "demo.db")
    return path, setup.InitResult(accounts.get_user("admin"), dict(passwords))


@pytest.fixture
def demo_users(demo_db):
    """The users of the demo database, by login (each has logged in once, in the template)."""
    _, result = demo_db
    return {login: accounts.get_user(login) for login in ("admin", *result.demo_accounts)}


@pytest.fixture
def cli_db(tmp_path, monkeypatch, cli_template):
    """A demo database made by `init --demo` through the CLI; yields (path, demo passwords by login).
    IPREG_PASSWORD holds the admin's password, as after running `init` by hand."""
    template, passwords = cli_template
    monkeypatch.setenv("IPREG_PASSWORD", ADMIN_PASSWORD)
    path = tmp_path / "cli.db"
    shutil.copyfile(template, path)
    return path, dict(passwords)


@pytest.fixture(scope="session")
def activity_template(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The demo database with this year's demo activity (a decided round, visits, events, cases) and the work
    a yearly report must also count (closed cases, re-examinations, consultations, questionnaire answers),
    built once; (file, demo passwords by login)."""
    from tests.helpers.activity import add_closing_work

    with _template_in(tmp_path_factory, "activity") as (folder, _):
        result = setup.initialise(folder / "activity.db", ADMIN_PASSWORD, demo=True, activity=True)
        add_closing_work(accounts.get_user("admin"), date.today())
        for login, password in result.demo_accounts.items():
            accounts.login(login, password)
        return _closed_file(folder / "activity.db"), dict(result.demo_accounts)


@pytest.fixture
def activity_db(tmp_path, monkeypatch, activity_template):
    """A copy of the activity database, opened; yields (path, demo passwords by login). IPREG_PASSWORD holds
    the admin's password, for the command line."""
    template, passwords = activity_template
    monkeypatch.setenv("IPREG_PASSWORD", ADMIN_PASSWORD)
    return _copy_of(template, tmp_path / "activity.db"), dict(passwords)
