"""Windows that open as the user left them: size and position, maximised or not, splitters and table columns.

Kept per user and per window (its class name) in the per-PC preferences. `place` restores a window — at its
old place when it is on the same screen and still fits, otherwise at the remembered size brought inside the
available area, or at its preferred size the first time — and saves it again whenever it is hidden or closed.
Splitters and horizontal table headers are matched by their order among the window's children; a header whose
column count changed since is left as the window made it.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSize
from PySide6.QtWidgets import QHeaderView, QSplitter, QTableView, QWidget

from app.ui import preferences, screen_fit

_user = ""


def set_user(login: str) -> None:
    """The windows opened from now on are remembered for `login` (called when a session starts)."""
    global _user
    _user = login


def place(window: QWidget, preferred: QSize | tuple[int, int], name: str | None = None) -> None:
    """Give `window` its remembered state (else `preferred` size, fitted to the screen) and keep it saved."""
    key = name or type(window).__name__
    state = preferences.window_state(_user, key)
    if not _restore_geometry(window, state):
        screen_fit.fit_to_screen(window, preferred)
    # The user is kept with the window: at 切换用户 the next user's session starts before this window closes.
    window.installEventFilter(_Saver(window, key, state, _user))
    window.setProperty("remembered_maximised", _flag(state.get("maximised")))


def was_maximised(window: QWidget) -> bool:
    return bool(window.property("remembered_maximised"))


def save(window: QWidget, name: str | None = None, user: str | None = None) -> None:
    """Remember `window` for `user` (by default the user signed in now)."""
    key = name or type(window).__name__
    rect = window.normalGeometry() if window.isMaximized() else window.geometry()
    state = {
        "geometry": [rect.x(), rect.y(), rect.width(), rect.height()],
        "screen": screen_fit.screen_name(window),
        "maximised": window.isMaximized(),
    }
    for i, splitter in enumerate(_splitters(window)):
        state[f"splitter{i}"] = splitter.saveState()
    for i, header in enumerate(_headers(window)):
        state[f"header{i}"] = header.saveState()
        state[f"header{i}_count"] = header.count()
    preferences.put_window_state(_user if user is None else user, key, state)


class _Saver(QObject):
    """Restores splitters and columns when its window is first shown (its tables have their columns by then) and
    saves the window's state each time it is hidden (a dialog's 关闭 hides it) or closed."""

    def __init__(self, window: QWidget, key: str, state: dict, user: str):
        super().__init__(window)
        self.key, self.state, self.user = key, state, user

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind == QEvent.Type.Show and self.state is not None:
            _restore_parts(watched, self.state)
            self.state = None
        elif (
            kind in (QEvent.Type.Hide, QEvent.Type.Close) and self.state is None and not watched.isMinimized()
        ):
            save(watched, self.key, self.user)
        return False


def _restore_geometry(window: QWidget, state: dict) -> bool:
    numbers = _ints(state.get("geometry"))
    if len(numbers) != 4 or numbers[2] <= 0 or numbers[3] <= 0:
        return False
    rect = QRect(*numbers)
    area = screen_fit.available_geometry(window)
    limit = screen_fit.usable_size(window)
    fits = area.contains(rect) and rect.width() <= limit.width() and rect.height() <= limit.height()
    if state.get("screen") == screen_fit.screen_name(window) and fits:
        window.setGeometry(rect)
        return True
    # Another screen, or one that became smaller: the remembered size, within this screen's available area.
    window.resize(rect.size().boundedTo(limit))
    window.move(
        area.x() + (limit.width() - window.width()) // 2, area.y() + (limit.height() - window.height()) // 2
    )
    return True


def _restore_parts(window: QWidget, state: dict) -> None:
    for i, splitter in enumerate(_splitters(window)):
        saved = state.get(f"splitter{i}")
        if isinstance(saved, QByteArray | bytes):
            splitter.restoreState(QByteArray(saved))
    for i, header in enumerate(_headers(window)):
        saved = state.get(f"header{i}")
        if isinstance(saved, QByteArray | bytes) and _ints([state.get(f"header{i}_count")]) == [
            header.count()
        ]:
            header.restoreState(QByteArray(saved))


def _splitters(window: QWidget) -> list[QSplitter]:
    return window.findChildren(QSplitter)


def _headers(window: QWidget) -> list[QHeaderView]:
    return [table.horizontalHeader() for table in window.findChildren(QTableView)]


def _ints(values) -> list[int]:
    """INI files give numbers back as strings, a one-item list as a single value."""
    if values is None:
        return []
    if not isinstance(values, list | tuple):
        values = [values]
    try:
        return [int(v) for v in values]
    except (TypeError, ValueError):
        return []


def _flag(value) -> bool:
    return value in (True, "true", 1, "1")
