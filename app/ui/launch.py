"""Starting the window: platform check, Qt translations, opening the database, first run, login, main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.ui.platform_check import missing_xcb_libraries, platform_help


def run_gui(db_path: Path, demo: bool = False) -> int:
    """The window's entry point, called by app.cli without a subcommand; returns the exit status."""
    missing = missing_xcb_libraries(sys.platform, os.environ)
    if missing:
        print(platform_help(missing), file=sys.stderr)
        return 1
    # Qt is imported only now: the check above must run even where Qt itself cannot start.
    from app.ui.startup import start

    return start(Path(db_path), demo)
