"""The one way the window runs slow work: a plain function in a worker thread, results back on the GUI thread.

The function never sees a widget. If it accepts a `state` keyword it gets a TaskState to report progress and
to notice a cancel request; its return value or exception comes back through Qt signals, which Qt queues to
the GUI thread because the receiving Task object lives there. Whatever the function did, the worker thread's
database connection is released before the result is sent (SQLite gives every thread its own connection), so
no job has to remember it.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.services.system.database import release_connection


class Cancelled(Exception):
    """Raised by a worker function that stopped because the user cancelled."""


class TaskState:
    """Handed to the worker: thread-safe progress reports and cancel flag."""

    def __init__(self, report: Callable[[int, str], None]):
        self._report = report
        self._cancel = threading.Event()

    def progress(self, percent: int, text: str = "") -> None:
        self._report(int(percent), text)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled()


class _Relay(QObject):
    """Signals emitted from the worker thread; connected to the Task, which lives on the GUI thread."""

    progress = Signal(int, str)
    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable, args: tuple, relay: _Relay, state: TaskState, pass_state: bool):
        super().__init__()
        self.setAutoDelete(True)
        self._call = (fn, args)
        self._relay, self._state, self._pass_state = relay, state, pass_state

    def run(self) -> None:
        fn, args = self._call
        try:
            try:
                result = fn(*args, state=self._state) if self._pass_state else fn(*args)
            finally:
                release_connection()  # before the result is sent: the GUI may replace the file next
        except BaseException as exc:  # noqa: BLE001 (every failure must reach the GUI thread)
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


_RUNNING: set[Task] = set()  # keeps each Task alive until its result arrived


class Task(QObject):
    """A running job. `finished(result)` / `failed(exception)` are emitted on the GUI thread."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QWidget | None, title: str, cancellable: bool, quiet: bool = False):
        super().__init__()
        self.relay = _Relay()
        self.relay.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self.relay.succeeded.connect(self._on_success, Qt.ConnectionType.QueuedConnection)
        self.relay.failed.connect(self._on_failure, Qt.ConnectionType.QueuedConnection)
        self.state = TaskState(self.relay.progress.emit)
        self.dialog = None if quiet else self._progress_dialog(parent, title, cancellable)

    def _progress_dialog(self, parent: QWidget | None, title: str, cancellable: bool) -> QProgressDialog:
        dialog = QProgressDialog(title, "取消" if cancellable else "", 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)  # quick jobs finish before a dialog flickers up
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if cancellable:
            dialog.canceled.connect(self._on_cancel)
        else:
            dialog.setCancelButton(None)
        return dialog

    @Slot(int, str)
    def _on_progress(self, percent: int, text: str) -> None:
        if self.dialog is None:
            return
        self.dialog.setRange(0, 100)
        self.dialog.setValue(percent)
        if text:
            self.dialog.setLabelText(text)

    @Slot()
    def _on_cancel(self) -> None:
        self.state.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText("正在取消…")

    @Slot(object)
    def _on_success(self, result) -> None:
        self._done()
        self.finished.emit(result)

    @Slot(object)
    def _on_failure(self, error) -> None:
        self._done()
        self.failed.emit(error)

    def _done(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        _RUNNING.discard(self)


def run_task(
    parent: QWidget | None,
    title: str,
    fn: Callable,
    *args,
    on_success: Callable[[object], None] | None = None,
    on_failure: Callable[[Exception], None] | None = None,
    cancellable: bool = False,
    quiet: bool = False,
) -> Task:
    """Run `fn(*args)` in the global thread pool behind a progress dialog; returns the Task to watch.

    `quiet` shows no dialog: for loading a list, where the page itself says it is loading and the window
    must stay usable.
    """
    pass_state = "state" in inspect.signature(fn).parameters
    task = Task(parent, title, cancellable and pass_state, quiet)
    if on_success is not None:
        task.finished.connect(on_success)
    if on_failure is not None:
        task.failed.connect(on_failure)
    _RUNNING.add(task)
    QThreadPool.globalInstance().start(_Runnable(fn, args, task.relay, task.state, pass_state))
    return task
