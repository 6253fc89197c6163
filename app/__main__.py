"""`python -m app`: the window without arguments, the command line with them, `--self-test` for the IT desk."""

import sys


def main() -> int:
    # Hidden from --help: checked before the command line is even imported, so it runs the same in a frozen build.
    if sys.argv[1:] == ["--self-test"]:
        from app.self_test import main as self_test

        return self_test()
    # The window skips importing the command line (every command and its services): the login window comes first.
    from app.ui.launch import run_gui, window_arguments

    window = window_arguments(sys.argv[1:])
    if window is not None:
        return run_gui(window.db, demo=window.demo)
    from app.cli import main as cli

    return cli()


if __name__ == "__main__":
    sys.exit(main())
