"""申报表… for one enterprise: open its application of the round, or offer to draft one from the register."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QMessageBox, QWidget

from app.services.applications import forms as applications
from app.services.core.errors import DomainError
from app.services.core.permissions import can_write_enterprises
from app.services.enterprises import register as enterprises
from app.ui.applications.editor import ApplicationEditor, open_editor
from app.ui.session import Session
from app.ui.widgets import confirm, show_error


def open_for_enterprise(
    parent: QWidget | None, session: Session, enterprise_id: int, year: int | None = None
) -> ApplicationEditor | None:
    year = year or date.today().year
    user = session.user
    try:
        enterprise = enterprises.get(user, enterprise_id)
        current = applications.current_for(user, enterprise_id, year)
        if current is None:
            if not can_write_enterprises(user, enterprise.district_id) or enterprise.archived:
                QMessageBox.information(parent, "申报表", f"“{enterprise.name}”尚无 {year} 年度申报表。")
                return None
            if not confirm(
                parent,
                "新建申报表",
                f"“{enterprise.name}”尚无 {year} 年度申报表。\n\n是否根据企业信息新建申报表草稿？",
            ):
                return None
            current = session.perform(applications.new_draft, user, enterprise_id, year)
    except DomainError as exc:
        show_error(parent, exc, "无法打开申报表")
        return None
    return open_editor(parent, session, current.id)
