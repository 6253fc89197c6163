"""The xcb check runs before Qt: it must name the missing libraries and the Debian packages."""

from app.ui.platform_check import DEBIAN_PACKAGES, missing_xcb_libraries, platform_help, uses_xcb


def _loader(missing: set[str]):
    def load(soname: str):
        if soname in missing:
            raise OSError(f"{soname}: cannot open shared object file")
        return object()

    return load


def test_reports_missing_libraries_on_linux():
    missing = missing_xcb_libraries("linux", {}, _loader({"libxcb-cursor.so.0"}))
    assert missing == ["libxcb-cursor.so.0"]
    text = platform_help(missing)
    assert "libxcb-cursor.so.0" in text and DEBIAN_PACKAGES in text and "无法启动图形界面" in text


def test_nothing_missing_when_all_load():
    assert missing_xcb_libraries("linux", {"QT_QPA_PLATFORM": "xcb"}, _loader(set())) == []


def test_other_platforms_are_not_checked():
    def refuse(_soname):
        raise AssertionError("must not probe libraries")

    assert missing_xcb_libraries("win32", {}, refuse) == []
    assert missing_xcb_libraries("linux", {"QT_QPA_PLATFORM": "offscreen"}, refuse) == []
    assert not uses_xcb("linux", {"XDG_SESSION_TYPE": "wayland"})
    assert uses_xcb("linux", {"QT_QPA_PLATFORM": "xcb:foo"})


def test_packages_named_in_tech_notes():
    for package in "libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0".split():
        assert package in DEBIAN_PACKAGES.split()
