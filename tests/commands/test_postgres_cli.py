"""The command line on a PostgreSQL register: `--db postgresql://…` initialises a demo register on the server,
lists and shows its enterprises, finds them by pinyin, and never prints a password given in the URL.
Needs the server of IPREG_TEST_PG (tests/helpers/pg.py)."""

import pytest

from app.cli import main
from app.models import Enterprise
from app.models import db as dbmod
from app.services.system import database as setup
from tests.conftest import ADMIN_PASSWORD
from tests.helpers import pg as test_pg

pytestmark = pytest.mark.postgres


def test_init_list_and_show_on_a_server(monkeypatch, capsys):
    url = test_pg.new_database("cli")
    monkeypatch.setenv("IPREG_PASSWORD", ADMIN_PASSWORD)
    assert main(["--db", url, "init", "--demo"]) == 0
    assert f"已初始化数据库：{url}" in capsys.readouterr().out

    assert main(["--db", url, "enterprise", "list"]) == 0
    listing = capsys.readouterr().out
    setup.open_register(url, create=False)
    enterprises = list(Enterprise.select())
    dbmod.close()
    assert f"共 {len(enterprises)} 家" in listing and len(enterprises) >= 40
    assert all(e.uscc in listing for e in enterprises)

    wulan = [e for e in enterprises if "乌兰" in e.name]
    assert main(["--db", url, "enterprise", "list", "--search", "wulan"]) == 0
    found = capsys.readouterr().out
    assert wulan and all(e.uscc in found for e in wulan) and f"共 {len(wulan)} 家" in found

    assert main(["--db", url, "enterprise", "show", wulan[0].uscc]) == 0
    shown = capsys.readouterr().out
    assert wulan[0].name in shown and wulan[0].registered_address in shown


def test_a_password_in_the_url_is_never_printed(capsys):
    scheme, rest = test_pg.url_of("no_such_register_here").split("://", 1)
    auth, _, host = rest.rpartition("@")
    user = auth.split(":", 1)[0] or "someone"
    assert main(["--db", f"{scheme}://{user}:hunter22@{host}", "enterprise", "list"]) == 1
    err = capsys.readouterr().err
    assert "hunter22" not in err and f"{user}:***@" in err
