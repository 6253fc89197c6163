"""`user …` and `passwd` end to end on a demo database made by `init --demo`: a district officer is created,
must change the printed one-time password, is locked after repeated failures, disabled, enabled and reset."""

import json

import pytest

from app.cli import main
from app.models import AuditLog, User
from app.models import db as dbmod
from app.services.accounts import users as accounts
from app.services.system import database as setup

ADMIN = "adminpass123"


def _run(path, *argv, user="admin"):
    return main(["--db", str(path), "--user", user, *argv])


def _one_time(out: str) -> str:
    return out.strip().splitlines()[-1].rsplit("：", 1)[1]


@pytest.fixture
def officer(cli_db, capsys):
    path, _ = cli_db
    assert (
        _run(
            path,
            "user",
            "add",
            "wushen",
            "--role",
            "district_officer",
            "--district",
            "乌审",
            "--name",
            "乌审旗联络员",
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "已新建账号 wushen（旗区局联络员）" in out
    return path, _one_time(out)


def test_user_add_prints_a_one_time_password_that_must_be_changed_with_passwd(officer, capsys, monkeypatch):
    path, password = officer
    monkeypatch.setenv("IPREG_PASSWORD", password)
    assert _run(path, "enterprise", "list", user="wushen") == 1
    assert "须先修改密码：请运行 passwd" in capsys.readouterr().err

    monkeypatch.setenv("IPREG_NEW_PASSWORD", "12345678")
    assert _run(path, "passwd", user="wushen") == 1
    assert "过于常见" in capsys.readouterr().err
    monkeypatch.setenv("IPREG_NEW_PASSWORD", "乌审旗的新密码1")
    assert _run(path, "passwd", user="wushen") == 0
    assert "已修改 wushen 的密码" in capsys.readouterr().out
    monkeypatch.setenv("IPREG_PASSWORD", "乌审旗的新密码1")
    assert _run(path, "enterprise", "list", "--json", user="wushen") == 0
    assert {row["district"] for row in json.loads(capsys.readouterr().out)} == {"乌审旗"}


def test_user_list_shows_roles_last_sign_in_and_state_without_hashes(officer, capsys):
    path, _ = officer
    assert _run(path, "user", "list", "--json") == 0
    out = capsys.readouterr().out
    rows = {r["login"]: r for r in json.loads(out)}
    assert rows["wushen"]["district_name"] == "乌审旗" and rows["wushen"]["must_change_password"]
    assert rows["wushen"]["last_login_at"] is None and rows["admin"]["last_login_at"]
    assert "argon2" not in out and "hash" not in out
    assert _run(path, "user", "list") == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    # The same state words as the accounts page (one label in the accounts service): a new account must
    # change its password first.
    assert lines["wushen"].split()[4] == "须改密码" and rows["wushen"]["state"] == "须改密码"
    assert lines["admin"].split()[3:5] == ["市局", "在用"]


def test_a_locked_account_is_unlocked_by_enable_or_reset(officer, capsys, monkeypatch):
    path, password = officer
    monkeypatch.setenv("IPREG_PASSWORD", "wrong-password")
    for _ in range(5):
        assert _run(path, "passwd", user="wushen") == 1
    monkeypatch.setenv("IPREG_PASSWORD", password)
    assert _run(path, "passwd", user="wushen") == 1
    assert "暂时锁定" in capsys.readouterr().err
    monkeypatch.setenv("IPREG_PASSWORD", ADMIN)
    assert _run(path, "user", "reset-password", "wushen") == 0
    fresh = _one_time(capsys.readouterr().out)
    monkeypatch.setenv("IPREG_PASSWORD", fresh)
    monkeypatch.setenv("IPREG_NEW_PASSWORD", "乌审旗的新密码2")
    assert _run(path, "passwd", user="wushen") == 0


def test_disable_enable_edit_and_the_last_admin(officer, capsys, monkeypatch):
    path, _ = officer
    assert _run(path, "user", "disable", "wushen") == 0
    assert (
        _run(path, "user", "edit", "wushen", "--name", "乌审旗查看", "--role", "viewer", "--phone", "0477-1")
        == 0
    )
    assert _run(path, "user", "disable", "admin") == 1
    assert "不能停用自己的账号" in capsys.readouterr().err
    assert _run(path, "user", "edit", "admin", "--role", "city_reviewer") == 1
    assert "最后一位在用的市局管理员" in capsys.readouterr().err
    monkeypatch.setenv("IPREG_PASSWORD", "yanshi-2026")
    assert _run(path, "user", "disable", "admin", user="shenhe") == 1
    assert "只有市局管理员" in capsys.readouterr().err

    setup.open_register(path)
    user = accounts.get_user("wushen")
    assert (user.active, user.role, user.display_name, user.phone) == (
        False,
        "viewer",
        "乌审旗查看",
        "0477-1",
    )
    actions = [
        e.action for e in AuditLog.select().where(AuditLog.entity_id == user.id, AuditLog.entity == "user")
    ]
    assert actions == ["user.create", "user.deactivate", "user.update"]
    dbmod.close()
    monkeypatch.setenv("IPREG_PASSWORD", ADMIN)
    assert _run(path, "user", "enable", "wushen") == 0


def test_no_password_or_hash_reaches_settings_or_the_audit_trail(officer):
    path, password = officer
    setup.open_register(path)
    text = " ".join(f"{e.before} {e.after}" for e in AuditLog.select())
    hashes = [u.password_hash for u in User.select()]
    assert password not in text and "yanshi-2026" not in text and not any(h in text for h in hashes)
    assert "argon2" not in text and "scrypt" not in text
