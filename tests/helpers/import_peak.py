"""Run one enterprise import in a process of its own and print its outcome and peak memory as JSON.

`python -m tests.helpers.import_peak REGISTER WORKBOOK MAX_UNCOMPRESSED_MB MAX_CELLS`. A test reads the peak
resident size of this process alone: Linux's VmHWM, which starts afresh at exec (`ru_maxrss` does not: it
keeps the test process's size at the fork). The address space is capped, so a reader that materialises a bomb fails here instead of swapping the
machine.
"""

import json
import resource
import sys
from pathlib import Path

ADDRESS_SPACE = 6 * 1024**3


def peak_kib() -> int:
    try:
        status = Path("/proc/self/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))
    except (OSError, StopIteration, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main(register: str, workbook: str, uncompressed_mb: str, cells: str) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    from app.models import Enterprise
    from app.services.accounts import users as accounts
    from app.services.core import settings
    from app.services.core.errors import DomainError
    from app.services.enterprises import import_xlsx
    from app.services.system import database as setup

    setup.open_register(Path(register))
    admin = accounts.get_user("admin")
    settings.set_value(admin, "import.max_uncompressed_mb", int(uncompressed_mb))
    settings.set_value(admin, "import.max_cells", int(cells))
    before = peak_kib()
    try:
        plan = import_xlsx.import_enterprises(admin, Path(workbook))
        outcome = {"refused": None, "created": sum(p.action == "create" for p in plan.rows)}
    except DomainError as refusal:
        outcome = {"refused": str(refusal)}
    outcome.update(
        enterprises=Enterprise.select().count(),
        ready_kib=before,
        peak_kib=peak_kib(),
    )
    print(json.dumps(outcome, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:])
