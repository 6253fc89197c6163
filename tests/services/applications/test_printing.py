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


def test_batch_pads_for_duplex_unless_the_setting_is_off(demo_users, tmp_path):
    admin = demo_users["admin"]
    for ent in (
        Enterprise.select()
        .join(Enterprise.district.rel_model)
        .where(Enterprise.district.rel_model.code == "150621")
    ):
        applications.new_draft(admin, ent.id, 2026)

    def firsts_and_blanks(name: str) -> tuple[list[int], int]:
        application_print.print_round(admin, 2026, "150621", tmp_path / name)
        texts = [page.extract_text().replace(" ", "") for page in PdfReader(tmp_path / name).pages]
        return [i for i, t in enumerate(texts) if "—1—" in t], sum(not t.strip() for t in texts)

    padded, blanks = firsts_and_blanks("duplex.pdf")
    assert len(padded) > 1 and all(i % 2 == 0 for i in padded)  # every form on an odd page (0-based even)
    assert blanks >= 1  # the district's forms include one with an odd page count
    settings.set_value(admin, "documents.duplex_batches", False)
    plain, none = firsts_and_blanks("simplex.pdf")
    assert none == 0 and len(plain) == len(padded)
    assert [a - b for a, b in zip(padded, plain, strict=True)][-1] == blanks


def test_a_bad_font_setting_warns_and_still_prints(demo_users, tmp_path):
    admin = demo_users["admin"]
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font")
    settings.set_value(admin, "documents.font_file", str(broken))
    app = applications.new_draft(admin, Enterprise.select().first().id, 2026)
    report = application_print.print_application(admin, app.id, tmp_path / "x.pdf")
    assert report.warnings and report.pages >= 3


def test_recorded_opinions_print_in_their_boxes_with_who_and_when(demo_users):
    import random
    from datetime import timedelta

    from app.services.applications import decisions
    from app.services.enterprises import records as enterprise_records
    from app.services.enterprises import register as enterprises
    from app.services.system.demo import make_uscc

    admin = demo_users["admin"]
    data = {"name": "鄂尔多斯市意见测试有限公司", "uscc": make_uscc(random.Random(3), "150602"), "kind": "enterprise",
            "district": "150602"}  # fmt: skip
    ent = enterprises.create(admin, data).enterprise
    enterprise_records.save_holding(admin, ent.id, 2025, {"invention_patents": 12})
    enterprise_records.save_contact(
        admin, ent.id, {"name": "张敏", "mobile": "13912345678", "is_primary": True}
    )
    app = applications.submit(admin, applications.new_draft(admin, ent.id, 2026).id)
    on = app.round.deadline - timedelta(days=1)
    officer, reviewer = demo_users["dongsheng"], demo_users["shenhe"]  # one recommends, another decides
    decisions.recommend(officer, app.id, "该企业知识产权管理规范，（同意）推荐。", on=on)
    decisions.decide(reviewer, app.id, "approve", "符合条件，同意纳入。", on=on + timedelta(days=3))
    buffer = io.BytesIO()
    application_print.print_application(admin, app.id, buffer)
    buffer.seek(0)
    text = _text(buffer)
    day = on + timedelta(days=3)
    assert "该企业知识产权管理规范，（同意）推荐。" in text
    assert f"经办人：{officer.display_name.replace(' ', '')}{on.year}年{on.month}月{on.day}日" in text
    assert "批准纳入名录。符合条件，同意纳入。" in text
    assert f"经办人：{reviewer.display_name.replace(' ', '')}{day.year}年{day.month}月{day.day}日" in text
    assert "法定代表人签字" in text


def test_a_typical_form_prints_on_three_pages_and_the_blank_form_on_four(demo_users):
    admin = demo_users["admin"]
    pages = []
    for ent in Enterprise.select().where(Enterprise.kind == "enterprise").order_by(Enterprise.id).limit(6):
        app = applications.new_draft(admin, ent.id, 2026)
        pages.append(application_print.print_application(admin, app.id, io.BytesIO()).pages)
    assert pages and max(pages) <= 3, pages
    buffer = io.BytesIO()
    report = application_print.print_blank(buffer, 2026)
    assert report.pages == len(PdfReader(buffer).pages) <= 4


def test_batch_reports_progress_per_form_and_a_cancel_leaves_no_file(demo_users, tmp_path):
    admin = demo_users["admin"]
    for ent in (
        Enterprise.select()
        .join(Enterprise.district.rel_model)
        .where(Enterprise.district.rel_model.code == "150621")
    ):
        applications.new_draft(admin, ent.id, 2026)
    total = len(applications.list_round(admin, 2026, "150621"))
    assert total >= 3
    seen: list[tuple[int, int]] = []
    full = tmp_path / "full.pdf"
    report = application_print.print_round(admin, 2026, "150621", full, lambda d, t: seen.append((d, t)))
    assert report is not None and full.exists() and len(PdfReader(full).pages) == report.pages
    assert [d for d, _ in seen] == list(range(total + 1)) and {t for _, t in seen} == {total}

    # Cancelled after the second form: nothing written, not even a partial file beside the target.
    stopped = tmp_path / "stopped.pdf"
    done: list[int] = []
    result = application_print.print_round(
        admin, 2026, "150621", stopped, lambda d, _t: done.append(d), lambda: len(done) >= 2
    )
    assert result is None and done == [0, 1]
    assert sorted(p.name for p in tmp_path.glob("*.pdf*")) == ["full.pdf"]
    # A file already at the target stays as it was when a batch to it is cancelled.
    before = full.read_bytes()
    assert application_print.print_round(admin, 2026, "150621", full, None, lambda: True) is None
    assert full.read_bytes() == before
    buffer = io.BytesIO()
    assert application_print.print_round(admin, 2026, "150621", buffer, None, lambda: True) is None
    assert buffer.getvalue() == b""
