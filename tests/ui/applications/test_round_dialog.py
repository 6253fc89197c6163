"""截止日与名额…: the city administrator changes a round's deadline and quotas in the window, through the same
audited service as `round set`; nobody else is offered the button, and the service refuses them anyway."""

from datetime import date

import pytest

from app.models import AuditLog, Round
from app.services.applications import forms
from app.services.core.errors import PermissionDenied
from app.ui.applications.round_page import RoundPage

YEAR = date.today().year


@pytest.fixture
def page_for(qtbot, session_for):
    def make(login):
        page = RoundPage(session_for(login))
        qtbot.addWidget(page)
        page.show()
        return page

    return make


def test_the_city_administrator_changes_the_deadline_and_quotas(page_for, qtbot):
    page = page_for("admin")
    assert page.round_button.isVisible()
    dialog = page.edit_round()
    qtbot.addWidget(dialog)
    dialog.deadline.edit.setText(f"{YEAR}-11-20")
    dialog.quota_min.setValue(3)
    dialog.quota_max.setValue(9)
    with qtbot.waitSignal(page.session.changed) as announced:
        dialog.save()
    assert announced.args[0].rounds and dialog.result() == dialog.DialogCode.Accepted
    round_ = Round.get(Round.year == YEAR)
    assert (round_.deadline, round_.quota_min, round_.quota_max) == (date(YEAR, 11, 20), 3, 9)
    entry = AuditLog.select().where(AuditLog.action == "round.update").order_by(AuditLog.id.desc()).get()
    assert entry.user.login == "admin" and f"{YEAR}-11-20" in entry.after


def test_refusals_are_shown_under_their_fields_and_change_nothing(page_for, qtbot):
    page = page_for("admin")
    dialog = page.edit_round()
    qtbot.addWidget(dialog)
    before = forms.round_for(YEAR, create=False)
    dialog.deadline.edit.setText(f"{YEAR + 1}-01-05")
    dialog.save()
    assert f"应在 {YEAR} 年内" in dialog.deadline.error.text() and not dialog.result()
    dialog.deadline.edit.setText(f"{YEAR}-10-01")
    dialog.quota_min.setValue(9)
    dialog.quota_max.setValue(2)
    dialog.save()
    assert "下限 ≤ 上限" in dialog.errors["quota"].text() and dialog.errors["quota"].isVisible()
    after = forms.round_for(YEAR, create=False)
    assert (after.deadline, after.quota_min, after.quota_max) == (
        before.deadline,
        before.quota_min,
        before.quota_max,
    )


@pytest.mark.parametrize("login", ["shenhe", "dongsheng", "chakan"])
def test_only_the_city_administrator_is_offered_it_and_the_service_refuses_the_others(
    login, page_for, demo_users
):
    assert not page_for(login).round_button.isVisible()
    with pytest.raises(PermissionDenied, match="只有市局管理员"):
        forms.set_round(demo_users[login], YEAR, quota_max=7)
