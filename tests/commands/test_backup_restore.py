"""`backup` and `restore` on the command line: each refusal is one Chinese line and exit status 1, no traceback."""

import hashlib
import shutil
import sqlite3

import pytest

from app.cli import main
from app.models import db as dbmod
from app.models.migrations import LATEST_VERSION
from tests.helpers.other_process import other_instance


def run(capsys, *argv) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def assert_refused(result, message: str) -> None:
    status, out, err = result
    assert status == 1 and out == ""
    assert err.startswith("错误：") and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.fixture
def cli_backup(cli_db, tmp_path, capsys):
    path, _ = cli_db
    copy = tmp_path / "copy.db"
    assert run(capsys, "--db", str(path), "backup", str(copy))[0] == 0
    return copy


def test_restore_of_the_register_onto_itself_is_refused(cli_db, cli_backup, capsys, monkeypatch):
    path, _ = cli_db
    monkeypatch.chdir(path.parent)
    before = len(list(path.parent.iterdir()))
    for source in (str(path), f"./{path.name}"):
        assert_refused(run(capsys, "--db", str(path), "restore", source), "就是当前正在使用的数据库")
    assert len(list(path.parent.iterdir())) == before
    assert run(capsys, "--db", str(path), "enterprise", "list", "--json")[0] == 0


def test_restore_while_another_instance_has_the_register_open_is_refused(cli_db, cli_backup, capsys):
    path, _ = cli_db
    with other_instance(path) as other:
        assert_refused(run(capsys, "--db", str(path), "restore", str(cli_backup)), "正被其他窗口或命令打开")
        assert other.enterprises == 40
    assert not list(path.parent.glob("*.replaced-*.bak"))


def test_restore_of_a_newer_version_is_refused(cli_db, cli_backup, capsys):
    path, _ = cli_db
    conn = sqlite3.connect(cli_backup)
    conn.execute(
        "INSERT INTO schema_info (version, applied_at, note) VALUES (?, '2030-01-01', '')",
        (LATEST_VERSION + 5,),
    )
    conn.commit()
    conn.close()
    assert_refused(run(capsys, "--db", str(path), "restore", str(cli_backup)), "更新版本的程序")
    assert_refused(
        run(capsys, "--db", str(path), "restore", str(path.parent / "nowhere.db")), "找不到备份文件"
    )


@pytest.mark.parametrize("login", ["chakan", "dongsheng"])
def test_backup_and_restore_by_a_viewer_or_district_officer_are_refused(
    login, cli_db, cli_backup, capsys, monkeypatch, tmp_path
):
    path, passwords = cli_db
    monkeypatch.setenv("IPREG_PASSWORD", passwords[login])
    target = tmp_path / "mine.db"
    assert_refused(run(capsys, "--db", str(path), "--user", login, "backup", str(target)), "只有市局管理员")
    assert_refused(
        run(capsys, "--db", str(path), "--user", login, "restore", str(cli_backup)), "只有市局管理员"
    )
    assert not target.exists()


def test_backup_then_restore_says_where_the_replaced_register_is(cli_db, cli_backup, capsys):
    path, _ = cli_db
    status, out, _ = run(capsys, "--db", str(path), "restore", str(cli_backup))
    kept = next(path.parent.glob("*.replaced-*.bak"))
    assert status == 0 and str(kept) in out
    assert dbmod.integrity_check(kept) == "ok"


def test_a_backup_outside_the_data_folder_needs_a_passphrase_from_the_environment(
    cli_db, tmp_path_factory, capsys, monkeypatch
):
    path, _ = cli_db
    usb = tmp_path_factory.mktemp("usb")
    status, out, err = run(capsys, "--db", str(path), "backup", str(usb / "a.db"))
    assert (status, out) == (2, "") and "必须加密" in err and "--passphrase-env" in err  # no terminal to ask at
    assert not (usb / "a.db").exists()
    monkeypatch.setenv("IPR_BACKUP_PASS", "口令-Backup-9")
    status, out, _ = run(capsys, "--db", str(path), "backup", str(usb / "a.ipbak"), "--passphrase-env",
                         "IPR_BACKUP_PASS")  # fmt: skip
    assert status == 0 and "已加密" in out
    status, out, err = run(capsys, "--db", str(path), "restore", str(usb / "a.ipbak"))
    assert (status, out) == (2, "") and "是加密备份" in err and "未作任何改动" in err
    status, out, _ = run(capsys, "--db", str(path), "restore", str(usb / "a.ipbak"), "--passphrase-env",
                         "IPR_BACKUP_PASS")  # fmt: skip
    assert status == 0 and "原数据库另存为" in out
    assert run(capsys, "--db", str(path), "backup", str(usb / "b.db"), "--unencrypted")[0] == 0


def test_restore_of_another_installations_backup_is_refused_and_the_city_admin_still_signs_in(
    cli_db, district_template, tmp_path, capsys
):
    path, _ = cli_db
    district = tmp_path / "d1.db"
    shutil.copyfile(district_template[0], district)
    before = hashlib.sha256(district.read_bytes()).hexdigest()
    assert_refused(
        run(capsys, "--db", str(path), "restore", str(district)),
        "该备份来自“鄂尔多斯市东胜区市场监督管理局”，"
        "不是本机“鄂尔多斯市市场监督管理局（知识产权局）”的备份，未作任何改动",
    )
    assert hashlib.sha256(district.read_bytes()).hexdigest() == before
    assert not list(path.parent.glob("*.replaced-*.bak"))
    assert run(capsys, "--db", str(path), "backup", str(tmp_path / "after.db"))[0] == 0  # admin still in
