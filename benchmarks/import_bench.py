"""Benchmark: importing 10,000 enterprises from xlsx (and the same rows as .xls), against calamine's read.

    python benchmarks/import_bench.py [--rows 10000] [--xls]

The floor is the least any importer must do: python-calamine reading the same file's first sheet into Python
values, measured in the same run. The import reads, cleans, validates, compares with the register and commits
in one transaction, then indexes the new rows for search. Goals (issue 15): all new ≤ 4× the floor, a re-import
of the same file (everything unchanged) ≤ 3×. Printed as app / floor / ratio, in wall-clock seconds and in CPU
seconds of this process (steadier when other work shares the machine).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

import python_calamine

if __package__ in (None, ""):  # run as a script from the repository root (as run.py --import does)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.services.core import reference  # noqa: E402
from app.services.enterprises import import_xlsx as enterprise_import  # noqa: E402
from app.services.enterprises.export_xlsx import SHEET_TITLE, table_columns  # noqa: E402
from app.services.io.xlsx_writer import write_table  # noqa: E402
from app.services.system import database as setup  # noqa: E402
from app.services.system.demo import _PLACES, _TRADES, make_uscc  # noqa: E402
from benchmarks.timing import timed_cpu  # noqa: E402


def make_file(path: Path, rows: int, seed: int = 5, district: str | None = None) -> None:
    """`rows` enterprises in random districts, or all in `district` (its name)."""
    rng = random.Random(seed)
    districts = [district] if district else [d.name for d in reference.districts()]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--xls", action="store_true", help="also time the same rows saved as .xls")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    path = folder / "enterprises.xlsx"
    setup.initialise(folder / "seed.db", "benchpass123")  # the district list make_file draws from
    make_file(path, args.rows)
    books = [path]
    if args.xls:
        from tests.helpers.xls import save_as_xls

        books.append(save_as_xls(path, folder / "enterprises.xls"))
    print(f"{args.rows:,} rows; floor best of 3          wall: app   floor  ratio   CPU: app   floor  ratio  goal")
    for number, book in enumerate(books):
        admin = setup.initialise(folder / f"bench{number}.db", "benchpass123").admin
        floors = [timed_cpu(lambda book=book: calamine_read(book)) for _ in range(3)]
        floor = (min(f[0] for f in floors), min(f[1] for f in floors))
        first = timed_cpu(lambda book=book, admin=admin: enterprise_import.import_enterprises(admin, book))
        again = timed_cpu(lambda book=book, admin=admin: enterprise_import.import_enterprises(admin, book))
        kind = book.suffix + f" ({book.stat().st_size / 1024:.0f} KiB)"
        for label, app, goal in (("import, all new     ", first, 4), ("re-import, unchanged", again, 3)):
            print(f"{label} {kind:16} {app[0]:7.2f} {floor[0]:7.3f} {app[0] / floor[0]:6.2f}"
                  f"     {app[1]:7.2f} {floor[1]:7.3f} {app[1] / floor[1]:6.2f}   {goal}")  # fmt: skip


def calamine_read(path: Path) -> int:
    """The floor: python-calamine reading the first sheet into Python values."""
    with path.open("rb") as fh:
        workbook = python_calamine.CalamineWorkbook.from_filelike(fh)
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    workbook.close()
    return len(rows)


if __name__ == "__main__":
    main()
