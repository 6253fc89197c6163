"""Benchmark: a district's changed records sent to the city and received there, against a raw copy of the same rows.

    python -m benchmarks.exchange_bench [--enterprises 500] [--attachments 50] [--work import|month]
    python -m benchmarks.exchange_bench --enterprises 10000 --attachments 1000    # the issue's size

`import` (default): the district imports N enterprises from its workbook (each with a contact and IP counts) and
attaches M files to them, the bulk of a first exchange. `month`: with the city's reference data received, it does
everything an office does for each of N enterprises (contact, IP counts, application recommended, visit with
follow-up, training with attendance, questionnaire response, case with parties) and attaches M files to the
visits: every kind, but slow to prepare for large N. The app sends one package (change log, vectors, signature,
encryption) and the city receives it (checks, per-field merge, audit). The floor is the least any transfer must
do: the same rows read with plain `sqlite3`, written to a zip as JSON with the same files, then read back and
inserted into an empty copy of the same tables. Printed as seconds for app / floor / ratio, and the package's
size against the floor zip's. Preparing the data is not timed.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import tempfile
import zipfile
from pathlib import Path

from app.models import Attachment, Enterprise, Visit
from app.services.core import attachments
from app.services.enterprises import import_xlsx
from app.services.exchange import receive, send
from app.services.exchange.kinds import KINDS
from app.services.liaison import visits
from app.services.system import database as setup
from benchmarks import exchange_work as work
from benchmarks.import_bench import make_file
from benchmarks.timing import timed

DISTRICT = "dalate"


def _scan(folder: Path, n: int) -> Path:
    source = folder / f"扫描件{n}.pdf"
    source.write_bytes(b"%PDF-1.4\n" + os.urandom(20_000) + b"\n%%EOF\n")
    return source


def district_month(folder: Path, enterprises: int, files: int) -> dict[str, work.Site]:
    built = {name: work.Site(name, path) for name, path in work.build(folder).items()}
    work.city_reference(built["city"].use())
    work.ship(built["city"], built[DISTRICT], folder, "reference.ipx")
    admin = built[DISTRICT].use()
    for n in range(enterprises):
        work.district_enterprise(admin, work.SCOPES[DISTRICT], f"基准企业{n:05d}", work.DAY, recommend=n < 8)
    visit_ids = [v.id for v in Visit.select(Visit.id).order_by(Visit.id)]
    for n in range(files):
        visits.attach_file(admin, visit_ids[n % len(visit_ids)], _scan(folder, n))
    setup.release_connection()
    return built


def district_import(folder: Path, enterprises: int, files: int) -> dict[str, work.Site]:
    built = {name: work.Site(name, path) for name, path in work.build(folder).items()}
    admin = built[DISTRICT].use()
    book = folder / "enterprises.xlsx"
    make_file(book, enterprises, district="达拉特旗")
    plan = import_xlsx.import_enterprises(admin, book)
    assert Enterprise.select().count() == enterprises, plan
    owners = list(Enterprise.select().order_by(Enterprise.id).limit(files))
    for n in range(files):
        attachments.attach(admin, _scan(folder, n), owners[n % len(owners)])
    setup.release_connection()
    return built


def floor_copy(source: Path, folder: Path, uuids: dict[str, list[str]], blobs: list[Path]) -> int:
    """Read the rows with sqlite3, zip them as JSON with the files, unzip and insert into empty tables."""
    out = folder / "floor.zip"
    with sqlite3.connect(source) as conn, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for table, keys in uuids.items():
            marks = ",".join("?" * len(keys))
            cursor = conn.execute(f'SELECT * FROM "{table}" WHERE uuid IN ({marks})', keys)
            columns = [c[0] for c in cursor.description]
            archive.writestr(f"{table}.json", json.dumps([columns, cursor.fetchall()], ensure_ascii=False))
        for blob in blobs:
            archive.write(blob, f"files/{blob.name}")
    target = folder / "floor.db"
    target.unlink(missing_ok=True)
    with sqlite3.connect(source) as conn:
        schemas = {t: conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (t,)).fetchone()[0] for t in uuids}
    with sqlite3.connect(target) as conn, zipfile.ZipFile(out) as archive:
        for table, sql in schemas.items():
            conn.execute(sql)
            columns, rows = json.loads(archive.read(f"{table}.json"))
            marks = ",".join("?" * len(columns))
            conn.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)
        for name in archive.namelist():
            if name.startswith("files/"):
                (folder / "floor-files").mkdir(exist_ok=True)
                (folder / "floor-files" / Path(name).name).write_bytes(archive.read(name))
    return out.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=500)
    parser.add_argument("--attachments", type=int, default=50)
    parser.add_argument("--work", choices=("import", "month"), default="import")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="exchange-bench-"))
    os.environ["HOME"] = str(folder / "home")
    prepare = district_import if args.work == "import" else district_month
    built = prepare(folder, args.enterprises, args.attachments)
    district, city = built[DISTRICT], built["city"]
    package = folder / "month.ipx"
    sent = timed(lambda: send.send(district.use(), "city", package))
    admin = city.use()
    received = timed(lambda: receive.receive(admin, package))
    district.use()
    uuids = {k.entity: [r.uuid for r in k.model.select(k.model.uuid)] for k in KINDS.values()}
    uuids = {table: keys for table, keys in uuids.items() if keys}
    blobs = sorted({attachments.blob_path(a.sha256) for a in Attachment.select()})
    setup.release_connection()
    floor_size = 0

    def floor():
        nonlocal floor_size
        floor_size = floor_copy(district.path, folder, uuids, blobs)

    floor_seconds = min(timed(floor) for _ in range(2))
    rows = sum(len(v) for v in uuids.values())
    app = sent + received
    print(f"{args.enterprises} enterprises ({args.work}), {rows:,} records, {len(blobs)} files;  seconds"
          "     app   floor  ratio")  # fmt: skip
    print(f"send + receive (package)                    {app:7.2f} {floor_seconds:7.2f} {app / floor_seconds:6.1f}")
    print(f"  of which send {sent:.2f}, receive {received:.2f}")
    size = package.stat().st_size
    print(f"size (bytes)                          {size:12,} {floor_size:12,} {size / floor_size:6.2f}")


if __name__ == "__main__":
    main()
