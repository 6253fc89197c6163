"""One setup for every test: offscreen Qt before any QApplication, and real temporary SQLite databases.

The demo databases are built once per run (building one hashes passwords with scrypt and seeds forty
enterprises through the services) and every test gets its own private copy of the file.

With IPREG_TEST_ENGINE=postgres and IPREG_TEST_PG set to a PostgreSQL URL (a user with CREATEDB, e.g.
postgresql://ipreg@127.0.0.1:5432/postgres) the same fixtures use PostgreSQL instead (tests/helpers/pg.py): each
template is a database, each test's copy is `CREATE DATABASE … TEMPLATE …`, and the fixtures hand out its URL where
they hand out a file path on SQLite. Tests marked `postgres` always run against a server (a throwaway local one
when IPREG_TEST_PG is unset).
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
from tests.helpers import pg as test_pg  # noqa: E402
from tests.helpers.cli import printed_demo_accounts  # noqa: E402

ADMIN_PASSWORD = "adminpass123"

# Locally examples stay random (new ones every run); CI (CI=true) gets Hypothesis's own "ci" profile, which is
# derandomised too, so a CI run is repeatable. HYPOTHESIS_PROFILE picks one by hand (every profile is registered
# in tests/hypothesis_profiles.py, before any test module is imported).
hypothesis_profiles.load()


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` run against this run's server (tests/helpers/pg.py); they are left out only on a
    machine with no PostgreSQL at all, and the summary then says so."""
    if test_pg.ALL_ON_POSTGRES and not os.environ.get("IPREG_TEST_PG"):
        raise pytest.UsageError("IPREG_TEST_ENGINE=postgres 需要 IPREG_TEST_PG 指定的 PostgreSQL 服务器")
    if test_pg.server_available():
        return
    left_out = [item for item in items if item.get_closest_marker("postgres")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if item.get_closest_marker("postgres") is None]
        config._ipreg_postgres_left_out = len(left_out)


def pytest_terminal_summary(terminalreporter, config):
    left_out = getattr(config, "_ipreg_postgres_left_out", 0)
    if left_out:
        terminalreporter.write_line(
            f"WARNING: {left_out} PostgreSQL tests not run: no PostgreSQL on this machine "
            "(apt-get install postgresql, or set IPREG_TEST_PG)", yellow=True, bold=True,
        )


@pytest.fixture(scope="session")
def qapp(qapp):
    """pytest-qt's one QApplication, set up as the program sets up its own (app/ui/startup.py): Qt's words and
    calendars in Chinese, so tests and screenshots see 取消 where a user sees it, not "Cancel"."""
    from app.ui.qt_locale import install_qt_translations

    install_qt_translations(qapp)
    return qapp


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep QSettings and platformdirs of the tests away from the real user's folders."""
    _point_user_dirs(monkeypatch, tmp_path_factory.mktemp("home"))
    yield
    dbmod.close()
    test_pg.test_finished()


@pytest.fixture(scope="session", autouse=True)
def _postgres_templates_dropped():
    """On PostgreSQL, the template databases of this run are dropped at its end."""
    yield
    test_pg.drop_all()


def _point_user_dirs(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))


@pytest.fixture
def today() -> date:
    """The day the test runs on. Fixtures that build dates from "today" take it from here, so a run on an
    awkward day (29 February) can be reproduced by overriding this fixture."""
    return date.today()


def _closed_file(path: Path | str) -> Path | str:
    """Close the connection so the whole database is in the main file (WAL checkpointed) and can be copied."""
    dbmod.close()
    if test_pg.ENGINE_URL:
        return path
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0, "the template's WAL was not checkpointed"
    return path


def _copy_of(template: Path | str, target: Path, *, opened: bool = True) -> Path | str:
    """A private copy of a template: a file beside the test on SQLite, a new database on PostgreSQL."""
    if test_pg.ENGINE_URL:
        target = test_pg.copy_database(template)
    else:
        shutil.copyfile(template, target)
    if opened:
        setup.open_register(target)
    return target


def _template_location(folder: Path, file_name: str) -> Path | str:
    return test_pg.new_database(file_name.split(".")[0]) if test_pg.ENGINE_URL else folder / file_name


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
        location = _template_location(folder, "register.db")
        setup.initialise(location, ADMIN_PASSWORD)
        return _closed_file(location)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The demo database, built once; (file, demo passwords by login). Every demo account has logged in once,
    as the `demo_users` fixture always did."""
    with _template_in(tmp_path_factory, "demo") as (folder, _):
        location = _template_location(folder, "demo.db")
        result = setup.initialise(location, ADMIN_PASSWORD, demo=True)
        for login, password in result.demo_accounts.items():
            accounts.login(login, password)
        return _closed_file(location), dict(result.demo_accounts)


@pytest.fixture(scope="session")
def cli_template(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A demo database made once by `init --demo` through the CLI; (file, passwords printed by the CLI)."""
    from app.cli import main

    out = io.StringIO()
    with _template_in(tmp_path_factory, "cli") as (folder, mp), contextlib.redirect_stdout(out):
        mp.setenv("IPREG_PASSWORD", ADMIN_PASSWORD)
        location = _template_location(folder, "cli.db")
        assert main(["--db", str(location), "init", "--demo"]) == 0
    passwords = printed_demo_accounts(out.getvalue())
    assert "dongsheng" in passwords
    return _closed_file(location), passwords


@pytest.fixture
def empty_db(tmp_path, empty_template):
    """A new database with the admin account only; yields (path, admin)."""
    path = _copy_of(empty_template, tmp_path / "register.db")
    return path, accounts.get_user("admin")


@pytest.fixture(scope="session")
def district_template(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """东胜区's own installation (scope 150602) with its demo data, built once; (file, demo passwords by login)."""
    with _template_in(tmp_path_factory, "district") as (folder, _):
        result = setup.initialise(folder / "district.db", ADMIN_PASSWORD, demo=True, scope="150602")
        return _closed_file(folder / "district.db"), dict(result.demo_accounts)


@pytest.fixture
def district_db(tmp_path, district_template):
    """A copy of 东胜区's installation, opened; yields (path, its users by login: admin and the demo logins).
    IPREG_PASSWORD is not set: the command-line tests set it for the login they use."""
    template, passwords = district_template
    path = _copy_of(template, tmp_path / "district.db")
    return path, {login: accounts.get_user(login) for login in ("admin", *passwords)}


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
    path = _copy_of(template, tmp_path / "cli.db", opened=False)
    return path, dict(passwords)


@pytest.fixture(scope="session")
def activity_template(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The demo database with this year's demo activity (a decided round, visits, events, cases) and the work
    a yearly report must also count (closed cases, re-examinations, consultations, questionnaire answers),
    built once; (file, demo passwords by login)."""
    from tests.helpers.activity import add_closing_work

    with _template_in(tmp_path_factory, "activity") as (folder, _):
        location = _template_location(folder, "activity.db")
        result = setup.initialise(location, ADMIN_PASSWORD, demo=True, activity=True)
        add_closing_work(accounts.get_user("admin"), date.today())
        for login, password in result.demo_accounts.items():
            accounts.login(login, password)
        return _closed_file(location), dict(result.demo_accounts)


@pytest.fixture
def activity_db(tmp_path, monkeypatch, activity_template):
    """A copy of the activity database, opened; yields (path, demo passwords by login). IPREG_PASSWORD holds
    the admin's password, for the command line."""
    template, passwords = activity_template
    monkeypatch.setenv("IPREG_PASSWORD", ADMIN_PASSWORD)
    return _copy_of(template, tmp_path / "activity.db"), dict(passwords)
