"""Which files the register takes as attachments, checked by name *and* by content, and how they are named.

What bureaus attach (domain.md): stamped forms scanned to PDF or images (JPEG, PNG, TIFF, GIF from older
cameras), the national electronic-document format OFD, and Word/Excel files an enterprise sends. A file is
taken only when its extension is on that list AND its bytes are that kind of file: a `.bat` or `.html`
starting with `%PDF` is refused (not on the list), a `.pdf` holding a program is refused (wrong bytes), a
`.jar` is refused (not on the list, and a zip is only taken as a docx/xlsx/ofd whose directory shows it).
A plain `.zip` is not taken: it can carry anything, and a viewer would unpack what nobody checked.

The stored file is named by its SHA-256 (app.services.core.attachments); the name shown to people is the
original one cleaned of path parts and of control and bidirectional-format characters (which could hide a
newline in a listing or disguise an extension, "rep\u202efdp.exe"). A file is opened only as a copy named with
its verified type's extension, so the system hands it to that type's viewer, never runs it.
"""

from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

HEAD_BYTES = 8
OLE_SCAN_BYTES = 4 * 1024 * 1024  # an OLE file's directory sits near its start in files Office writes
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
MAX_NAME = 200
_NOT_IN_NAMES = set('<>:"/\\|?*')
_DEVICES = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


@dataclass(frozen=True)
class FileType:
    mime: str
    label: str
    suffixes: tuple[str, ...]  # the first is the one a viewable copy gets


TYPES = (
    FileType("application/pdf", "PDF", (".pdf",)),
    FileType("application/ofd", "OFD", (".ofd",)),
    FileType("image/jpeg", "JPEG 图片", (".jpg", ".jpeg")),
    FileType("image/png", "PNG 图片", (".png",)),
    FileType("image/tiff", "TIFF 图片", (".tif", ".tiff")),
    FileType("image/gif", "GIF 图片", (".gif",)),
    FileType("application/msword", "Word 97-2003", (".doc",)),
    FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word", (".docx",)),
    FileType("application/vnd.ms-excel", "Excel 97-2003", (".xls",)),
    FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel", (".xlsx",)),
)
BY_SUFFIX = {suffix: t for t in TYPES for suffix in t.suffixes}
BY_MIME = {t.mime: t for t in TYPES}
ALLOWED_TEXT = "PDF、OFD、图片（JPG、PNG、TIF、GIF）、Word（DOC、DOCX）、Excel（XLS、XLSX）"


def dialog_filter() -> str:
    """The file dialogs' filter: exactly the allowed extensions."""
    patterns = " ".join(f"*{s}" for s in BY_SUFFIX)
    return f"支持的文件 ({patterns});;所有文件 (*)"


def _starts(head: bytes, *magics: bytes) -> bool:
    return any(head.startswith(m) for m in magics)


def _zip_names(path: Path) -> set[str]:
    """The entries of a zip's central directory (nothing is decompressed); empty when it is no zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return set()


def _ole_has(path: Path, *streams: str) -> bool:
    """An OLE2 compound file naming one of `streams` in its directory (names are stored in UTF-16LE)."""
    with path.open("rb") as fh:
        data = fh.read(OLE_SCAN_BYTES)
    return data.startswith(OLE_MAGIC) and any(s.encode("utf-16-le") + b"\x00\x00" in data for s in streams)


def _content_is(kind: FileType, path: Path, head: bytes) -> bool:
    suffix = kind.suffixes[0]
    if suffix == ".pdf":
        return head.startswith(b"%PDF-")
    if suffix == ".jpg":
        return head.startswith(b"\xff\xd8\xff")
    if suffix == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if suffix == ".tif":
        return _starts(head, b"II*\x00", b"MM\x00*")
    if suffix == ".gif":
        return _starts(head, b"GIF87a", b"GIF89a")
    if suffix == ".doc":
        return _ole_has(path, "WordDocument")
    if suffix == ".xls":
        return _ole_has(path, "Workbook", "Book")
    if not head.startswith(ZIP_MAGIC):
        return False
    names = _zip_names(path)
    if suffix == ".ofd":
        return "OFD.xml" in names
    part = {".docx": "word/", ".xlsx": "xl/"}[suffix]
    return "[Content_Types].xml" in names and any(n.startswith(part) for n in names)


def verified_type(path: Path, name: str | None = None) -> FileType | None:
    """The file's type when its extension (of `name`, default the path's) is allowed and its bytes agree."""
    kind = BY_SUFFIX.get(Path(clean_name(name or path.name)).suffix.lower())
    if kind is None:
        return None
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    return kind if _content_is(kind, path, head) else None


def clean_name(name: str) -> str:
    """The name to show and store: the last path part, without control or format characters, without the
    characters Windows refuses in a name or ignores at its end, at most MAX_NAME characters (the extension
    kept), never a device name such as CON."""
    base = PureWindowsPath(PurePosixPath(name).name).name
    kept = "".join(
        "_" if ch in _NOT_IN_NAMES else ch
        for ch in base
        if unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp")
    )
    kept = kept.strip().rstrip(". ")
    stem, suffix = _split(kept)
    if len(kept) > MAX_NAME:
        stem = stem[: MAX_NAME - len(suffix)].rstrip(". ")
    if stem.upper() in _DEVICES:
        stem = f"_{stem}"
    return stem + suffix


def _split(name: str) -> tuple[str, str]:
    suffix = Path(name).suffix if name else ""
    return (name[: -len(suffix)], suffix) if suffix and len(suffix) <= 10 else (name, "")


def viewable_name(display_name: str, mime: str) -> str | None:
    """A safe file name for opening a stored file of `mime`: the cleaned name with the verified type's
    extension (added when the name has another one). None for a type the register does not open."""
    kind = BY_MIME.get(mime)
    if kind is None:
        return None
    name = clean_name(display_name) or "附件"
    if Path(name).suffix.lower() not in kind.suffixes:
        name += kind.suffixes[0]
    return name
