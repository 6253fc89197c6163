"""`backup` and `restore` ask for the backup passphrase on a terminal (typed twice for a new backup, checked
like the dialogs), and without a terminal say which option to use instead (exit status 2)."""

from app.services.system import backup_crypto
from tests.helpers.terminal import run_on_terminal

PASSPHRASE = "口令-Backup-9"


def test_a_backup_leaving_the_data_folder_asks_twice_and_restore_asks_once(cli_db, tmp_path_factory):
    path, _ = cli_db
    usb = tmp_path_factory.mktemp("usb")
    target = usb / "copy.ipbak"
    status, shown = run_on_terminal(
        ["--db", str(path), "backup", str(target)],
        [("备份口令：", PASSPHRASE), ("再次输入备份口令：", PASSPHRASE)],
    )
    assert status == 0, shown
    assert "已加密" in shown and PASSPHRASE not in shown  # never echoed
    assert backup_crypto.is_encrypted(target)

    status, shown = run_on_terminal(
        ["--db", str(path), "restore", str(target)], [("备份口令：", "wrong-口令-1")]
    )
    assert status == 1 and "口令不正确" in shown
    assert "再次输入" not in shown  # a restore asks once
    status, shown = run_on_terminal(["--db", str(path), "restore", str(target)], [("备份口令：", PASSPHRASE)])
    assert status == 0 and "原数据库另存为" in shown, shown


def test_two_different_entries_make_no_backup(cli_db, tmp_path_factory):
    path, _ = cli_db
    target = tmp_path_factory.mktemp("usb") / "copy.ipbak"
    status, shown = run_on_terminal(
        ["--db", str(path), "backup", str(target)],
        [("备份口令：", PASSPHRASE), ("再次输入备份口令：", PASSPHRASE + "x")],
    )
    assert status == 1 and "两次输入的备份口令不一致" in shown
    assert not target.exists()


def test_a_plain_backup_inside_the_data_folder_asks_nothing(cli_db):
    path, _ = cli_db
    target = path.parent / "backups" / "plain.db"
    target.parent.mkdir()
    status, shown = run_on_terminal(["--db", str(path), "backup", str(target)], [])
    assert status == 0 and "口令" not in shown and "已加密" not in shown
    assert target.exists() and not backup_crypto.is_encrypted(target)
