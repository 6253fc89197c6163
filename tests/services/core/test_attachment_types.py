"""Finding 15: an attachment is taken only when its extension is allowed AND its bytes agree; it is stored
under a generated name, shown under a cleaned name, and opened only as a copy named for its verified type."""

import io
import string
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.models import Attachment, Enterprise
from app.services.core import attachments, file_types
from app.services.core.errors import DomainError

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40
TIFF = b"II*\x00" + b"\x00" * 40
GIF = b"GIF89a" + b"\x00" * 40


def _zip(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return out.getvalue()


def _ole(*streams: str) -> bytes:
    """An OLE2 compound file's header and a directory naming `streams` (as Office writes them, UTF-16LE)."""
    directory = b"".join(s.encode("utf-16-le") + b"\x00\x00" + b"\x00" * (64 - 2 * len(s) - 2) + b"\x00" * 64
                         for s in ("Root Entry", *streams))  # fmt: skip
    return file_types.OLE_MAGIC + b"\x00" * 504 + directory


def _xlsx() -> bytes:
    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    return out.getvalue()


DOCX = _zip("[Content_Types].xml", "_rels/.rels", "word/document.xml")
GOOD = {
    "扫描件.pdf": PDF, "photo.PNG": PNG, "现场.jpg": JPEG, "现场.jpeg": JPEG, "scan.tif": TIFF,
    "scan.tiff": TIFF, "old.gif": GIF, "申请.docx": DOCX, "数据.xlsx": _xlsx(), "公文.ofd": _zip("OFD.xml", "Doc_0/Document.xml"),
    "旧版.doc": _ole("WordDocument", "SummaryInformation"), "旧表.xls": _ole("Workbook"),
}  # fmt: skip
BAD = {
    "run.bat": PDF,  # %PDF at the start does not make a batch file a PDF
    "page.html": PDF,
    "page.htm": b"%PDF-<script>alert(1)</script>",
    "program.pdf": b"MZ\x90\x00 this is a program",
    "tool.jar": _zip("META-INF/MANIFEST.MF", "a/Main.class"),
    "tool.docx": _zip("META-INF/MANIFEST.MF", "a/Main.class"),  # a jar renamed
    "book.docx": _zip("[Content_Types].xml", "xl/workbook.xml"),  # a workbook is no Word file
    "data.xlsx": DOCX,
    "broken.docx": b"PK\x03\x04 not really a zip",
    "any.zip": _zip("a.txt"),
    "setup.doc": _ole("\x05SummaryInformation"),  # an installer's OLE file (.msi) renamed
    "table.xls": _ole("WordDocument"),
    "image.png": JPEG,
    "hidden.pdf.exe": PDF,
    "trailing.exe.": b"MZ",
    "noext": PDF,
    "x.pdf:evil.exe": PDF,
}


def _attach(user, tmp_path, name: str, content: bytes):
    folder = tmp_path / f"f{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    path = folder / name
    path.write_bytes(content)
    return attachments.attach(user, path, Enterprise.select().first())


@pytest.mark.parametrize("name", list(GOOD))
def test_an_allowed_extension_with_agreeing_content_is_taken(demo_users, tmp_path, name):
    row = _attach(demo_users["admin"], tmp_path, name, GOOD[name])
    kind = file_types.BY_SUFFIX[name[name.rindex(".") :].lower()]
    assert row.mime == kind.mime and row.original_name == name
    assert attachments.viewable_name(row) == name


@pytest.mark.parametrize("name", list(BAD))
def test_an_extension_not_allowed_or_content_that_disagrees_is_refused(demo_users, tmp_path, name):
    with pytest.raises(DomainError, match="不是支持的类型，或文件内容与扩展名不符"):
        _attach(demo_users["admin"], tmp_path, name, BAD[name])
    assert Attachment.select().count() == 0


def test_the_stored_file_has_a_generated_name_and_the_shown_name_is_cleaned(demo_users, tmp_path):
    row = _attach(demo_users["admin"], tmp_path, "盖章\n扫描件\u202e.pdf", PDF)
    stored = attachments.file_of(row)
    assert stored.name == row.sha256 and stored.parent.parent == attachments.store_dir()
    assert row.original_name == "盖章扫描件.pdf" and "\n" not in attachments.viewable_name(row)


def test_a_file_of_a_type_no_longer_taken_is_not_opened(demo_users, tmp_path):
    """A zip an older version took as application/zip (a .jar did) is never handed to the system."""
    row = _attach(demo_users["admin"], tmp_path, "ok.pdf", PDF)
    Attachment.update(mime="application/zip", original_name="tool.jar").where(
        Attachment.id == row.id
    ).execute()
    with pytest.raises(DomainError, match="不能直接打开"):
        attachments.viewable_name(Attachment.get_by_id(row.id))


def test_a_stored_name_with_another_extension_opens_with_the_verified_one(demo_users, tmp_path):
    row = _attach(demo_users["admin"], tmp_path, "scan.pdf", PDF)
    Attachment.update(original_name="scan.pdf\n.bat").where(Attachment.id == row.id).execute()  # an older row
    assert attachments.viewable_name(Attachment.get_by_id(row.id)) == "scan.pdf.bat.pdf"


@pytest.mark.parametrize(
    "name, shown",
    [("../../etc/passwd.pdf", "passwd.pdf"), ("C:\\Users\\x\\报告.pdf", "报告.pdf"), ("CON.pdf", "_CON.pdf"),
     ("a\x00b\x01c.pdf", "abc.pdf"), ("report.pdf. . ", "report.pdf"), ("长" * 300 + ".pdf", "长" * 196 + ".pdf")],
)  # fmt: skip
def test_clean_name(name, shown):
    assert file_types.clean_name(name) == shown


_HEADS = st.sampled_from([b"", b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF89a",
                          b"PK\x03\x04", file_types.OLE_MAGIC, b"MZ"])  # fmt: skip
_ENTRIES = st.lists(st.sampled_from(["[Content_Types].xml", "word/document.xml", "xl/workbook.xml", "OFD.xml",
                                     "META-INF/MANIFEST.MF", "a/Main.class", "index.html"]), max_size=4)  # fmt: skip
_CONTENTS = st.one_of(st.builds(lambda h, t: h + t, _HEADS, st.binary(max_size=200)),
                      _ENTRIES.map(lambda names: _zip(*dict.fromkeys(names))))  # fmt: skip
_SUFFIXES = st.sampled_from(
    [*file_types.BY_SUFFIX, ".exe", ".bat", ".html", ".jar", ".zip", ".js", ".lnk", ""]
)
_STEMS = st.text(alphabet=string.ascii_letters + "扫描件\n\r\t\x00\u202e./\\:", max_size=20)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=_CONTENTS, stem=_STEMS, suffix=_SUFFIXES, upper=st.booleans())
def test_random_bytes_and_names_are_never_taken_unless_name_and_content_agree(tmp_path, content, stem, suffix,
                                                                                upper):  # fmt: skip
    name = stem + (suffix.upper() if upper else suffix)
    path = tmp_path / "candidate"
    path.write_bytes(content)
    kind = file_types.verified_type(path, name)
    if kind is None:
        return
    shown = file_types.clean_name(name)
    assert shown and "\n" not in shown and "/" not in shown and "\\" not in shown
    suffix_shown = shown[shown.rindex(".") :].lower()
    assert suffix_shown in kind.suffixes
    expected = {".pdf": b"%PDF-", ".png": b"\x89PNG", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff",
                ".gif": b"GIF8", ".doc": file_types.OLE_MAGIC, ".xls": file_types.OLE_MAGIC}  # fmt: skip
    if suffix_shown in expected:
        assert content.startswith(expected[suffix_shown])
    elif suffix_shown in (".tif", ".tiff"):
        assert content[:4] in (b"II*\x00", b"MM\x00*")
    else:  # docx, xlsx, ofd: a real zip whose directory shows that kind of document
        names = set(zipfile.ZipFile(path).namelist())
        needs = {".ofd": {"OFD.xml"}, ".docx": {"[Content_Types].xml", "word/document.xml"},
                 ".xlsx": {"[Content_Types].xml", "xl/workbook.xml"}}[suffix_shown]  # fmt: skip
        assert needs <= names
    assert file_types.viewable_name(name, kind.mime) == shown
