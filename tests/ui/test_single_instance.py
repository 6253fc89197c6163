"""One window per database: a second start wakes the first, or is told where the register is open."""

import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from app.ui import startup
from app.ui.single_instance import InstanceServer, server_name, wake_running

ROOT = Path(__file__).resolve().parents[2]
HOLD = "import sys; from app.services.system import open_lock; l = open_lock.acquire(sys.argv[1]); print('held', flush=True); sys.stdin.read()"  # noqa: E501


def test_a_second_start_wakes_the_first_window(qtbot, tmp_path):
    db = tmp_path / "register.db"
    server = InstanceServer(db)
    try:
        assert server.listening
        with qtbot.waitSignal(server.wake, timeout=5000):
            assert wake_running(tmp_path / "." / "register.db")  # another spelling of the same file
        assert not wake_running(tmp_path / "other.db")
    finally:
        server.close()
    assert not wake_running(db)
    assert server_name(db) != server_name(tmp_path / "other.db")


def test_claim_wakes_a_running_window_instead_of_opening(qtbot, tmp_path, capsys):
    db = tmp_path / "register.db"
    server = InstanceServer(db)
    try:
        with qtbot.waitSignal(server.wake, timeout=5000):
            assert startup.claim_database(db) is None
        assert "已在本机的另一个窗口中打开" in capsys.readouterr().out
    finally:
        server.close()


def test_claim_names_where_the_register_is_open(qapp, tmp_path, monkeypatch):
    """The lock held by a process with no window to wake (as a window on another PC would be): a message."""
    db = tmp_path / "register.db"
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append((title, text)))
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "held"
        assert startup.claim_database(db) is None
    finally:
        child.stdin.close()
        child.wait(timeout=30)
    assert said and said[0][0] == "数据库正在使用"
    assert str(db) in said[0][1] and f"进程 {child.pid}" in said[0][1]
    hold = startup.claim_database(db)
    assert hold is not None
    hold.release()
