"""Before Qt starts: can the Linux xcb platform plugin load? Pure Python, so it is testable without Qt.

Without these libraries Qt aborts with a cryptic "could not load the Qt platform plugin" message; we name the
Debian packages instead.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Mapping

# soname the xcb plugin needs → Debian package providing it
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0",
    "libEGL.so.1": "libegl1",
}
DEBIAN_PACKAGES = " ".join(XCB_LIBRARIES.values())


def uses_xcb(platform: str, env: Mapping[str, str]) -> bool:
    """Only Linux picks xcb, and only when no other platform plugin was asked for."""
    if not platform.startswith("linux"):
        return False
    requested = env.get("QT_QPA_PLATFORM", "").strip()
    if requested:
        return requested.split(":")[0].split(";")[0] == "xcb"
    return env.get("XDG_SESSION_TYPE", "") != "wayland"


def _loads(soname: str, loader: Callable[[str], object]) -> bool:
    try:
        loader(soname)
    except OSError:
        return False
    return True


def missing_xcb_libraries(
    platform: str, env: Mapping[str, str], loader: Callable[[str], object] = ctypes.CDLL
) -> list[str]:
    """The sonames the xcb plugin needs but cannot load here ([] when xcb is not used)."""
    if not uses_xcb(platform, env):
        return []
    return [soname for soname in XCB_LIBRARIES if not _loads(soname, loader)]


def platform_help(missing: list[str]) -> str:
    """The message printed instead of starting the window: Chinese first, then English for the IT desk."""
    names = "、".join(missing)
    return (
        f"无法启动图形界面：缺少系统库 {names}。\n"
        f"请由管理员安装：sudo apt-get install {DEBIAN_PACKAGES}\n"
        f"Cannot start the window: the Qt xcb platform plugin needs {', '.join(missing)}.\n"
        f"Install them with: sudo apt-get install {DEBIAN_PACKAGES}"
    )
