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
    reader = PdfReader(out)
    assert len(reader.pages) == report.pages
    # Each form is numbered from 1, as if printed alone: one "— 1 —" per form.
    firsts = [page.extract_text().replace(" ", "") for page in reader.pages]
    assert sum("—1—" in t for t in firsts) == len(district_ents) > 1
    # One document: each font subset is embedded once for the batch (a merge of separate PDFs held one copy of
    # "AAAAAA+…" per form).
    programs: dict[str, set[int]] = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None:
                program = descriptor.get_object().raw_get("/FontFile2").idnum
                programs.setdefault(str(font["/BaseFont"]), set()).add(program)
    assert programs and all(len(ids) == 1 for ids in programs.values()), programs


def test_a_bad_font_setting_warns_and_still_prints(demo_users, tmp_path):
    admin = demo_users["admin"]
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font")
    settings.set_value(admin, "documents.font_file", str(broken))
    app = applications.new_draft(admin, Enterprise.select().first().id, 2026)
    report = application_print.print_application(admin, app.id, tmp_path / "x.pdf")
    assert report.warnings and report.pages >= 3
