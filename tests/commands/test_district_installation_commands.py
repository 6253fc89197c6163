"""`init --scope` makes a district bureau's installation whose administrator is that district's: `user add`
there refuses city accounts and other districts' accounts, and `enterprise list` shows its own district only."""

import json
import sqlite3
from contextlib import closing

from app.cli import main
from tests.conftest import ADMIN_PASSWORD


def run(capsys, *argv) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_a_district_installation_from_the_command_line(tmp_path, capsys, monkeypatch):
    path = str(tmp_path / "dongsheng.db")
    monkeypatch.setenv("IPREG_PASSWORD", ADMIN_PASSWORD)
    status, out, _ = run(capsys, "--db", path, "init", "--scope", "东胜区", "--admin-name", "东胜管理员")
    assert status == 0 and "鄂尔多斯市东胜区市场监督管理局" in out and "旗区局管理员（东胜区）" in out

    status, _, err = run(
        capsys, "--db", path, "user", "add", "shi", "--role", "city_reviewer", "--name", "市局人"
    )
    assert status == 1 and "不能建立或改为市局账号" in err
    status, _, err = run(
        capsys,
        "--db",
        path,
        "user",
        "add",
        "da",
        "--role",
        "district_officer",
        "--district",
        "达拉特旗",
        "--name",
        "达",
    )
    assert status == 1 and "只能有东胜区的账号" in err
    status, out, _ = run(
        capsys,
        "--db",
        path,
        "user",
        "add",
        "dong",
        "--role",
        "district_officer",
        "--district",
        "东胜区",
        "--name",
        "东",
    )
    assert status == 0 and "初始密码" in out

    status, out, _ = run(capsys, "--db", path, "user", "list", "--json")
    rows = {r["login"]: r for r in json.loads(out)}
    assert status == 0 and set(rows) == {"admin", "dong"}
    assert {(r["role"], r["district_name"]) for r in rows.values()} == {
        ("district_admin", "东胜区"),
        ("district_officer", "东胜区"),
    }
    status, _, err = run(capsys, "--db", path, "user", "disable", "admin")
    assert status == 1 and "不能停用自己的账号" in err


def test_a_district_demo_holds_its_own_district_only(tmp_path, capsys, monkeypatch):
    path = str(tmp_path / "demo.db")
    monkeypatch.setenv("IPREG_PASSWORD", ADMIN_PASSWORD)
    status, out, _ = run(capsys, "--db", path, "init", "--demo", "--activity", "--scope", "150602")
    assert status == 0 and "lianluo" in out and "shenhe" not in out
    status, out, _ = run(capsys, "--db", path, "enterprise", "list", "--json")
    assert status == 0 and {row["district"] for row in json.loads(out)} == {"东胜区"}
    with closing(sqlite3.connect(path)) as conn:  # not only what the admin may see: what the file holds
        held = conn.execute(
            "SELECT DISTINCT d.name FROM enterprise e JOIN district d ON d.id = e.district_id"
        ).fetchall()
        roles = conn.execute('SELECT DISTINCT role FROM "user"').fetchall()
    assert held == [("东胜区",)] and {r for (r,) in roles} == {"district_admin", "district_officer", "viewer"}


def test_init_names_the_administrators_login_and_a_districts_account_defaults_to_its_district(
    tmp_path, capsys, monkeypatch
):
    path = str(tmp_path / "dongsheng.db")
    monkeypatch.setenv("IPREG_PASSWORD", ADMIN_PASSWORD)
    status, out, _ = run(capsys, "--db", path, "init", "--scope", "东胜区", "--admin-login", "dsadmin")
    assert status == 0 and "管理员 dsadmin：旗区局管理员（东胜区）" in out
    # The default login no longer exists; the chosen one signs in.
    status, _, err = run(capsys, "--db", path, "user", "list")
    assert status == 1 and "登录名或密码不正确" in err
    status, out, _ = run(
        capsys, "--db", path, "--user", "dsadmin", "user", "add", "wang", "--role", "district_officer",
        "--name", "王五",
    )  # fmt: skip
    assert status == 0 and "已新建账号 wang（旗区局联络员）" in out
    status, out, _ = run(capsys, "--db", path, "--user", "dsadmin", "user", "list", "--json")
    rows = {r["login"]: r for r in json.loads(out)}
    assert status == 0 and rows["wang"]["district_name"] == "东胜区" and set(rows) == {"dsadmin", "wang"}
