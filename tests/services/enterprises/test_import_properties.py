"""Property-based: whatever clerks type into the cells, the importer neither crashes nor half-writes."""

import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.models import Enterprise
from app.models import db as dbmod
from app.services.accounts import users as accounts
from app.services.enterprises import import_xlsx as enterprise_import
from app.services.system import database as setup
from tests.helpers.messy import codes, messy_workbook

cell = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12),
    st.integers(-1000, 10**9),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 1, 1)),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(["是", "否", "√", "×", "达拉特", "东胜区", "１２件", "2015年3月1日", "20150230", " "]),
)
CODES = codes(8, seed=3)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(cell, min_size=11, max_size=11), min_size=1, max_size=6),
    st.lists(st.booleans(), min_size=6, max_size=6),
    st.sampled_from(["xlsx", "xls"]),
)
def test_random_cells_never_crash_nor_half_write(empty_template, rows, keep_code, book):
    for i, row in enumerate(rows):
        if keep_code[i]:
            row[1] = CODES[i]  # some rows get a valid code so that creations happen too
    folder = Path(tempfile.mkdtemp())  # a new database per example: a copy of the run's empty one
    shutil.copyfile(empty_template, folder / "p.db")
    setup.open_register(folder / "p.db")
    admin = accounts.get_user("admin")
    try:
        messy_workbook(folder / f"in.{book}", rows)
        plan = enterprise_import.import_enterprises(admin, folder / f"in.{book}")
        created = {p.row.uscc for p in plan.rows if p.action == "create"}
        stored = {e.uscc for e in Enterprise.select()}
        assert stored == created
        for p in plan.rows:
            if p.action == "rejected":
                assert p.errors and all(e.reason for e in p.errors)
    finally:
        dbmod.close()
