"""The 知识产权联系人 is typed in the application editor itself: a new application for an enterprise with no
contact is filled and submitted without leaving the editor, and the contact reaches the register (its permission
check and audit entry) under the same word the form uses."""

from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.models import AuditLog, Contact
from app.services.applications import forms as applications
from app.services.enterprises import records
from app.services.enterprises.search import EnterpriseQuery, search_ids
from app.ui.applications.editor import ApplicationEditor

YEAR = date.today().year


@pytest.fixture
def yes(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


@pytest.fixture
def without_contact(demo_users) -> int:
    officer = demo_users["dongsheng"]
    ent_id = search_ids(officer, EnterpriseQuery(district_code="150602"))[0]
    for contact in records.contacts(officer, ent_id):
        records.delete_contact(officer, ent_id, contact.id)
    return ent_id


@pytest.fixture
def editor(qtbot, session_for, demo_users, without_contact):
    draft = applications.new_draft(demo_users["dongsheng"], without_contact, YEAR)
    dialog = ApplicationEditor(session_for("dongsheng"), draft.id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _type(qtbot, editor, **values) -> None:
    for key, text in values.items():
        edit = editor.sections["A"].contact[key]
        edit.selectAll()
        edit.insert(text)  # typed at the cursor, as a keyboard (or an input method) would


def test_a_new_application_is_filled_and_submitted_inside_the_editor(qtbot, editor, without_contact, yes):
    windows = set(QApplication.topLevelWidgets())
    a = editor.sections["A"]
    assert editor.submit() is False  # no contact yet: refused, and the place to type it is shown
    assert editor.tabs.currentIndex() == 0 and "未填写知识产权联系人" in a.errors["contact"].text()
    _type(qtbot, editor, name="郝丽娟", post="知识产权专员", mobile="13947700123", email="hao@example.cn")
    assert a.errors["contact"].isHidden() and editor.is_dirty()  # the live check sees the typed contact
    assert editor.submit() is True
    assert editor.application.status == "submitted"
    stored = Contact.get(Contact.enterprise == without_contact)
    assert (stored.name, stored.post, stored.mobile, stored.email, stored.is_primary) == (
        "郝丽娟", "知识产权专员", "13947700123", "hao@example.cn", True
    )
    form = applications.form_of(editor.application)
    assert form.snapshot["contact"]["name"] == "郝丽娟" and form.snapshot["contact"]["mobile"] == "13947700123"
    entry = AuditLog.select().where(AuditLog.action == "contact.create").order_by(AuditLog.id.desc()).get()
    assert entry.user_login == "dongsheng" and "郝丽娟" in entry.after
    assert a.contact["name"].isReadOnly()  # submitted: frozen like the rest of the form
    assert set(QApplication.topLevelWidgets()) <= windows | set(editor.findChildren(QMessageBox))


def test_a_wrong_phone_is_shown_under_its_field_and_nothing_is_saved(qtbot, editor, without_contact):
    _type(qtbot, editor, name="郝丽娟", phone="12345")
    assert editor.save() is False
    error = editor.sections["A"].errors["contact.phone"]
    assert not error.isHidden() and "知识产权联系人电话" in error.text()
    assert not Contact.select().where(Contact.enterprise == without_contact).exists()
    assert editor.sections["A"].contact["phone"].text() == "12345"  # kept as typed, to be corrected


def test_editing_the_same_person_updates_the_register_contact(qtbot, editor, without_contact, demo_users):
    _type(qtbot, editor, name="郝丽娟", mobile="13947700123")
    assert editor.save() is True
    _type(qtbot, editor, phone="0477-8160875")
    assert editor.save() is True
    contacts = records.contacts(demo_users["dongsheng"], without_contact)
    assert [(c.name, c.phone, c.is_primary) for c in contacts] == [("郝丽娟", "0477-8160875", True)]
    _type(qtbot, editor, name="白云飞")  # another person: added as the new 知识产权联系人, the former one kept
    assert editor.save() is True
    contacts = records.contacts(demo_users["dongsheng"], without_contact)
    assert [(c.name, c.is_primary) for c in contacts] == [("白云飞", True), ("郝丽娟", False)]
    assert editor.sections["A"].contact["name"].text() == "白云飞" and not editor.is_dirty()


def test_section_a_names_the_industry_division_not_just_its_code(editor):
    from app.services.core import reference

    code = applications.form_of(editor.application).snapshot["industry_division"]
    shown = editor.sections["A"].values["industry_division"].text()
    assert code and shown == f"{code} {reference.industry_divisions()[code]}"


def test_retaking_section_a_keeps_a_contact_typed_but_not_saved(qtbot, editor, without_contact, demo_users):
    """从企业信息更新 takes the register's new address, and the contact typed meanwhile stays to be saved."""
    from app.services.enterprises import register as enterprises

    enterprises.update(demo_users["dongsheng"], without_contact, {"operating_address": "东胜区铁西大街 88 号"})
    a = editor.sections["A"]
    _type(qtbot, editor, name="郝丽娟", mobile="13947700123")
    a.refresh_button.click()
    assert a.values["operating_address"].text() == "东胜区铁西大街 88 号"
    assert a.typed_contact()["name"] == "郝丽娟" and a.typed_contact()["mobile"] == "13947700123"
    assert editor.is_dirty() and "已保留" in editor.message.text()
    assert not Contact.select().where(Contact.enterprise == without_contact).exists()  # not saved yet
    assert editor.save() is True
    stored = Contact.get(Contact.enterprise == without_contact)
    assert (stored.name, stored.mobile, stored.is_primary) == ("郝丽娟", "13947700123", True)


def test_retaking_section_a_untouched_shows_the_registers_contact_and_leaves_nothing_unsaved(
    qtbot, editor, without_contact, demo_users
):
    records.save_contact(demo_users["dongsheng"], without_contact,
                         {"name": "白云飞", "mobile": "13947700999", "is_primary": True})  # fmt: skip
    a = editor.sections["A"]
    assert a.typed_contact()["name"] == ""
    a.refresh_button.click()
    assert a.typed_contact()["name"] == "白云飞" and not editor.is_dirty()
    assert "已保留" not in editor.message.text()
