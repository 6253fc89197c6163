"""Starting the window: platform check, Qt translations, opening the database, first run, login, main window.

Qt-free at import, and so is `window_arguments`: `python -m app` decides here, before the command line's modules
(every command and the services behind them, about a second frozen) are imported, that it is to show the window.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.ui.platform_check import missing_xcb_libraries, platform_help


class _NotTheWindow(Exception):
    pass


class _WindowParser(argparse.ArgumentParser):
    def error(self, message):
        raise _NotTheWindow(message)


def window_arguments(argv: list[str]) -> argparse.Namespace | None:
    """(db, demo) when `argv` asks for the window — only the global options app.cli accepts without a command —
    else None: a command, --help, --version or a mistake, all of which app.cli answers as before."""
    parser = _WindowParser(add_help=False)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--user")  # accepted by app.cli without a command, where the window ignores it too
    try:
        args, rest = parser.parse_known_args(argv)
    except _NotTheWindow:
        return None
    if rest:
        return None
    if args.db is None:
        from app.paths import default_database_path

        args.db = default_database_path()
    return args


def run_gui(db_path: Path, demo: bool = False) -> int:
    """The window's entry point (app.__main__, or app.cli without a subcommand); returns the exit status."""
    missing = missing_xcb_libraries(sys.platform, os.environ)
    if missing:
        print(platform_help(missing), file=sys.stderr)
        return 1
    # Qt is imported only now: the check above must run even where Qt itself cannot start.
    from app.ui.startup import start

    return start(Path(db_path), demo)
