"""Printing applications through the service: the stored form, the user's font setting, a district batch."""

import io

from pypdf import PdfReader

from app.models import Enterprise
from app.services.applications import forms as applications
from app.services.applications import printing as application_print
from app.services.core import settings


def _text(data) -> str:
    return "".join(page.extract_text() for page in PdfReader(data).pages).replace("\n", "").replace(" ", "")


def test_printed_form_is_the_submitted_snapshot(demo_users):
    admin = demo_users["admin"]
    ent = Enterprise.select().where(Enterprise.kind == "association").first()
    app = applications.new_draft(admin, ent.id, 2026)
    buffer = io.BytesIO()
    report = application_print.print_application(admin, app.id, buffer)
    buffer.seek(0)
    text = _text(buffer)
    assert ent.name in text and ent.uscc in text and "2026" in text
    assert report.pages >= 3 and report.warnings == []


def test_batch_prints_every_application_of_the_district(demo_users, tmp_path):
    admin = demo_users["admin"]
    district_ents = list(
        Enterprise.select()
        .join(Enterprise.district.rel_model)
        .where(Enterprise.district.rel_model.code == "150621")
    )
    for ent in district_ents:
        applications.new_draft(admin, ent.id, 2026)
    out = tmp_path / "batch.pdf"
    report = application_print.print_round(admin, 2026, "150621", out)
    text = _text(out)
    assert all(ent.name in text for ent in district_ents)
    assert len(PdfReader(out).pages) == report.pages


def test_a_bad_font_setting_warns_and_still_prints(demo_users, tmp_path):
    admin = demo_users["admin"]
    settings.set_value(admin, "documents.font_file", str(tmp_path / "missing.ttf"))
    app = applications.new_draft(admin, Enterprise.select().first().id, 2026)
    report = application_print.print_application(admin, app.id, tmp_path / "x.pdf")
    assert report.warnings and report.pages >= 3
