"""Another running instance of the program: a real child process that opens the register and keeps it open."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

_HOLDER = """
import sys
from app.models import Enterprise
from app.services.system import database as setup
setup.open_register(sys.argv[1])
print(Enterprise.select().count(), flush=True)
for line in sys.stdin:
    print(Enterprise.get_by_id(int(line)).legal_representative, flush=True)
"""


class OtherInstance:
    """Reads through its own open connection: `legal_representative(id)` is what that instance sees."""

    def __init__(self, process: subprocess.Popen):
        self.process = process
        self.enterprises = int(process.stdout.readline())

    def legal_representative(self, enterprise_id: int) -> str:
        self.process.stdin.write(f"{enterprise_id}\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().rstrip("\n")


@contextmanager
def other_instance(path: Path):
    """Open `path` in a child process through the app's open function; closed when the block ends."""
    process = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8",
    )  # fmt: skip
    try:
        yield OtherInstance(process)
    finally:
        process.stdin.close()
        process.wait(timeout=30)
