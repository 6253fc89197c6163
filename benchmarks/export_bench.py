"""Benchmark: exporting enterprises to xlsx, against openpyxl write-only writing the same rows plainly.

    python benchmarks/export_bench.py [--rows 100000]

The floor is the least any export must do: a write-only openpyxl workbook appending the same row values
(already in memory, no styles), measured in the same run. The app reads the register in pages, builds each
row and writes it with the shared column styles. Goal (issue 15): ≤ 1.5× the floor. Printed as
app / floor / ratio; "write only" is the app's writer alone on the same values, without the database.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_bench import make_file  # noqa: E402

from app.services.enterprises import export_xlsx as enterprise_export  # noqa: E402
from app.services.enterprises import import_xlsx as enterprise_import  # noqa: E402
from app.services.io.xlsx_writer import write_table  # noqa: E402
from app.services.system import database as setup  # noqa: E402
from benchmarks.timing import timed


def floor_write(path: Path, rows: list[list]) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(enterprise_export.SHEET_TITLE)
    sheet.append([c.header for c in enterprise_export.table_columns()])
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    admin = setup.initialise(folder / "bench.db", "benchpass123").admin
    source = folder / "in.xlsx"
    make_file(source, args.rows)
    enterprise_import.import_enterprises(admin, source)
    ids = enterprise_export.search_ids(admin, enterprise_export.EnterpriseQuery())
    rows = list(enterprise_export._rows(ids))
    columns = enterprise_export.table_columns()
    floor = min(timed(lambda: floor_write(folder / "floor.xlsx", rows)) for _ in range(2))
    writer = min(
        timed(lambda: write_table(folder / "w.xlsx", "企业信息", columns, iter(rows))) for _ in range(2)
    )
    app = min(
        timed(lambda: enterprise_export.export_enterprises(admin, folder / "out.xlsx")) for _ in range(2)
    )
    print(f"{args.rows:,} enterprises; seconds, best of 2       app    floor   ratio  goal")
    print(f"export (register → xlsx)              {app:7.2f} {floor:7.2f} {app / floor:6.2f}   1.5")
    print(f"write only (same values, styled)      {writer:7.2f} {floor:7.2f} {writer / floor:6.2f}")


if __name__ == "__main__":
    main()
