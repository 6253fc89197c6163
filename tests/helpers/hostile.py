"""Hostile workbooks: stale dimensions, zip bombs and odd parts, made by editing a real xlsx's zip directly."""

import re
import zipfile
from pathlib import Path

SHEET = "xl/worksheets/sheet1.xml"


def rewrite_part(path: Path, member: str, edit) -> None:
    """Replace one part of the xlsx at `path` by `edit(old_bytes)`, keeping every other part as it was."""
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            target.writestr(info.filename, edit(data) if info.filename == member else data)


def set_dimension(path: Path, ref: str) -> None:
    """Write a stale `<dimension>` into the first sheet, as tools other than Excel do."""
    rewrite_part(
        path,
        SHEET,
        lambda xml: re.sub(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(), xml),
    )


def dimension_of(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return re.search(rb'<dimension ref="([^"]*)"', archive.read(SHEET)).group(1).decode()


def cells_bomb(rows: int, columns: int = 10, text: str = "炸弹") -> bytes:
    """A sheet XML of `rows` × `columns` identical inline-string cells: megabytes that deflate to kilobytes.

    Rows and cells carry no reference (the format allows that), so every row is the same bytes.
    """
    row = ("<row>" + f'<c t="inlineStr"><is><t>{text}</t></is></c>' * columns + "</row>").encode()
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + row * rows
        + b"</sheetData></worksheet>"
    )


def uncompressed_size(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist())
