"""Frozen start-up: time to the login window of the built app vs a bare frozen PySide6 window, and folder sizes.

    python benchmarks/frozen_start.py [--app dist/IPProtectionRegister] [--runs 5]

Without --app the app is built from build_installer.spec into a temporary folder; the bare window is always
built there (same PyInstaller, one-folder). Both run offscreen in a clean environment. The login window is
timed with IPREG_START_PROBE=1, which closes it as soon as it is shown. Wall and CPU time (user + system
of the child) are both reported: on a busy machine the CPU ratio is the steadier one. Page-cache drops need root; without
them the first run is the coldest available and is reported separately from the median of the rest.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
label = QLabel("知识产权")
label.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""
TARGET_RATIO = 2.5


def build_app(work: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR", "--distpath", str(work / "dist"),
         "--workpath", str(work / "build"), str(ROOT / "build_installer.spec")],
        cwd=ROOT, check=True,
    )  # fmt: skip
    return next((work / "dist").iterdir())


def build_bare(work: Path) -> Path:
    script = work / "bare.py"
    script.write_text(BARE, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR", "--onedir", "--name", "bare",
         "--distpath", str(work / "bare-dist"), "--workpath", str(work / "bare-build"), "--specpath", str(work),
         str(script)],
        cwd=work, check=True,
    )  # fmt: skip
    return work / "bare-dist" / "bare"


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen", **extra}


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def timed(command: list[str], env: dict[str, str], cwd: Path, cold: bool) -> tuple[float, float]:
    """(wall seconds, CPU seconds): the child's user + system time is what a busy machine distorts least."""
    if cold:
        drop_caches()
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command[0]} ended with status {os.waitstatus_to_exitcode(status)}")
    return wall, usage.ru_utime + usage.ru_stime


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", type=Path, help="an already built app folder (dist/<name>)")
    parser.add_argument("--bare", type=Path, help="an already built bare window folder (kept from a run before)")
    parser.add_argument("--keep-bare", type=Path, help="copy the bare window folder here, for --bare next time")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="frozen-start-") as scratch:
        work = Path(scratch)
        app_dir = args.app.resolve() if args.app else build_app(work)
        bare_dir = args.bare.resolve() if args.bare else build_bare(work)
        if args.keep_bare and not args.bare:
            shutil.copytree(bare_dir, args.keep_bare, symlinks=True, dirs_exist_ok=True)
        app_exe, bare_exe = app_dir / app_dir.name, bare_dir / "bare"
        home = work / "home"
        home.mkdir()
        db = work / "register.db"
        env = clean_env(home, IPREG_PASSWORD="Bench-2026-start")
        subprocess.run([str(app_exe), "--db", str(db), "init", "--demo"], env=env, cwd=work, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        probe = clean_env(home, IPREG_START_PROBE="1")
        cold = drop_caches()
        commands = {
            "bare PySide6 window": ([str(bare_exe)], clean_env(home)),
            "app login window": ([str(app_exe), "--db", str(db)], probe),
        }
        # Alternated run by run, so a change in the machine's load falls on both alike.
        runs = {label: [timed(command, env_, work, cold)] for label, (command, env_) in commands.items()}
        for _ in range(max(args.runs - 1, 1)):
            for label, (command, env_) in commands.items():
                runs[label].append(timed(command, env_, work, cold))
        results = {
            label: (times[0], statistics.median(t[0] for t in times[1:]), statistics.median(t[1] for t in times[1:]))
            for label, times in runs.items()
        }
        print(f"page cache dropped before each run: {'yes' if cold else 'no (needs root): first run = coldest'}")
        for label, (first, wall, cpu) in results.items():
            print(f"{label:22s} first {first[0]:6.2f} s   median of {max(args.runs - 1, 1)}: "
                  f"wall {wall:6.2f} s, CPU {cpu:6.2f} s")  # fmt: skip
        app_, bare = results["app login window"], results["bare PySide6 window"]
        ratio, cpu_ratio = app_[1] / bare[1], app_[2] / bare[2]
        print(f"ratio app/bare (median): wall {ratio:.2f}, CPU {cpu_ratio:.2f} (target ≤ {TARGET_RATIO})")
        print(f"folder size: app {size_mb(app_dir):.0f} MB, bare {size_mb(bare_dir):.0f} MB")
        return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
