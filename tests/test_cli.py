"""The command line, run in-process on real database files (and once as a real subprocess)."""

import json
import subprocess
import sys
from pathlib import Path

from app.cli import main
from app.models import db as dbmod
from tests.helpers.cli import printed_demo_accounts

PASSWORD = "adminpass123"
ROOT = Path(__file__).resolve().parent.parent


def test_list_json_is_utf8_and_scoped_by_user(cli_db, capsys, monkeypatch):
    path, passwords = cli_db
    assert main(["--db", str(path), "enterprise", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 40
    monkeypatch.setenv("IPREG_PASSWORD", passwords["dongsheng"])
    assert main(["--db", str(path), "--user", "dongsheng", "enterprise", "list", "--json"]) == 0
    out = capsys.readouterr().out
    assert "东胜区" in out and "\\u" not in out
    assert {row["district"] for row in json.loads(out)} == {"东胜区"}


def test_list_by_district_and_show(cli_db, capsys):
    path, _ = cli_db
    assert main(["--db", str(path), "enterprise", "list", "--district", "150621", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {r["district"] for r in rows} == {"达拉特旗"}
    assert main(["--db", str(path), "enterprise", "show", rows[0]["uscc"].lower(), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["id"] == rows[0]["id"] and shown["district"]["code"] == "150621" and shown["contacts"]


def test_other_district_is_refused_with_exit_1(cli_db, capsys, monkeypatch):
    path, passwords = cli_db
    assert main(["--db", str(path), "enterprise", "list", "--district", "150621", "--json"]) == 0
    uscc = json.loads(capsys.readouterr().out)[0]["uscc"]
    monkeypatch.setenv("IPREG_PASSWORD", passwords["dongsheng"])
    assert main(["--db", str(path), "--user", "dongsheng", "enterprise", "show", uscc]) == 1
    assert f"没有统一社会信用代码为 {uscc} 的企业" in capsys.readouterr().err


def test_wrong_password_exit_1_and_bad_usage_exit_2(cli_db, capsys, monkeypatch):
    path, _ = cli_db
    monkeypatch.setenv("IPREG_PASSWORD", "wrong-password")
    assert main(["--db", str(path), "enterprise", "list"]) == 1
    assert "登录名或密码不正确" in capsys.readouterr().err
    assert main(["--db", str(path), "enterprise", "frobnicate"]) == 2
    assert main(["--db", str(path), "enterprise", "show", "X", "--bogus"]) == 2


def test_init_demo_prints_the_demo_accounts_and_they_log_in(tmp_path, capsys, monkeypatch):
    # The `cli_db` fixture copies a database made once per run; this test really runs `init --demo` itself.
    path = tmp_path / "demo.db"
    monkeypatch.setenv("IPREG_PASSWORD", PASSWORD)
    assert main(["--db", str(path), "init", "--demo"]) == 0
    out = capsys.readouterr().out
    assert f"已初始化数据库：{path}" in out and "演示账号（登录名 / 密码）：" in out
    passwords = printed_demo_accounts(out)
    assert set(passwords) == {"shenhe", "dongsheng", "dalate", "chakan"}
    monkeypatch.setenv("IPREG_PASSWORD", passwords["dalate"])
    assert main(["--db", str(path), "--user", "dalate", "enterprise", "list", "--json"]) == 0
    assert {row["district"] for row in json.loads(capsys.readouterr().out)} == {"达拉特旗"}


def test_init_twice_and_without_password(tmp_path, capsys, monkeypatch):
    path = tmp_path / "x.db"
    monkeypatch.delenv("IPREG_PASSWORD", raising=False)
    assert main(["--db", str(path), "init"]) == 1
    assert "IPREG_PASSWORD" in capsys.readouterr().err
    monkeypatch.setenv("MYPW", "secret-pass-1")
    assert main(["--db", str(path), "init", "--admin-password-env", "MYPW"]) == 0
    assert main(["--db", str(path), "init", "--admin-password-env", "MYPW"]) == 1
    assert "已经初始化" in capsys.readouterr().err


def test_backup_and_restore(cli_db, tmp_path, capsys):
    path, _ = cli_db
    copy = tmp_path / "copy.db"
    assert main(["--db", str(path), "backup", str(copy)]) == 0
    assert dbmod.integrity_check(copy) == "ok"
    assert main(["--db", str(path), "restore", str(copy)]) == 0
    assert "原数据库另存为" in capsys.readouterr().out
    assert main(["--db", str(path), "enterprise", "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 40


def test_module_entry_point_runs_as_a_process(tmp_path):
    env = {"IPREG_PASSWORD": PASSWORD, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    db = str(tmp_path / "p.db")
    init = subprocess.run(
        [sys.executable, "-m", "app", "--db", db, "init"], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert init.returncode == 0, init.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "app", "--db", db, "enterprise", "list"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert listed.returncode == 0 and "共 0 家" in listed.stdout
