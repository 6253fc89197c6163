"""Automatic backups: on exit and when the last one is older than the interval, into the backup folder, rotated.

Automatic backups stay on this computer (in `backups/` beside the register), so they are plain copies; a copy that leaves the computer is made by hand with a passphrase (backup.backup). They are
made by the program, not by a person: any signed-in session may trigger one, since nothing leaves the folder
the register already lives in, and the audit entry names the system.

Rotation keeps the newest backup of each of the last `backup.keep_daily` days and of each of the last
`backup.keep_weekly` ISO weeks, and never deletes anything but files named like its own backups.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

from app.models import db as dbmod
from app.models.db import database
from app.services.core import audit, settings
from app.services.core.errors import DomainError
from app.services.system import backup

NAME = re.compile(r"auto-(\d{8})-(\d{6})\.db")


def folder() -> Path:
    """Always inside the data folder, whatever backup.folder says: an automatic backup cannot ask for a
    passphrase, so it never leaves this computer."""
    current = dbmod.current_path()
    if current is None:
        raise DomainError("未打开数据库")
    return current.parent / "backups"


def backups_in(where: Path) -> list[tuple[datetime, Path]]:
    """The automatic backups in `where`, newest first."""
    found = []
    for path in where.glob("auto-*.db") if where.is_dir() else []:
        match = NAME.fullmatch(path.name)
        if match:
            found.append((datetime.strptime("".join(match.groups()), "%Y%m%d%H%M%S"), path))
    return sorted(found, reverse=True)


def is_due(now: datetime | None = None) -> bool:
    now = now or datetime.now()
    existing = backups_in(folder())
    hours = settings.get("backup.interval_hours")
    return hours > 0 and (not existing or now - existing[0][0] >= timedelta(hours=hours))


def run(reason: str, now: datetime | None = None) -> Path:
    """One automatic backup now (`reason`: "exit", "schedule"), then rotation; returns the new file."""
    now = now or datetime.now()
    source = dbmod.current_path()
    if source is None:
        raise DomainError("未打开数据库")
    target = folder() / f"auto-{now:%Y%m%d-%H%M%S}.db"
    backup.write_copy(source, target)
    removed = rotate(folder(), settings.get("backup.keep_daily"), settings.get("backup.keep_weekly"))
    with database.atomic():
        details = {"target": str(target), "reason": reason, "removed": [p.name for p in removed]}
        audit.record_event(None, "database.backup.auto", details)
    return target


def rotate(where: Path, keep_daily: int, keep_weekly: int, today: date | None = None) -> list[Path]:
    """Delete the automatic backups no rule keeps; returns what was deleted. The newest is always kept."""
    existing = backups_in(where)
    if not existing:
        return []
    today = today or date.today()
    kept = {existing[0][1]}
    days_seen: set[date] = set()
    weeks_seen: set[tuple[int, int]] = set()
    for taken, path in existing:  # newest first: the first of each day / week is the one kept
        day = taken.date()
        if (today - day).days < keep_daily and day not in days_seen:
            days_seen.add(day)
            kept.add(path)
        week = day.isocalendar()[:2]
        if (today - day).days < keep_weekly * 7 and week not in weeks_seen:
            weeks_seen.add(week)
            kept.add(path)
    removed = [path for _, path in existing if path not in kept]
    for path in removed:
        dbmod.remove_database_file(path)
    return removed

