"""Lets the excel tests import their workbook builders (messy.py) by module name."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
