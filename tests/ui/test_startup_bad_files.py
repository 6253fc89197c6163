"""The window on bad database files: a dialog that says what is wrong, and the program ends (no login dialog)."""

import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from app.ui import startup
from tests.helpers.bad_files import BAD_FILES, CREATED_BY_THE_WINDOW, make_bad_file, undo_permissions

REFUSED = [b for b in BAD_FILES if b.kind not in CREATED_BY_THE_WINDOW]


@pytest.mark.parametrize("bad", REFUSED, ids=[b.kind for b in REFUSED])
def test_each_bad_file_is_explained_in_a_dialog(bad, qapp, tmp_path, empty_template, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))
    path = make_bad_file(bad.kind, tmp_path, empty_template)
    try:
        assert startup.open_database(path) is False
    finally:
        undo_permissions(tmp_path)
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "无法打开数据库" and bad.expected in text


def test_start_ends_with_status_1_on_a_bad_file(qapp, tmp_path, empty_template, monkeypatch):
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: None)
    monkeypatch.setattr(
        sys, "excepthook", sys.excepthook
    )  # start() installs its own; put pytest's back after
    path = make_bad_file("random_bytes", tmp_path, empty_template)
    assert startup.start(path, demo=False) == 1


def test_an_exception_no_slot_caught_is_shown_in_a_dialog(qapp, monkeypatch):
    from app.services.core.errors import DatabaseBusy

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(("warning", text)))
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(("critical", text)))
    for error in (DatabaseBusy(), RuntimeError("disk I/O error")):
        try:
            raise error
        except Exception as exc:  # noqa: BLE001
            startup.report_unexpected(type(exc), exc, exc.__traceback__)
    assert shown[0] == ("warning", str(DatabaseBusy()))
    assert shown[1][0] == "critical" and "disk I/O error" in shown[1][1]
