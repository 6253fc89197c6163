"""The command line on bad database files: one Chinese sentence and exit 1, never a traceback, the file unchanged."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from tests.helpers.bad_files import BAD_FILES, make_bad_file, other_application_database, undo_permissions

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("bad", BAD_FILES, ids=[b.kind for b in BAD_FILES])
def test_each_bad_file_gives_a_message_and_exit_1(bad, tmp_path, empty_template, capsys, monkeypatch):
    monkeypatch.setenv("IPREG_PASSWORD", "adminpass123")
    path = make_bad_file(bad.kind, tmp_path, empty_template)
    before = path.read_bytes() if path.is_file() else None
    try:
        assert main(["--db", str(path), "enterprise", "list"]) == 1
        err = capsys.readouterr().err
        assert err.startswith("错误：") and bad.expected in err and "Traceback" not in err
        assert (path.read_bytes() if path.is_file() else None) == before
        if bad.kind.startswith("missing"):
            assert not path.parent.exists() if bad.kind == "missing_folder" else not path.exists()
    finally:
        undo_permissions(tmp_path)


def test_init_refuses_another_programs_database_and_leaves_it_byte_identical(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("IPREG_PASSWORD", "adminpass123")
    path = other_application_database(tmp_path / "places.sqlite")
    before = path.read_bytes()
    assert main(["--db", str(path), "init"]) == 1
    assert "其他程序的数据库" in capsys.readouterr().err
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["places.sqlite"]


def test_init_turns_a_zero_byte_file_into_a_register(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("IPREG_PASSWORD", "adminpass123")
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    assert main(["--db", str(path), "enterprise", "list"]) == 1
    assert "请运行 init" in capsys.readouterr().err
    assert main(["--db", str(path), "init"]) == 0
    assert main(["--db", str(path), "enterprise", "list"]) == 0


@pytest.mark.parametrize("kind", ["random_bytes", "read_only_file", "corrupt_page"])
def test_a_real_process_prints_no_traceback(kind, tmp_path, empty_template):
    path = make_bad_file(kind, tmp_path, empty_template)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "app", "--db", str(path), "enterprise", "list"],
            cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120,
            env={**os.environ, "PYTHONPATH": str(ROOT), "IPREG_PASSWORD": "adminpass123"},
        )  # fmt: skip
    finally:
        undo_permissions(tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and done.stderr.startswith("错误：")
