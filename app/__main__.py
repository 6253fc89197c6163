"""`python -m app`: the window without arguments, the command line with them."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
