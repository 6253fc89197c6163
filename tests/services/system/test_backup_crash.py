"""Killed mid-way, a restore or a backup leaves the file it was replacing as it was before or as it was meant to be.

A few trials here; `python -m benchmarks.backup_crash --trials 100` runs many more with the same harness.
"""

import pytest

from benchmarks.backup_crash import trials


@pytest.mark.parametrize("kind", ["restore", "backup"])
def test_a_kill_at_any_moment_leaves_the_old_or_the_new_file_never_a_broken_one(kind, tmp_path):
    results = trials(kind, 10, tmp_path, seed=11)
    assert results["broken"] == 0, results
    assert sum(results.values()) == 10
