"""Benchmark: importing 10,000 enterprises from xlsx, as a ratio against openpyxl merely reading the file.

    python benchmarks/import_bench.py [--rows 10000]

The baseline is the least any importer must do: open the same workbook in read-only mode and iterate its
values. The import reads, cleans, validates, compares with the register and commits in one transaction.
Aim: ≤ 2× the baseline. A re-import of the same file (everything unchanged) is timed too.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import openpyxl

from app.services.core import reference
from app.services.enterprises import import_xlsx as enterprise_import
from app.services.enterprises.export_xlsx import SHEET_TITLE, table_columns
from app.services.io.xlsx_writer import write_table
from app.services.system import database as setup
from app.services.system.demo import _PLACES, _TRADES, make_uscc


def make_file(path: Path, rows: int, seed: int = 5) -> None:
    rng = random.Random(seed)
    districts = [d.name for d in reference.districts()]
    seen: set[str] = set()

    def row(i: int) -> list:
        code = make_uscc(rng, "150621")
        while code in seen:
            code = make_uscc(rng, "150621")
        seen.add(code)
        trade = rng.choice(list(_TRADES))
        section, division, products = _TRADES[trade]
        return [code, f"鄂尔多斯市{rng.choice(_PLACES)}{trade}{i}有限公司", "企业", rng.choice(districts),
                "内蒙古鄂尔多斯市", "", "王伟", f"2015-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", 500, section,
                division, "中型", products, 1000, 100, "张敏", "0477-8160875", "13912345678", "ip@example.com", 2025,
                rng.randint(0, 30), rng.randint(0, 30), 2, rng.randint(0, 80), 0, 0, 3, "否", "否", "否"]  # fmt: skip

    write_table(path, SHEET_TITLE, table_columns(), (row(i) for i in range(rows)))


def timed(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    admin = setup.initialise(folder / "bench.db", "benchpass123").admin
    path = folder / "enterprises.xlsx"
    make_file(path, args.rows)

    def read_only():
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for _ in workbook.worksheets[0].iter_rows(values_only=True):
            pass
        workbook.close()

    baseline = min(timed(read_only) for _ in range(3))
    first = timed(lambda: enterprise_import.import_enterprises(admin, path))
    again = timed(lambda: enterprise_import.import_enterprises(admin, path))
    print(f"{args.rows:,} rows ({path.stat().st_size / 1024:.0f} KiB)")
    print(f"openpyxl read-only read : {baseline:6.2f} s")
    print(f"import (all new)        : {first:6.2f} s   ratio {first / baseline:5.2f}")
    print(f"re-import (unchanged)   : {again:6.2f} s   ratio {again / baseline:5.2f}")


if __name__ == "__main__":
    main()
