"""What the 关于 window says: version, installation, where the data lives, the libraries and their licences."""

from __future__ import annotations

import platform
import re
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from app import APP_NAME, __version__
from app.models import db as dbmod
from app.paths import files_dir_for, pyproject_file, resources_dir
from app.services.core import installation

# The program's own distribution: its declared runtime dependencies are the libraries the about box names.
DISTRIBUTION = "ip-protection-register"
# Distributions whose metadata declares no licence, with the one their licence file states.
LICENCE_FILES = {"peewee": "MIT"}
UNKNOWN_LICENCE = "见其发行包所附许可文件"
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
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
        libraries(),
    )


def libraries() -> list[tuple[str, str, str]]:
    """(name, version, licence) of every library the program runs on: the runtime dependencies declared in
    pyproject.toml and the ones they need in turn, read from the installed distributions, so the list follows
    the dependencies."""
    wanted = _runtime_requirements(_declared())
    found: dict[str, tuple[str, str, str]] = {}
    while wanted:
        name, optional = wanted.pop(0)
        key = canonical(name)
        if key in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            if not optional:  # one for another platform or Python is simply not needed here
                found[key] = (name, "未安装", "—")
            continue
        found[key] = (dist.metadata["Name"], dist.version, licence_of(dist))
        wanted.extend(_runtime_requirements(dist.requires or []))
    return sorted(found.values(), key=lambda row: canonical(row[0]))


def _declared() -> list[str]:
    """The requirements as pyproject.toml states them in a checkout, else as the installed program's metadata
    does; the frozen build carries no metadata of its own, so there every bundled distribution counts."""
    pyproject = pyproject_file()
    if pyproject is not None:
        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
        if project.get("name") == DISTRIBUTION:
            return list(project.get("dependencies", []))
    try:
        return metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        return [dist.metadata["Name"] for dist in metadata.distributions()]


def _runtime_requirements(lines: list[str]) -> list[tuple[str, bool]]:
    """(name, has a marker) of each requirement that is not for an extra (tests, builds)."""
    wanted = []
    for line in lines:
        requirement, _, marker = line.partition(";")
        if "extra" in marker:
            continue
        match = _NAME.match(requirement)
        if match:
            wanted.append((match.group(1), bool(marker.strip())))
    return wanted


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def licence_of(dist: metadata.Distribution) -> str:
    """The licence as the distribution declares it: its SPDX expression, else its licence classifiers, else a
    short License field, else the one noted by hand from its licence file."""
    meta = dist.metadata
    if meta.get("License-Expression"):
        return meta["License-Expression"]
    classifiers = [
        c.rsplit("::", 1)[1].strip().removesuffix(" License")
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::") and c.count("::") >= 2
    ]
    if classifiers:
        return " / ".join(classifiers)
    field = (meta.get("License") or "").strip()
    if field and "\n" not in field and len(field) <= 60:
        return field
    return LICENCE_FILES.get(canonical(meta["Name"]), UNKNOWN_LICENCE)


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
