"""What killed backups and restores leave behind is swept when the register is next opened (its folder) and
before a backup writes into a folder; a live operation's scratch files, in another process, are left alone; and
the `.replaced-….bak` of a restore that never replaced the register is removed, that of a completed one kept."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from app.models import Enterprise
from app.models import db as dbmod
from app.services.enterprises import register as enterprises
from app.services.system import backup
from app.services.system import database as setup
from tests.helpers.other_process import ROOT

# A backup at work in another process: its scratch copy claimed and half written, until it is killed.
_WRITER = """
import sys, time
from pathlib import Path
from app.models import db as dbmod
from app.services.system import scratch
with scratch.claimed(Path(sys.argv[2]), ".part") as staged:
    dbmod.copy_to_new_file(sys.argv[1], staged)
    Path(f"{staged}-journal").write_bytes(b"a journal the copy left")
    print(staged, flush=True)
    time.sleep(120)
"""


def _backup_at_work(register: Path, target: Path) -> tuple[subprocess.Popen, Path]:
    process = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(register), str(target)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    return process, Path(process.stdout.readline().strip())


def _kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".part" in p.name or ".restoring" in p.name)


def test_a_live_backups_scratch_file_is_left_alone_and_swept_once_its_process_was_killed(
    demo_db, demo_users, tmp_path
):
    path, _ = demo_db
    folder = tmp_path / "backups"
    process, staged = _backup_at_work(path, folder / "nightly.db")
    try:
        assert staged.is_file() and Path(f"{staged}.open").is_file()
        hours_ago = time.time() - 7200  # old enough for the age rule: only its claim keeps it
        for leftover in (staged, Path(f"{staged}-journal")):
            os.utime(leftover, (hours_ago, hours_ago))
        backup.backup(demo_users["admin"], folder / "b.db")  # sweeps the folder first
        setup.open_register(path)
        assert staged.is_file() and Path(f"{staged}-journal").is_file()  # its process is alive
    finally:
        _kill(process)
    backup.backup(demo_users["admin"], folder / "b2.db")
    assert _leftovers(folder) == [] and sorted(p.name for p in folder.iterdir()) == ["b.db", "b2.db"]


def test_a_killed_restores_staging_and_its_unused_kept_copy_are_swept_on_next_open(demo_db, demo_users, tmp_path):
    """A restore killed after keeping the register but before replacing it: the register is the old one, and
    the `.replaced-….bak` holds nothing else. Both files are new (minutes old): no age rule removes them."""
    path, _ = demo_db
    admin = demo_users["admin"]
    copy = backup.backup(admin, tmp_path / "backups" / "b.db")
    staging = dbmod.temp_path_beside(path, ".restoring")
    dbmod.copy_to_new_file(copy, staging)
    Path(f"{staging}-journal").write_bytes(b"hot journal")
    kept = path.with_name(f"{path.stem}.replaced-20261203-101010.bak")
    dbmod.close()
    with dbmod.ExclusiveHold(path) as held:  # as the restore keeps the register: under its exclusive hold
        held.copy_to(kept)
    setup.open_register(path)
    victim = Enterprise.select().first()
    enterprises.update(admin, victim.id, {"legal_representative": "恢复中断之后的修改"})  # life goes on
    setup.open_register(path)
    assert not staging.exists() and not Path(f"{staging}-journal").exists()
    assert not kept.exists()
    assert Enterprise.get_by_id(victim.id).legal_representative == "恢复中断之后的修改"


def test_the_kept_copy_of_a_completed_restore_stays(demo_db, demo_users, tmp_path):
    path, _ = demo_db
    admin = demo_users["admin"]
    copy = backup.backup(admin, tmp_path / "backups" / "b.db")
    victim = Enterprise.select().first()
    enterprises.update(admin, victim.id, {"legal_representative": "只在被替换的数据库里"})
    kept = backup.restore(admin, copy)
    setup.open_register(path)
    assert kept.is_file()
    assert Enterprise.get_by_id(victim.id).legal_representative != "只在被替换的数据库里"
    assert sorted(p.name for p in path.parent.glob("*.replaced-*.bak")) == [kept.name]
