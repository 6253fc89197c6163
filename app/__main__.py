"""`python -m app`: the window without arguments, the command line with them, `--self-test` for the IT desk."""

import sys

if __name__ == "__main__":
    # Hidden from --help: checked before the command line is even imported, so it runs the same in a frozen build.
    if sys.argv[1:] == ["--self-test"]:
        from app.self_test import main as self_test

        sys.exit(self_test())
    from app.cli import main

    sys.exit(main())
