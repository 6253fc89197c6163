"""Property-based: hostile workbooks are imported correctly or refused with a message, quickly, never half-written.

Each example is a small workbook made hostile one way (issue 11, "Done when"): a stale `<dimension>`, control
characters, formulas, huge cells, a bomb under lowered limits, a row number past Excel's, or an .xlsx that is
something else entirely. Time is checked on every example; memory by a deterministic test at the end, which
imports each kind of bomb in a process of its own and compares its peak resident size with a small import's.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.models import AuditLog, Enterprise
from app.models import db as dbmod
from app.services.accounts import users as accounts
from app.services.core import settings as register_settings
from app.services.core.errors import DomainError
from app.services.enterprises import import_xlsx as enterprise_import
from app.services.system import database as setup
from tests.helpers.hostile import (
    SHEET,
    cells_bomb,
    ods_cell,
    ods_row,
    ods_workbook,
    rewrite_part,
    set_dimension,
    with_doctype,
    xls_with_cells,
)
from tests.helpers.messy import codes, messy_workbook

_NOTE = re.compile(r"^\s*(注|备注|说明|填表说明|填报说明)")
BUDGET_SECONDS = 20  # per workbook on a busy shared machine; a bomb without the checks takes minutes
CODES = codes(6, seed=8)
LIMIT_MB, LIMIT_CELLS = 1, 3_000

no_c0 = st.characters(
    codec="utf-8", exclude_categories=("Cs",), exclude_characters=[chr(c) for c in range(32)]
)
cell = st.one_of(
    st.none(),
    st.text(alphabet=no_c0, max_size=10),  # DEL and C1 controls included: XML carries them
    st.sampled_from(
        ["=1+2", '=HYPERLINK("http://example.com","点")', "+1", "-1", "@A1", "=A1", "达拉特", "是"]
    ),
    st.sampled_from(["长" * 40_000, "A" * 40_000]),
    st.integers(-10, 10**6),
)
HOSTILITIES = ["none", "stale_dimension", "raw_control", "bomb", "too_many_cells", "far_row", "junk_zip",
               "random_bytes", "pdf_named_xlsx", "truncated", "no_sheet_part"]  # fmt: skip


def _make_hostile(path: Path, rows: list[list], hostility: str, noise: bytes) -> None:
    messy_workbook(path, rows, title=False, note=False)
    if hostility == "stale_dimension":
        set_dimension(path, "A1:B2")
    elif hostility == "raw_control":  # a C0 character XML 1.0 forbids, as a broken writer would leave it
        rewrite_part(path, SHEET, lambda xml: xml.replace(b"<t>", b"<t>\x01", 1))
    elif hostility == "bomb":
        rewrite_part(path, SHEET, lambda _xml: cells_bomb(8_000))
    elif hostility == "too_many_cells":
        rewrite_part(path, SHEET, lambda _xml: cells_bomb(LIMIT_CELLS // 10 + 1))
    elif hostility == "far_row":
        rewrite_part(path, SHEET, lambda xml: xml.replace(b'<row r="2"', b'<row r="4000000000"'))
    elif hostility == "junk_zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("hello.txt", noise)
    elif hostility == "random_bytes":
        path.write_bytes(b"PK\x03\x04" + noise)
    elif hostility == "pdf_named_xlsx":
        path.write_bytes(b"%PDF-1.7\n" + noise)
    elif hostility == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif hostility == "no_sheet_part":
        with zipfile.ZipFile(path) as source:
            parts = {n: source.read(n) for n in source.namelist() if n != SHEET}
        with zipfile.ZipFile(path, "w") as target:
            for name, data in parts.items():
                target.writestr(name, data)


def _filled_rows(rows: list[list]) -> set[int]:
    """Sheet row numbers (header = 1) of the rows the importer must read: any cell filled, formulas without a
    cached value read as blank, a lone note such as "注：…" skipped; column A (序号) is not read."""
    filled = set()
    for number, row in enumerate(rows, start=2):
        values = {
            str(v)
            for v in row[1:]
            if v not in (None, "") and not (isinstance(v, str) and v[:1] == "=" and v[1:])
        }
        if values and not (len(values) == 1 and _NOTE.match(next(iter(values)))):
            filled.add(number)
    return filled


@settings(
    max_examples=22, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(
    st.lists(st.lists(cell, min_size=11, max_size=11), min_size=1, max_size=4),
    st.lists(st.booleans(), min_size=4, max_size=4),
    st.sampled_from(HOSTILITIES),
    st.binary(max_size=64),
)
def test_a_hostile_workbook_is_imported_or_refused_with_a_message_in_time_and_never_half_written(
    empty_template, rows, keep_code, hostility, noise
):
    for i, row in enumerate(rows):
        if keep_code[i]:
            row[1], row[3] = CODES[i], "达拉特"  # some rows are good, so creations happen too
    folder = Path(tempfile.mkdtemp())
    shutil.copyfile(empty_template, folder / "h.db")
    setup.open_register(folder / "h.db")
    try:
        admin = accounts.get_user("admin")
        register_settings.set_value(admin, "import.max_uncompressed_mb", LIMIT_MB)
        register_settings.set_value(admin, "import.max_cells", LIMIT_CELLS)
        path = folder / "in.xlsx"
        _make_hostile(path, rows, hostility, noise)
        audit_before = AuditLog.select().count()
        start = time.perf_counter()
        try:
            plan = enterprise_import.import_enterprises(admin, path)
        except DomainError as refusal:
            assert str(refusal).strip()
            assert Enterprise.select().count() == 0 and AuditLog.select().count() == audit_before
            assert hostility != "none" or any(len(str(v)) >= 40_000 for r in rows for v in r)
        else:
            assert hostility not in ("bomb", "too_many_cells", "far_row", "junk_zip", "random_bytes",
                                     "pdf_named_xlsx", "raw_control")  # fmt: skip
            created = {p.row.uscc for p in plan.rows if p.action == "create"}
            assert {e.uscc for e in Enterprise.select()} == created
            for p in plan.rows:
                if p.action == "rejected":
                    assert p.errors and all(e.reason and e.row for e in p.errors)
            if hostility in ("none", "stale_dimension"):
                assert {p.row.number for p in plan.rows} == _filled_rows(rows)
        assert time.perf_counter() - start < BUDGET_SECONDS
    finally:
        dbmod.close()
        shutil.rmtree(folder, ignore_errors=True)


# --- memory: each kind of bomb refused without being materialised ----------------------------------------------

MEMORY_BUDGET_MIB = 100  # over a small import's peak; materialising any bomb below takes 250 MiB to many GiB
DEFAULT_LIMITS = (250, 5_000_000)


def _bomb(path: Path, kind: str) -> tuple[int, int]:
    """Write a bomb of `kind` at `path`; returns the limits (uncompressed MB, cells) its import runs under."""
    if kind == "small":  # the baseline: a good workbook
        messy_workbook(path, [[1, CODES[0], "好公司", "达拉特"] + [""] * 7], title=False, note=False)
        return DEFAULT_LIMITS
    if kind in ("zip_bomb", "huge_sheet"):  # 2 million cells, 80 MB of XML in 0.3 MB
        messy_workbook(path, [], title=False, note=False)
        rewrite_part(path, SHEET, lambda _xml: cells_bomb(200_000))
        return (1, 3_000) if kind == "zip_bomb" else (250, 100_000)
    if kind == "far_row":  # one cell at XFD1000000: a rectangle of 16 billion cells from A1
        messy_workbook(path, [], title=False, note=False)
        far = b'<row r="1000000"><c r="XFD1000000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
        rewrite_part(path, SHEET, lambda xml: xml.replace(b"</sheetData>", far))
        return DEFAULT_LIMITS
    if kind == "entity_bomb":  # in the part the reader itself parses with expat (calamine refuses entities)
        messy_workbook(path, [], title=False, note=False)
        rewrite_part(path, "xl/workbook.xml", with_doctype)
        return DEFAULT_LIMITS
    if kind == "xls_far_corner":  # 5 KB; calamine alone would take 1.2 GB
        xls_with_cells(path, {(0, 0): "序号", (65535, 255): "远"})
        return DEFAULT_LIMITS
    if kind == "ods_repeats":  # one cell repeated 1,000 across and 20,000 down
        ods_workbook(path, ods_row(ods_cell("炸", 1_000), 20_000))
        return DEFAULT_LIMITS
    raise ValueError(kind)


def _import_in_a_child(template: Path, folder: Path, kind: str) -> dict:
    register = folder / f"{kind}.db"
    shutil.copyfile(template, register)
    suffix = {"xls_far_corner": ".xls", "ods_repeats": ".ods"}.get(kind, ".xlsx")
    workbook = folder / f"{kind}{suffix}"
    uncompressed_mb, cells = _bomb(workbook, kind)
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run(
        [sys.executable, "-m", "tests.helpers.import_peak", str(register), str(workbook), str(uncompressed_mb),
         str(cells)],
        cwd=root, capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(root)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_each_kind_of_bomb_is_refused_within_a_memory_budget(empty_template, tmp_path):
    """Peak resident memory of the importing process, bomb against a small good workbook: a reader that parsed
    any of these bombs (the checks before parsing taken out) goes hundreds of MiB to GiB over the budget."""
    baseline = _import_in_a_child(empty_template, tmp_path, "small")
    assert baseline["refused"] is None and baseline["created"] == 1 == baseline["enterprises"]
    for kind in ("zip_bomb", "huge_sheet", "far_row", "entity_bomb", "xls_far_corner", "ods_repeats"):
        found = _import_in_a_child(empty_template, tmp_path, kind)
        assert found["refused"] and found["enterprises"] == 0, (kind, found)
        over_mib = (found["peak_kib"] - baseline["peak_kib"]) / 1024
        assert over_mib < MEMORY_BUDGET_MIB, (kind, found)
