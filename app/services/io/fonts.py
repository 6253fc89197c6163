"""Chinese fonts for PDFs: find embeddable TrueType faces, register them, and route missing glyphs to fallbacks.

Windows fonts are read from %WINDIR%\\Fonts at run time and never shipped: their licences allow embedding in a
document but not redistribution. reportlab embeds TrueType (.ttf, .ttc) as subsets and refuses CFF outlines
(.otf, the Noto CJK .ttc). STSong-Light, the built-in CID font, embeds nothing and is the last resort only.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from app.services.core import settings

ROLES = ("song", "hei", "kai", "title")
ROLE_LABELS = {"song": "正文（宋/仿宋）", "hei": "标题（黑体）", "kai": "楷体", "title": "公文标题（小标宋）"}
CID_FALLBACK = "STSong-Light"

CID_WARNING = (
    "未找到可嵌入的中文 TrueType 字体，已改用内置字体 STSong-Light（PDF 中不嵌入字形）："
    "在未联网的电脑上用 Adobe Reader 打开会提示下载字体包，其他阅读器会用替代字体显示。"
    "请在“系统设置—打印字体”中指定字体文件（如 C:\\Windows\\Fonts\\simfang.ttf）后重新生成。"
)

_SONG = (
    # GB/T 9704 sets body text in 仿宋; 宋体 is the usual stand-in on bureau PCs.
    ("simfang.ttf", 0),
    ("simsun.ttc", 0),
    ("simsun.ttf", 0),
    ("uming.ttc", 0),
    ("wqy-zenhei.ttc", 0),
    ("wqy-microhei.ttc", 0),
    ("droidsansfallbackfull.ttf", 0),
    ("droidsansfallback.ttf", 0),
)
_HEI = (
    ("simhei.ttf", 0),
    ("msyh.ttc", 0),
    ("wqy-zenhei.ttc", 0),
    ("wqy-microhei.ttc", 0),
    *_SONG,
)
_CANDIDATES: dict[str, tuple[tuple[str, int], ...]] = {
    "song": _SONG,
    "hei": _HEI,
    "kai": (("simkai.ttf", 0), ("stkaiti.ttf", 0), ("ukai.ttc", 0), *_SONG),
    # GB/T 9704 titles are 小标宋 (方正小标宋, installed on many bureau PCs); 黑体 where it is missing.
    "title": (
        ("fzxbsjw.ttf", 0),
        ("方正小标宋简体.ttf", 0),
        ("fzxbsk.ttf", 0),
        ("方正小标宋_gbk.ttf", 0),
        *_HEI,
    ),
}
# Per-character fallbacks, tried in order: symbol faces for ☑☐, Ext-A/Ext-B faces for rare characters in
# names (䶮, 𠮷), Latin faces for CJK fonts without Latin digits (Droid Sans Fallback).
_FALLBACKS: tuple[tuple[str, int], ...] = (
    ("seguisym.ttf", 0),
    ("simsun.ttc", 0),
    ("simsunb.ttf", 0),
    ("mingliub.ttc", 0),
    ("hanamina.ttf", 0),
    ("hanaminb.ttf", 0),
    ("uming.ttc", 0),
    ("wqy-zenhei.ttc", 0),
    ("wqy-microhei.ttc", 0),
    ("dejavusans.ttf", 0),
    ("arial.ttf", 0),
    ("droidsansfallbackfull.ttf", 0),
)


def _utf16_hex(code: int) -> str:
    """A code point as the UTF-16BE hex a ToUnicode CMap wants: a surrogate pair above U+FFFF."""
    return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()


def _to_unicode_cmap(fontname: str, subset) -> str:
    """reportlab's ToUnicode CMap, but correct for characters beyond the BMP.

    reportlab writes "<%04X>", so 𠮷 (U+20BB7) became <20BB7>, read as U+20BB (₻): copy and search gave the
    wrong name. A CMap destination is UTF-16BE, so such a character needs its surrogate pair <D842DFB7>.
    """
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *(f"<{i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(subset)),
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


# reportlab looks the function up by name when it writes each font subset.
ttfonts.makeToUnicodeCMap = _to_unicode_cmap


def default_font_dirs() -> list[Path]:
    """The folders searched when none are given: the Windows font folders, then the usual Unix ones."""
    dirs: list[Path] = []
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot")
    if windir:
        dirs.append(Path(windir) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:
        # Fonts installed "for this user only" on Windows 10+ land here, not in %WINDIR%\Fonts.
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    home = Path.home()
    dirs += [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local" / "share" / "fonts",
        home / ".fonts",
        Path("/Library/Fonts"),
        Path("/System/Library/Fonts"),
    ]
    return [d for d in dirs if d.is_dir()]


@cache
def _index(dirs: tuple[str, ...]) -> dict[str, Path]:
    """Lower-cased file name → first path found; earlier folders win."""
    found: dict[str, Path] = {}
    for folder in dirs:
        for root, _subdirs, files in os.walk(folder):
            for name in files:
                found.setdefault(name.lower(), Path(root) / name)
    return found


def clear_cache() -> None:
    """Forget the folder index and font choices (after the user installs a font while the program runs)."""
    _index.cache_clear()
    _FONT_SETS.clear()


# (path, index) → (registered name or None, reason it is unusable)
_LOADED: dict[tuple[str, int], tuple[str | None, str]] = {}


def _load(path: Path, index: int = 0) -> tuple[str | None, str]:
    key = (str(path), index)
    if key in _LOADED:
        return _LOADED[key]
    stem = re.sub(r"[^A-Za-z0-9]+", "", path.stem) or "font"
    name = f"{stem}-{index}-{hashlib.sha1(str(path).encode()).hexdigest()[:6]}"
    try:
        if not path.is_file():
            raise FileNotFoundError(str(path))
        font = TTFont(name, str(path), subfontIndex=index)
    except FileNotFoundError:
        result: tuple[str | None, str] = (None, "文件不存在")
    except Exception as exc:  # noqa: BLE001 - a broken or CFF font file must never stop printing
        if "postscript outlines" in str(exc).lower():
            result = (None, "PostScript（CFF）轮廓的 OpenType 字体，无法嵌入")
        elif "embed" in str(exc).lower():
            result = (None, "字体授权不允许嵌入")
        else:
            result = (None, f"无法读取：{exc}")
    else:
        pdfmetrics.registerFont(font)
        # A fallback face inside <b> or <i> needs a family, or reportlab raises "Can't find concrete font".
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
        result = (name, "")
    _LOADED[key] = result
    return result


def _glyphs(name: str) -> Mapping[int, int] | None:
    """The code-point map of a registered TrueType font; None for CID fonts."""
    face = getattr(pdfmetrics.getFont(name), "face", None)
    return getattr(face, "charToGlyph", None)


def ink_box(name: str, char: str) -> tuple[float, float, float, float] | None:
    """The glyph outline's bounds (x_min, y_min, x_max, y_max) in ems, from the font's glyf table.

    The advance width says nothing about the drawn size: a "□" may fill 43 % of its em in one face and 91 % in
    another. None for the CID font and glyphs without an outline.
    """
    face = getattr(pdfmetrics.getFont(name), "face", None)
    gid = getattr(face, "charToGlyph", {}).get(ord(char))
    if face is None or not gid or "glyf" not in getattr(face, "table", {}):
        return None
    try:
        face.seek_table("glyf", face.glyphPos[gid])
        face.read_short()  # number of contours
        bounds = [face.read_short() for _ in range(4)]
    except Exception:  # noqa: BLE001 - an odd glyph table means "unknown size", never a failed print
        return None
    x0, y0, x1, y1 = (v / face.unitsPerEm for v in bounds)
    return (x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None


def _in_adobe_gb1(char: str) -> bool:
    """Whether the CID font STSong-Light (Adobe-GB1: GBK plus CJK Extension A) has a glyph for `char`.

    reportlab ships no CMap to look this up; GBK is what every Adobe-GB1 font certainly covers.
    """
    if 0x3400 <= ord(char) <= 0x4DBF:
        return True
    try:
        char.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


def _has_chinese(name: str) -> bool:
    glyphs = _glyphs(name)
    return glyphs is None or all(ord(ch) in glyphs for ch in "中国知识产权")


@dataclass
class FontSet:
    """Registered font names per role, the files behind them, per-character fallbacks and warnings."""

    song: str
    hei: str
    kai: str
    title: str = ""  # "" → 黑体
    files: dict[str, str] = field(default_factory=dict)  # role → font file ("" for the CID font)
    fallbacks: tuple[str, ...] = ()
    fallback_files: dict[str, str] = field(default_factory=dict)  # fallback name → font file
    warnings: list[str] = field(default_factory=list)
    embedded: bool = True

    def font(self, role: str) -> str:
        return getattr(self, role) or self.hei

    def has_glyph(self, font_name: str, char: str) -> bool:
        glyphs = _glyphs(font_name)
        if glyphs is None:
            return _in_adobe_gb1(char)
        return ord(char) in glyphs

    def summary(self) -> str:
        """Which files were used, for the PDF's keywords and the render report."""
        if not self.embedded:
            return f"{CID_FALLBACK}（内置，未嵌入）"
        parts = [f"{ROLE_LABELS[r]}：{Path(self.files[r]).name}" for r in ROLES if r in self.files]
        if self.fallback_files:
            names = "、".join(dict.fromkeys(Path(p).name for p in self.fallback_files.values()))
            parts.append(f"补字：{names}")
        return "；".join(parts)


def _find(
    role: str, index: dict[str, Path], user: str | Path | None, warnings: list[str]
) -> tuple[str, str] | None:
    if user:
        path = Path(user)
        name, reason = _load(path)
        if name and not _has_chinese(name):
            name, reason = None, "不含中文字形"
        if name:
            return name, str(path)
        warnings.append(f"所选字体“{path}”无法使用（{reason}），已改用系统字体。")
    for filename, sub in _CANDIDATES[role]:
        path = index.get(filename)
        if path is None:
            continue
        name, _reason = _load(path, sub)
        if name and _has_chinese(name):
            return name, str(path)
    return None


_FONT_SETS: dict[tuple, FontSet] = {}


def load_fonts(
    user_font: str | Path | None = None,
    *,
    role_files: Mapping[str, str | Path] | None = None,
    search_dirs: Sequence[str | Path] | None = None,
) -> FontSet:
    """Find, register and return the fonts for a document; the same choice is made once per process.

    `user_font` (the setting "正文字体文件") is tried first for body text, `role_files` first for their role;
    `search_dirs` replaces the default folders (tests pass an empty folder to force the CID fallback).
    """
    key = (
        str(user_font or ""),
        tuple(sorted((r, str(f)) for r, f in (role_files or {}).items())),
        None if search_dirs is None else tuple(str(d) for d in search_dirs),
    )
    if key not in _FONT_SETS:
        _FONT_SETS[key] = _load_fonts(user_font, role_files, search_dirs)
    return _FONT_SETS[key]


def _load_fonts(
    user_font: str | Path | None,
    role_files: Mapping[str, str | Path] | None,
    search_dirs: Sequence[str | Path] | None,
) -> FontSet:
    dirs = default_font_dirs() if search_dirs is None else [Path(d) for d in search_dirs]
    index = _index(tuple(str(d) for d in dirs))
    warnings: list[str] = []
    chosen: dict[str, tuple[str, str]] = {}
    for role in ROLES:
        user = (role_files or {}).get(role) or (user_font if role == "song" else None)
        found = _find(role, index, user, warnings)
        if found:
            chosen[role] = found
    if "song" not in chosen:
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
        warnings.append(CID_WARNING)
        return FontSet(CID_FALLBACK, CID_FALLBACK, CID_FALLBACK, warnings=warnings, embedded=False)
    # With one Chinese face only (a bare Linux box), headings and 楷体 use it too: plain, not an error.
    for role in ("hei", "kai"):
        chosen.setdefault(role, chosen["song"])
    chosen.setdefault("title", chosen["hei"])
    song, hei, kai, title = (chosen[r][0] for r in ROLES)
    pdfmetrics.registerFontFamily(song, normal=song, bold=hei, italic=kai, boldItalic=hei)
    pdfmetrics.registerFontFamily(hei, normal=hei, bold=hei, italic=hei, boldItalic=hei)
    if kai not in (song, hei):
        pdfmetrics.registerFontFamily(kai, normal=kai, bold=hei, italic=kai, boldItalic=hei)
    fallbacks: list[str] = []
    fallback_files: dict[str, str] = {}
    for filename, sub in _FALLBACKS:
        path = index.get(filename)
        if path is None:
            continue
        name, _reason = _load(path, sub)
        if name and name not in fallbacks:
            fallbacks.append(name)
            fallback_files[name] = str(path)
    if title not in (song, hei, kai):
        pdfmetrics.registerFontFamily(title, normal=title, bold=title, italic=title, boldItalic=title)
    return FontSet(
        song,
        hei,
        kai,
        title,
        files={r: chosen[r][1] for r in ROLES},
        fallbacks=tuple(fallbacks),
        fallback_files=fallback_files,
        warnings=warnings,
    )


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class GlyphRouter:
    """Turns plain text into Paragraph markup, sending characters a role's font lacks to a fallback face.

    reportlab silently prints nothing for a glyph the font lacks, so every character is checked. Characters no
    font has are collected in `missing` for the render report. One router per rendered document.
    """

    def __init__(self, fonts: FontSet):
        self.fonts = fonts
        self.missing: set[str] = set()
        self.missing_in: dict[str, set[str]] = {}  # field label ("" when unnamed) → characters no font has
        self.used_fallbacks: set[str] = set()
        self._choice: dict[tuple[str, str], str | None] = {}

    def font_for(self, char: str, role: str = "song") -> str | None:
        """The font that draws `char` for `role`: its own, a fallback, or None if no font has it."""
        primary = self.fonts.font(role)
        key = (primary, char)
        if key not in self._choice:
            if char.isspace() or self.fonts.has_glyph(primary, char):
                self._choice[key] = primary
            else:
                # Other roles' faces first: they match the document's look better than a symbol font.
                others = [self.fonts.font(r) for r in ROLES if self.fonts.font(r) != primary]
                candidates = [*others, *self.fonts.fallbacks]
                self._choice[key] = next((f for f in candidates if self.fonts.has_glyph(f, char)), None)
        return self._choice[key]

    def can_draw(self, text: str, role: str = "song") -> bool:
        return all(self.font_for(ch, role) is not None for ch in text)

    def __call__(self, text: object, role: str = "song", source: str = "") -> str:
        """Markup for `text`; `source` names where it comes from in the warning about characters no font has."""
        text = (
            _CONTROL.sub("", str(text if text is not None else "")).replace("\r\n", "\n").replace("\r", "\n")
        )
        primary = self.fonts.font(role)
        runs: list[tuple[str, str]] = []
        for ch in text.replace("\t", " "):
            font = self.font_for(ch, role) if ch != "\n" else primary
            if font is None:
                # Passed to the primary font all the same: the page shows a gap, the warning names it.
                self.missing.add(ch)
                self.missing_in.setdefault(source, set()).add(ch)
                font = primary
            if runs and runs[-1][0] == font:
                runs[-1] = (font, runs[-1][1] + ch)
            else:
                runs.append((font, ch))
        out = []
        for font, chunk in runs:
            body = escape(chunk).replace("\n", "<br/>")
            if font == primary:
                out.append(body)
            else:
                self.used_fallbacks.add(font)
                out.append(f'<font name="{font}">{body}</font>')
        return "".join(out)

    def warnings(self) -> list[str]:
        """One warning per field naming the characters that print as blanks, and how to fix it."""
        out = []
        for source in sorted(self.missing_in):
            listed = "、".join(f"{c}（U+{ord(c):04X}）" for c in sorted(self.missing_in[source]))
            where = f"“{source}”中" if source else ""
            out.append(
                f"{where}以下字符在已找到的字体中都没有字形，打印时会缺失：{listed}。"
                "可安装含扩展汉字的字体（如 SimSun-ExtB、花园明朝）后重新生成。"
            )
        return out


def configured_fonts() -> FontSet:
    """The fonts for printing, honouring the user's font file setting."""
    return load_fonts(user_font=settings.get("documents.font_file") or None)
