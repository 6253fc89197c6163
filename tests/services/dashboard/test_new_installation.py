"""A new real installation opens without warnings about a round nobody has started yet."""

import contextlib
import io
from datetime import date

from app.cli import main
from app.services.applications import forms
from app.services.dashboard import figures


def test_no_quota_warnings_before_the_round_is_opened(empty_db):
    _, admin = empty_db
    late = date(date.today().year, 12, 20)  # past the default deadline
    shown = figures.dashboard(admin, today=late)
    assert not shown["round"]["opened"]
    assert not [w for w in shown["warnings"] if "本轮仅推荐" in w]
    forms.round_for(late.year, actor=admin)  # someone starts the round: now a shortfall is real
    shown = figures.dashboard(admin, today=late)
    assert shown["round"]["opened"] and len([w for w in shown["warnings"] if "本轮仅推荐" in w]) == 10


def test_cli_dashboard_says_when_no_due_date_is_set(cli_db, capsys):
    path, _ = cli_db
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--db", str(path), "dashboard"]) == 0
    first = out.getvalue().splitlines()[0]
    assert "None" not in first and "未设完成期限" in first
