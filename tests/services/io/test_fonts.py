"""The font service: embedded TrueType subsets when a Chinese font exists, a loud CID fallback when none does."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from app.services.applications.form_pdf import render_application
from app.services.io.fonts import (
    CID_FALLBACK,
    CID_WARNING,
    GlyphRouter,
    default_font_dirs,
    load_fonts,
)
from tests.helpers.pdf import embedded_fonts, page_texts, sample_form, sample_meta, squash

WQY = next(
    (p for d in default_font_dirs() for p in Path(d).rglob("wqy-microhei.ttc")),
    None,
)
NOTO = next(
    (p for d in default_font_dirs() for p in Path(d).rglob("NotoSansCJK-Regular.ttc")),
    None,
)
needs_wqy = pytest.mark.skipif(WQY is None, reason="fonts-wqy-microhei is not installed")


def _render(form, fonts) -> tuple[bytes, object]:
    buf = io.BytesIO()
    report = render_application(form, sample_meta(), buf, fonts)
    return buf.getvalue(), report


@needs_wqy
def test_system_font_is_embedded_as_truetype_subset():
    fonts = load_fonts()
    assert fonts.embedded and fonts.warnings == []
    pdf, report = _render(sample_form(n_patents=3), fonts)
    assert report.warnings == []
    fonts_in_pdf = embedded_fonts(pdf)
    cjk = [(name, emb) for name, emb in fonts_in_pdf if "WenQuanYi" in name or "Sim" in name]
    assert cjk and all(emb for _name, emb in cjk), fonts_in_pdf
    # reportlab names subsets "XXXXXX+PostScriptName"
    assert all("+" in name for name, _emb in cjk)
    assert CID_FALLBACK not in " ".join(name for name, _ in fonts_in_pdf)


@needs_wqy
def test_pdf_metadata_records_author_and_fonts():
    from pypdf import PdfReader

    pdf, _report = _render(sample_form(n_patents=0), load_fonts())
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta.author == "鄂尔多斯市市场监督管理局（知识产权局）"
    assert "申报表" in meta.title and "2026" in meta.title
    assert "wqy-microhei.ttc" in meta.get("/Keywords", "")


def test_empty_search_folders_fall_back_to_cid_font_with_warning(tmp_path):
    fonts = load_fonts(search_dirs=[tmp_path])
    assert not fonts.embedded
    assert fonts.song == fonts.hei == fonts.kai == CID_FALLBACK
    assert fonts.warnings == [CID_WARNING]
    assert "STSong-Light" in CID_WARNING and "字体" in CID_WARNING
    pdf, report = _render(sample_form(n_patents=2), fonts)
    assert CID_WARNING in report.warnings
    assert report.fonts_used == [CID_FALLBACK]
    names = embedded_fonts(pdf)
    assert any(CID_FALLBACK in name for name, _ in names)
    assert not any(emb for _name, emb in names)
    # Nothing is embedded, but the text is still there for readers that substitute a font.
    assert "库布其" in "".join(page_texts(pdf))


@pytest.mark.skipif(NOTO is None, reason="fonts-noto-cjk is not installed")
def test_cff_fonts_are_skipped(tmp_path):
    (tmp_path / NOTO.name).symlink_to(NOTO)
    fonts = load_fonts(search_dirs=[tmp_path])
    assert not fonts.embedded
    chosen = load_fonts(NOTO, search_dirs=[tmp_path])
    assert any("CFF" in w for w in chosen.warnings)


@needs_wqy
def test_user_font_takes_priority_and_bad_choice_is_reported(tmp_path):
    (tmp_path / "simfang.ttf").write_bytes(b"not a font")
    chosen = load_fonts(WQY, search_dirs=[tmp_path])
    assert chosen.embedded and chosen.files["song"] == str(WQY)
    broken = load_fonts(tmp_path / "simfang.ttf", search_dirs=[WQY.parent])
    assert broken.files["song"] == str(WQY)
    assert any("simfang.ttf" in w for w in broken.warnings)
    missing = load_fonts(tmp_path / "nope.ttf", search_dirs=[WQY.parent])
    assert any("文件不存在" in w for w in missing.warnings)


@needs_wqy
def test_preference_order_picks_the_gbt9704_face_when_present(tmp_path):
    # A copy named like the Windows 仿宋 file must win over wqy for body text.
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "simfang.ttf").symlink_to(WQY)
    fonts = load_fonts(search_dirs=[tmp_path, WQY.parent])
    assert Path(fonts.files["song"]).name == "simfang.ttf"
    assert Path(fonts.files["hei"]).name == "wqy-microhei.ttc"


def test_characters_missing_from_the_body_font_are_borrowed_or_reported():
    fonts = load_fonts()
    router = GlyphRouter(fonts)
    if not fonts.embedded:
        pytest.skip("no TrueType font to check glyphs against")
    for char in "☑䶮𠮷":
        pdf, report = _render(sample_form(name=f"鄂尔多斯市{char}{char}有限公司", n_patents=0), fonts)
        text = "".join(page_texts(pdf))
        if router.font_for(char) is not None:
            assert squash(f"市{char}{char}有限") in squash(text), char
            assert not any(char in w for w in report.warnings)
        else:
            # No installed font has it: the report must say so instead of dropping it silently.
            assert any(char in w and f"U+{ord(char):04X}" in w for w in report.warnings), char


def test_router_wraps_only_missing_characters_in_a_fallback_font():
    fonts = load_fonts()
    router = GlyphRouter(fonts)
    if not fonts.embedded:
        pytest.skip("no TrueType font to check glyphs against")
    markup = router("名称A&B<C>", "song")
    assert "&amp;" in markup and "&lt;C&gt;" in markup and "<font" not in markup
    if not fonts.has_glyph(fonts.song, "☑") and router.font_for("☑") is not None:
        assert f'<font name="{router.font_for("☑")}">☑</font>' in router("☑是", "song")
        assert not router.missing


def _visit_pdf(**fields) -> tuple[bytes, object]:
    from app.services.liaison.visit_pdf import VisitSheet, render_visit

    buf = io.BytesIO()
    report = render_visit(VisitSheet(**fields), buf, load_fonts())
    return buf.getvalue(), report


def test_supplementary_plane_characters_survive_copy_and_search(tmp_path):
    # The ToUnicode entry is a UTF-16 surrogate pair, so 𠮷 (U+20BB7) is extracted as itself, not as ₻ (U+20BB).
    import subprocess

    pdf, _report = _visit_pdf(enterprise="鄂尔多斯市𠮷祥有限公司", notes="走访𠮷祥")
    (tmp_path / "v.pdf").write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(tmp_path / "v.pdf"), "-"], capture_output=True, text=True).stdout
    assert "鄂尔多斯市𠮷祥有限公司" in text and "走访𠮷祥" in text
    assert "\u20bb" not in text
    assert squash("鄂尔多斯市𠮷祥有限公司") in squash("".join(page_texts(pdf)))


def test_a_character_no_font_has_still_prints_and_the_warning_names_the_field():
    missing = "\U000f0001"  # supplementary private use: no installed font has it
    pdf, report = _visit_pdf(enterprise="某公司", problems=f"问题{missing}描述")
    assert any("“企业反映的问题”" in w and "U+F0001" in w for w in report.warnings), report.warnings
    # The document prints around it; the character itself cannot be drawn or extracted.
    assert "问题" in squash("".join(page_texts(pdf))) and "描述" in squash("".join(page_texts(pdf)))


def test_no_document_references_an_unembedded_font():
    from app.services.applications.form_pdf import render_blank_application

    fonts = load_fonts()
    if not fonts.embedded:
        pytest.skip("no TrueType font: the CID fallback is unembedded by design")
    blank = io.BytesIO()
    render_blank_application(sample_meta(), blank, fonts)
    documents = [_render(sample_form(n_patents=2), fonts)[0], blank.getvalue(), _visit_pdf(notes="记录")[0]]
    for pdf in documents:
        names = embedded_fonts(pdf)
        assert names and all(embedded for _name, embedded in names), names
        assert not any("Helvetica" in name for name, _ in names)


def test_fonts_are_chosen_once_per_process():
    assert load_fonts() is load_fonts()
