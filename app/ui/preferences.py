"""Window-state preferences kept in an INI file beside the user's config, each key declared once with its default.

Domain settings (thresholds, limits) live in the database via app.services.core.settings; these are per-PC only.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from app.paths import user_config_dir

WINDOW_GEOMETRY = "window/geometry"
REGISTER_COLUMN_WIDTHS = "register/column_widths"

DEFAULTS = {
    WINDOW_GEOMETRY: None,
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
