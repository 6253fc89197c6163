"""The background helper: results and errors come back on the GUI thread; cancel reaches the worker; the
worker thread's database connection is closed when the job ends."""

import sqlite3
import threading
import time

import pytest
from PySide6.QtCore import QThread

from app.models import User
from app.models.db import database
from app.services.core.errors import DomainError
from app.ui.tasks import Cancelled, run_task


def test_success_arrives_on_the_gui_thread(qtbot):
    seen = {}

    def work(a, b):
        seen["worker"] = threading.get_ident()
        return a + b

    def done(result):
        seen["result"] = result
        seen["on_gui"] = QThread.currentThread() is qtbot_app_thread()

    task = run_task(None, "计算", work, 2, 3, on_success=done)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert seen["result"] == 5 and seen["on_gui"]
    assert seen["worker"] != threading.get_ident()


def qtbot_app_thread():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance().thread()


def test_failure_is_delivered(qtbot):
    def work():
        raise DomainError("出错了")

    errors = []
    task = run_task(None, "出错", work, on_failure=errors.append)
    with qtbot.waitSignal(task.failed, timeout=5000):
        pass
    assert isinstance(errors[0], DomainError) and str(errors[0]) == "出错了"


def test_progress_and_cancel(qtbot):
    started = threading.Event()

    def work(state):
        state.progress(10, "开始")
        started.set()
        for _ in range(500):
            state.check()
            time.sleep(0.01)
        return "not cancelled"

    errors = []
    task = run_task(None, "长任务", work, on_failure=errors.append, cancellable=True)
    assert started.wait(5)
    task.dialog.canceled.emit()  # what the 取消 button does
    with qtbot.waitSignal(task.failed, timeout=5000):
        pass
    assert isinstance(errors[0], Cancelled)


@pytest.mark.parametrize("fails", [False, True])
def test_the_workers_database_connection_is_closed_when_it_ends(qtbot, empty_db, monkeypatch, fails):
    # Let the test touch the worker's connection from this thread, to see whether it was closed.
    monkeypatch.setitem(database.obj.connect_params, "check_same_thread", False)
    opened = []

    def work():
        assert User.select().count() == 1
        opened.append(database.connection())
        if fails:
            raise DomainError("读完就出错")
        return "done"

    task = run_task(None, "读取", work)
    with qtbot.waitSignal(task.failed if fails else task.finished, timeout=5000):
        pass
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        opened[0].execute("SELECT 1")
