"""The logged-in session: who is working on which database, and one signal announcing changes to every page.

A write runs through `perform` (in a slot) or `run_operation` (in a worker): both collect what the operation
wrote from the audit trail and, once it succeeded, emit `changed` with that one `Changes`. Pages test the
kinds they show (`changes.cases`), so nothing has to remember which word to announce.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.models import User
from app.services.accounts import users as accounts
from app.services.core.changes import Changes, Collector, collecting
from app.ui import window_state
from app.ui.tasks import Task, run_task

T = TypeVar("T")


class Session(QObject):
    # A Changes after each successful write: each page decides whether it needs to refresh.
    changed = Signal(object)
    # The database was replaced (restore): the user must log in again against it.
    relogin_requested = Signal()

    def __init__(self, user: User, db_path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.user = user
        self.db_path = Path(db_path)
        window_state.set_user(user.login)  # the windows opened from now on open as this user left them

    def user_label(self) -> str:
        return f"{self.user.display_name}（{accounts.role_label(self.user)}）"

    def perform(self, operation: Callable[..., T], *args, **kwargs) -> T:
        """Call one write operation on the GUI thread; announce what it changed, return its result.

        A failed operation announces nothing: each service write is one transaction, rolled back on failure.
        """
        with collecting() as collected:
            result = operation(*args, **kwargs)
        self.announce(collected.changes())
        return result

    def run_operation(
        self,
        parent: QWidget | None,
        title: str,
        fn: Callable,
        *args,
        on_success: Callable[[object], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
        cancellable: bool = False,
    ) -> Task:
        """`run_task` for a write: collected in the worker, announced on the GUI thread before `on_success`."""
        collector = Collector()

        def succeeded(result) -> None:
            self.announce(collector.changes())
            if on_success is not None:
                on_success(result)

        return run_task(parent, title, _collected(fn, collector), *args, on_success=succeeded,
                        on_failure=on_failure, cancellable=cancellable)  # fmt: skip

    def announce(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)


def _collected(fn: Callable, collector: Collector) -> Callable:
    """`fn` collecting into `collector` in whatever thread runs it; keeps run_task's `state` keyword if it has one."""
    if "state" in inspect.signature(fn).parameters:

        def job_with_state(*args, state):
            with collecting(collector):
                return fn(*args, state=state)

        return job_with_state

    def job(*args):
        with collecting(collector):
            return fn(*args)

    return job
