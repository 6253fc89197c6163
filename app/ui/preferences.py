"""Window-state preferences kept in an INI file beside the user's config, each key declared once with its default.

Domain settings (thresholds, limits) live in the database via app.services.core.settings; these are per-PC only.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from app.paths import user_config_dir

REGISTER_COLUMN_WIDTHS = "register/column_widths"

DEFAULTS = {
    REGISTER_COLUMN_WIDTHS: [],
}


def _store() -> QSettings:
    # An explicit file (not the organisation/application lookup): Qt caches that lookup per process,
    # while platformdirs follows the environment, which keeps each test's settings apart.
    return QSettings(str(user_config_dir() / "window.ini"), QSettings.Format.IniFormat)


def get(key: str):
    value = _store().value(key, DEFAULTS[key])
    default = DEFAULTS[key]
    if isinstance(default, list):
        # INI files give back a single value as a str and an empty list as None.
        if value is None:
            return []
        return value if isinstance(value, list) else [value]
    return value


def put(key: str, value) -> None:
    store = _store()
    store.setValue(key, value)
    store.sync()


def _window_group(user: str, window: str) -> str:
    return f"windows/{user or '_'}/{window}"


def window_state(user: str, window: str) -> dict:
    """What was saved of one window for one user (geometry, screen, splitter and header states); {} if nothing."""
    store = _store()
    store.beginGroup(_window_group(user, window))
    try:
        return {key: store.value(key) for key in store.childKeys()}
    finally:
        store.endGroup()


def put_window_state(user: str, window: str, state: dict) -> None:
    store = _store()
    store.beginGroup(_window_group(user, window))
    store.remove("")  # the group's old keys: a window that has fewer splitters now keeps no stale ones
    for key, value in state.items():
        store.setValue(key, value)
    store.endGroup()
    store.sync()
