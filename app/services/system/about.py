"""What the 关于 window says: version, installation, where the data lives, the libraries and their licences."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from app import APP_NAME, __version__
from app.models import db as dbmod
from app.paths import files_dir_for, resources_dir
from app.services.core import installation

# The libraries shipped with the program and the licence each is distributed under.
LIBRARIES = (
    ("PySide6|PySide6-Essentials", "LGPL-3.0（Qt for Python）"),
    ("peewee", "MIT"),
    ("reportlab", "BSD"),
    ("openpyxl", "MIT"),
    ("platformdirs", "MIT"),
)
# Fonts are never shipped: Windows faces are read from the system folder, open faces from the system's packages.
FONT_NOTE = (
    "程序不附带字体：打印时使用本机已安装的字体（Windows 的仿宋、宋体、黑体、楷体等，或 Linux 的文泉驿、"
    "AR PL、花园明朝等开源字体），仅将用到的字形嵌入 PDF，这是上述字体许可所允许的。"
)
GUIDE = "guide/用户指南.md"


@dataclass(frozen=True)
class AboutFacts:
    name: str
    version: str
    installation: str
    exchange_id: str
    database: Path | None
    database_bytes: int | None
    files_folder: Path | None
    python: str
    libraries: list[tuple[str, str, str]]  # name, version, licence


def facts() -> AboutFacts:
    path = dbmod.current_path()
    identity = installation.current()
    return AboutFacts(
        APP_NAME,
        __version__,
        identity.title,
        identity.exchange_id or "（旧版数据库，尚未生成）",
        path,
        path.stat().st_size if path and path.exists() else None,
        files_dir_for(path) if path else None,
        f"{platform.python_implementation()} {platform.python_version()}（{platform.system()} {platform.release()}）",
        [(names.split("|")[0], _version(names), licence) for names, licence in LIBRARIES],
    )


def _version(distributions: str) -> str:
    """The installed version under the first of the `|`-separated distribution names that is installed."""
    for name in distributions.split("|"):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "未安装"


def size_text(size: int | None) -> str:
    if size is None:
        return "—"
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return ""


def guide_path() -> Path:
    return resources_dir() / GUIDE


def guide_text() -> str:
    """The user guide (Markdown, in Chinese) shipped in resources/."""
    return guide_path().read_text(encoding="utf-8")
