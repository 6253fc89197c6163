"""Where things live on disk: bundled resources, the user's data folder, the default database."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

from app import APP_ID


def resources_dir() -> Path:
    """The `resources/` folder, both from a source checkout and inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def pyproject_file() -> Path | None:
    """A source checkout's pyproject.toml; None in a PyInstaller bundle or an installed package."""
    if getattr(sys, "_MEIPASS", None):
        return None
    path = Path(__file__).resolve().parent.parent / "pyproject.toml"
    return path if path.is_file() else None


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def user_config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_ID, appauthor=False))


def default_database_path() -> Path:
    return user_data_dir() / "register.db"


def files_dir_for(database_path: Path) -> Path:
    """Content-addressed attachment store kept beside the database, so a backup of both travels together."""
    database_path = Path(database_path)
    return database_path.with_name(database_path.stem + "_files")
