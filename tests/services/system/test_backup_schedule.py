"""Automatic backups: made when due and on exit, into the backup folder, rotated by day and week."""

from datetime import date, datetime, timedelta

from app.models import AuditLog
from app.models import db as dbmod
from app.services.core import settings
from app.services.system import backup_schedule


def test_due_when_none_yet_or_the_last_is_older_than_the_interval(demo_db):
    assert backup_schedule.is_due()
    made = backup_schedule.run("schedule", now=datetime(2026, 12, 3, 9, 0))
    assert made.parent == demo_db[0].parent / "backups" and dbmod.integrity_check(made) == "ok"
    assert not backup_schedule.is_due(datetime(2026, 12, 3, 20, 0))
    assert backup_schedule.is_due(datetime(2026, 12, 4, 9, 0))
    entry = AuditLog.select().where(AuditLog.action == "database.backup.auto").get()
    assert entry.user_login == "system" and '"reason": "schedule"' in entry.after


def test_an_interval_of_zero_turns_the_schedule_off(demo_db, demo_users):
    settings.set_value(demo_users["admin"], "backup.interval_hours", 0)
    assert not backup_schedule.is_due()


def test_rotation_keeps_one_a_day_then_one_a_week_and_only_touches_its_own_files(tmp_path):
    today = date(2026, 12, 3)
    made = []
    for days_ago in range(0, 70):
        for hour in (9, 18):
            taken = datetime.combine(today - timedelta(days=days_ago), datetime.min.time()) + timedelta(hours=hour)
            path = tmp_path / f"auto-{taken:%Y%m%d-%H%M%S}.db"
            path.write_bytes(b"x")
            made.append(path)
    mine = tmp_path / "register-20261201-090000.db"
    mine.write_bytes(b"a person's own backup")
    removed = backup_schedule.rotate(tmp_path, keep_daily=7, keep_weekly=8, today=today)
    left = {p for _, p in backup_schedule.backups_in(tmp_path)}
    assert mine.exists() and len(left) + len(removed) == len(made)
    assert tmp_path / "auto-20261203-180000.db" in left  # the newest of today
    assert tmp_path / "auto-20261203-090000.db" not in left  # an older one of the same day
    recent_days = {p.name[5:13] for p in left if p.name[5:13] >= "20261127"}
    assert len(recent_days) == 7
    older = [p for p in left if p.name[5:13] < "20261127"]
    weeks = {datetime.strptime(p.name[5:13], "%Y%m%d").isocalendar()[:2] for p in older}
    assert len(older) == len(weeks) and len(weeks) <= 8
    assert not any(p.name[5:13] < "20261001" for p in left)  # past 8 weeks nothing stays
