"""Killed mid-way, a restore, a backup, an import or a schema upgrade leaves its file as it was or as it was meant
to be: never broken, never a partial import, never a lost row.

A few trials per operation here; `python -m benchmarks.crash_trials --trials 200` runs many more with the same
harness (the counts are in the closing note of the reliability issue).
"""

import pytest

from benchmarks.crash_trials import KINDS, prepare, trials

# Run in CI with a few trials; `pytest -m fault_injection` selects just these.
pytestmark = pytest.mark.fault_injection


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    return prepare(tmp_path_factory.mktemp("crash-templates"))


@pytest.mark.parametrize("kind", KINDS)
def test_a_kill_at_any_moment_leaves_the_old_or_the_new_file_never_a_broken_one(kind, templates, tmp_path):
    results = trials(kind, 6, tmp_path, seed=11, templates=templates)
    assert results["broken"] == 0, results
    assert sum(results.values()) == 6
