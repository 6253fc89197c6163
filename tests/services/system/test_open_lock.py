"""The open lock beside a register: a second holder learns who has it, and a process's end releases it."""

import socket
import subprocess
import sys
from pathlib import Path

from app.services.system import open_lock

ROOT = Path(__file__).resolve().parents[3]
HOLD = "import sys; from app.services.system import open_lock; l = open_lock.acquire(sys.argv[1]); print(type(l).__name__, flush=True); sys.stdin.read()"  # noqa: E501


def test_a_second_process_is_told_who_holds_the_register(tmp_path):
    db = tmp_path / "register.db"
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "OpenLock"
        found = open_lock.acquire(db)
        assert isinstance(found, open_lock.Holder)
        assert (found.host, found.pid, found.here) == (socket.gethostname(), child.pid, True)
        assert "本机的另一个窗口" in found.describe() and str(child.pid) in found.describe()
    finally:
        child.stdin.close()
        child.wait(timeout=30)
    again = open_lock.acquire(db)  # the child ended without releasing: the OS did
    assert isinstance(again, open_lock.OpenLock)
    again.release()
    assert open_lock.lock_path(db).name == "register.db.open"


def test_another_pc_is_named(tmp_path):
    holder = open_lock.Holder("BUREAU-PC-07", 4242, "2026-12-03 09:15")
    assert not holder.here
    assert holder.describe() == "另一台电脑“BUREAU-PC-07”（自 2026-12-03 09:15 起，进程 4242）"
